// The sheet WhatsApp opens when the customer taps a list message's button: sections and rows;
// tapping a row answers with a list_reply.
import { useEffect, useId, useRef } from 'react';
import { CloseIcon } from './icons.tsx';
import { t } from './simulator.messages.ts';
import type { InteractiveWire, ReplyChoice } from './wire-types.ts';

type Props = {
  interactive: InteractiveWire;
  onChoose: (choice: ReplyChoice) => void;
  onClose: () => void;
};

export function ListSheet({ interactive, onChoose, onClose }: Props) {
  const titleId = useId();
  const sheetRef = useRef<HTMLDivElement>(null);
  const sections = interactive.action?.sections ?? [];

  useEffect(() => {
    sheetRef.current?.querySelector<HTMLButtonElement>('[data-row]')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      // Keep Tab inside the sheet while it is open.
      if (e.key === 'Tab' && sheetRef.current) {
        const focusable = Array.from(sheetRef.current.querySelectorAll<HTMLElement>('button'));
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="absolute inset-0 z-20 flex flex-col justify-end">
      <div aria-hidden className="absolute inset-0 bg-black/40" onClick={onClose} />
      <div
        ref={sheetRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="wa-sheet relative flex max-h-[75%] flex-col rounded-t-2xl bg-white shadow-2xl"
      >
        <div className="mx-auto mt-2 h-1 w-10 rounded-full bg-slate-300" aria-hidden />
        <div className="flex items-center gap-2 px-3 pt-1 pb-2">
          <button
            type="button"
            onClick={onClose}
            aria-label={t.close}
            className="grid h-9 w-9 place-items-center rounded-full text-wa-muted hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-wa-green"
          >
            <CloseIcon className="h-5 w-5" />
          </button>
          <h2 id={titleId} className="flex-1 pr-9 text-center text-[16px] font-semibold text-wa-ink">
            {interactive.action?.button}
          </h2>
        </div>
        <div className="overflow-y-auto pb-4">
          {sections.map((section, s) => (
            <section key={`${section.title ?? ''}-${s}`} aria-label={section.title}>
              {section.title && (
                <h3 className="px-5 pt-3 pb-1 text-[13px] font-medium text-wa-green">{section.title}</h3>
              )}
              <ul>
                {section.rows.map((row) => (
                  <li key={row.id}>
                    <button
                      type="button"
                      data-row
                      onClick={() => onChoose({ kind: 'list_reply', id: row.id, title: row.title })}
                      className="flex w-full items-center gap-3 px-5 py-2.5 text-left hover:bg-slate-50 focus-visible:bg-slate-100 focus-visible:outline-none"
                    >
                      <span className="flex-1 border-b border-slate-100 pb-2.5">
                        <span className="block text-[15px] text-wa-ink">{row.title}</span>
                        {row.description && (
                          <span className="block text-[13px] text-wa-muted">{row.description}</span>
                        )}
                      </span>
                      <span aria-hidden className="h-5 w-5 shrink-0 rounded-full border-2 border-slate-300" />
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
