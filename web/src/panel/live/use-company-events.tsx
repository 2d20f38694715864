import { useEffect, useRef, useSyncExternalStore } from 'react';
import { liveStatus, onLiveStatus, subscribeLive, type LiveEvent } from './event-stream.ts';

/** Calls onEvent for each live event of the company while the component is mounted. */
export function useCompanyEvents(slug: string, onEvent: (event: LiveEvent) => void): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!slug) return;
    return subscribeLive(slug, (e) => latest.current(e));
  }, [slug]);
}

/** A small "En vivo" / "Reconectando…" pill: the person knows the screen updates by itself. */
export function LiveIndicator({ slug }: { slug: string }) {
  const status = useSyncExternalStore(onLiveStatus, () => liveStatus(slug));
  const live = status === 'live';
  return (
    <span role="status" className={`inline-flex min-h-8 items-center gap-1.5 rounded-full px-3 text-xs font-medium ${live ? 'bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200' : 'bg-slate-100 text-slate-600'}`}>
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${live ? 'animate-pulse bg-emerald-500' : 'bg-slate-400'}`} />
      {live ? 'En vivo' : status === 'reconnecting' ? 'Reconectando…' : 'Conectando…'}
    </span>
  );
}
