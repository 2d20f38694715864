// One order on the board. Every card has the same height whatever its content (long names and
// addresses are cut), so cards never push each other around when data arrives.
import { Link } from 'react-router';
import { formatMoney, formatRelative } from '../lib/format.ts';
import type { OrderCard as Card, OrderStatus } from './orders-data.ts';
import { PinIcon, ClockIcon } from './order-icons.tsx';

export const CARD_HEIGHT = 'h-[8.75rem]';

type Props = {
  slug: string;
  card: Card;
  statuses: Map<string, OrderStatus>;
  locale?: string;
  /** Moved by someone else since the column was loaded: shown greyed with where it went. */
  movedTo?: string;
  highlight?: boolean;
  busy?: boolean;
  draggable?: boolean;
  onMove: (card: Card, to: OrderStatus) => void;
  onDragStart?: (card: Card) => void;
  onDragEnd?: () => void;
};

export function OrderCardView({ slug, card, statuses, locale, movedTo, highlight, busy, draggable, onMove, onDragStart, onDragEnd }: Props) {
  const next = (statuses.get(card.status)?.next ?? []).map((c) => statuses.get(c)).filter((s): s is OrderStatus => Boolean(s));
  const [primary, ...others] = next;
  const name = card.customer.name ?? `+${card.customer.waId}`;
  if (movedTo) {
    return (
      <li className={`${CARD_HEIGHT} flex flex-col justify-center rounded-xl border border-dashed border-slate-300 bg-slate-100/70 px-3 text-sm text-slate-600`}>
        <p className="font-semibold text-slate-700">{card.orderCode}</p>
        <p>
          Pasó a <strong>{movedTo}</strong>
        </p>
        <p className="truncate text-xs">{name}</p>
      </li>
    );
  }
  return (
    <li
      className={`${CARD_HEIGHT} group relative flex flex-col rounded-xl border bg-white px-3 py-2.5 shadow-sm transition-shadow ${highlight ? 'border-emerald-400 ring-2 ring-emerald-200' : 'border-slate-200'} ${draggable ? 'cursor-grab active:cursor-grabbing' : ''} ${busy ? 'opacity-60' : ''}`}
      draggable={draggable}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', card.orderCode);
        onDragStart?.(card);
      }}
      onDragEnd={onDragEnd}
      data-order-code={card.orderCode}
    >
      <div className="flex items-baseline justify-between gap-2">
        <Link
          to={`/panel/${slug}/pedidos/${encodeURIComponent(card.orderCode)}`}
          className="rounded font-semibold text-slate-900 after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:outline-2 focus-visible:outline-wa-green"
          aria-label={`Pedido ${card.orderCode} de ${name}`}
        >
          {card.orderCode}
        </Link>
        <time dateTime={card.createdAt} className="shrink-0 text-xs text-slate-500" title={new Date(card.createdAt).toLocaleString('es-MX')}>
          {formatRelative(card.createdAt)}
        </time>
      </div>
      <p className="truncate text-sm text-slate-700">{name}</p>
      <div className="mt-0.5 flex items-center gap-2 text-sm">
        <span className="font-semibold text-slate-900 tabular-nums">{formatMoney(card.total, card.currency, locale)}</span>
        <span className="text-slate-500">
          · {card.itemCount} {card.itemCount === 1 ? 'producto' : 'productos'}
        </span>
      </div>
      <p className="flex min-w-0 items-center gap-1 truncate text-xs text-slate-600">
        {card.requestedText ? (
          <>
            <ClockIcon className="h-3.5 w-3.5 shrink-0 text-amber-600" />
            <span className="truncate">Para {card.requestedText}</span>
          </>
        ) : card.hasLocation ? (
          <>
            <PinIcon className="h-3.5 w-3.5 shrink-0 text-wa-green" />
            <span className="truncate">{card.deliveryAddress ?? 'Ubicación enviada'}</span>
          </>
        ) : (
          <span className="truncate">{card.deliveryAddress ?? 'Sin dirección'}</span>
        )}
      </p>
      {primary ? (
        <div className="relative z-10 mt-auto flex items-center gap-1.5">
          <button
            type="button"
            disabled={busy}
            onClick={() => onMove(card, primary)}
            className="min-h-9 flex-1 truncate rounded-lg bg-wa-green px-2 text-sm font-medium text-white hover:bg-wa-green-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-wa-green disabled:opacity-60"
            aria-label={`Mover ${card.orderCode} a ${primary.label}`}
          >
            {primary.label} →
          </button>
          {others.length ? (
            <label className="relative">
              <span className="sr-only">Otras opciones para {card.orderCode}</span>
              <select
                value=""
                disabled={busy}
                onChange={(e) => {
                  const to = statuses.get(e.target.value);
                  if (to) onMove(card, to);
                }}
                className="min-h-9 w-11 cursor-pointer appearance-none rounded-lg border border-slate-300 bg-white text-center text-lg leading-none text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-wa-green"
              >
                <option value="" disabled>
                  ⋯
                </option>
                {others.map((s) => (
                  <option key={s.code} value={s.code}>
                    Mover a {s.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
