import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type Tone = 'success' | 'error' | 'info';
type ToastItem = { id: number; tone: Tone; text: string };
type ToastApi = { show: (text: string, tone?: Tone) => void; success: (text: string) => void; error: (text: string) => void };

const ToastContext = createContext<ToastApi | null>(null);

/** Short notices at the bottom (above the phone's bottom nav), read by screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const show = useCallback((text: string, tone: Tone = 'info') => {
    const id = next.current++;
    setItems((list) => [...list.slice(-2), { id, tone, text }]);
    window.setTimeout(() => setItems((list) => list.filter((t) => t.id !== id)), tone === 'error' ? 7000 : 4000);
  }, []);
  const api = useMemo<ToastApi>(() => ({ show, success: (t) => show(t, 'success'), error: (t) => show(t, 'error') }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-20 z-50 flex flex-col items-center gap-2 px-4 lg:bottom-6">
        {items.map((t) => (
          <div
            key={t.id}
            role={t.tone === 'error' ? 'alert' : 'status'}
            className={`wa-pop pointer-events-auto max-w-md rounded-lg px-4 py-3 text-sm font-medium shadow-lg ${
              t.tone === 'error' ? 'bg-red-700 text-white' : t.tone === 'success' ? 'bg-slate-900 text-white' : 'bg-slate-800 text-white'
            }`}
          >
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast outside ToastProvider');
  return api;
}
