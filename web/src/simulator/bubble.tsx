// The bubble frame shared by both sides of the chat.
import type { ReactNode } from 'react';

export function formatTime(at: string): string {
  return new Date(at).toLocaleTimeString('es-MX', { hour: '2-digit', minute: '2-digit' });
}

type BubbleProps = {
  side: 'bot' | 'customer';
  children: ReactNode;
  /** Time and ticks, bottom right. */
  meta: ReactNode;
  /** Rendered under the bubble (reply buttons). */
  after?: ReactNode;
  /** Rendered inside the bubble below the time (a list's button). */
  bottom?: ReactNode;
  /** Stickers have no bubble. */
  bare?: boolean;
};

export function Bubble({ side, children, meta, after, bottom, bare }: BubbleProps) {
  const mine = side === 'customer';
  return (
    <li className={`wa-pop flex ${mine ? 'justify-end' : 'justify-start'}`}>
      <div className="flex max-w-[85%] flex-col gap-0.5">
        <div
          className={
            bare
              ? 'relative'
              : `relative rounded-lg px-2.5 pt-1.5 pb-1 text-[14.2px] leading-[19px] text-wa-ink shadow-[0_1px_0.5px_rgba(11,20,26,0.13)] ${
                  mine ? 'rounded-tr-none bg-wa-out' : 'rounded-tl-none bg-white'
                }`
          }
        >
          {children}
          <div className="float-right mt-1 ml-3 flex translate-y-0.5 items-center gap-1 text-[11px] text-wa-muted">
            {meta}
          </div>
          <div className="clear-both" />
          {bottom}
        </div>
        {after}
      </div>
    </li>
  );
}
