// A column of the board (desktop) or the one status shown on a phone. Its list scrolls inside a
// box of fixed height; the "Actualizar" button and, in the first column, the arrivals tray have
// their space reserved, so live events never move what the person is looking at.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { OrderCardView, CARD_HEIGHT } from './order-card.tsx';
import { useBoardColumn, type BoardFilters, type OrderCard, type OrderStatus } from './orders-data.ts';

type Props = {
  slug: string;
  status: OrderStatus;
  statuses: Map<string, OrderStatus>;
  filters: BoardFilters;
  count: number | undefined;
  locale?: string;
  /** Orders that arrived live (first column only): shown in the reserved tray, not in the list. */
  arrivals?: OrderCard[];
  showArrivalsTray?: boolean;
  ghosts: Map<string, { status: string; label: string }>;
  stale: boolean;
  onRefresh: () => void;
  onMove: (card: OrderCard, to: OrderStatus) => void;
  busyCodes: Set<string>;
  /** Desktop drag and drop. */
  drag?: { dragging: OrderCard | null; start: (card: OrderCard) => void; end: () => void; canDrop: boolean };
  phone?: boolean;
};

let firstCardMarked = false;

export function BoardColumn({ slug, status, statuses, filters, count, locale, arrivals = [], showArrivalsTray, ghosts, stale, onRefresh, onMove, busyCodes, drag, phone }: Props) {
  const column = useBoardColumn(slug, status.code, filters);
  const arrivalCodes = useMemo(() => new Set(arrivals.map((a) => a.orderCode)), [arrivals]);
  const cards = useMemo(() => (column.data?.pages.flatMap((p) => p.orders) ?? []).filter((o) => !arrivalCodes.has(o.orderCode)), [column.data, arrivalCodes]);
  const [over, setOver] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  // The benchmark's "first meaningful paint": the first order card on screen.
  useLayoutEffect(() => {
    if (firstCardMarked || !cards.length) return;
    firstCardMarked = true;
    requestAnimationFrame(() => performance.mark('mostrador:board-first-card'));
  }, [cards.length]);

  const headingId = `col-${status.code}`;
  const dropTarget = drag?.dragging && drag.canDrop;
  return (
    <section
      aria-labelledby={headingId}
      className={`flex min-h-0 flex-col rounded-2xl bg-slate-100/80 ${phone ? 'w-full' : 'w-72 shrink-0'} ${dropTarget ? (over ? 'ring-2 ring-wa-green' : 'ring-2 ring-emerald-200') : ''}`}
      onDragOver={(e) => {
        if (!dropTarget) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (drag?.dragging && drag.canDrop) onMove(drag.dragging, status);
        drag?.end();
      }}
      data-status={status.code}
    >
      <header className={`flex items-center gap-2 px-3 ${phone ? 'h-9' : 'h-12'}`}>
        {/* On a phone the tab above already names the status and its count. */}
        <h2 id={headingId} className={phone ? 'sr-only' : 'line-clamp-2 text-sm leading-tight font-semibold text-slate-800'}>
          {status.label}
        </h2>
        <span className={`${phone ? 'sr-only' : 'inline-block'} min-w-8 rounded-full bg-white px-2 py-0.5 text-center text-xs font-semibold text-slate-700 tabular-nums ring-1 ring-slate-200`} aria-label={`${count ?? 0} pedidos`}>
          {count ?? '·'}
        </span>
        {phone ? <span className="text-xs text-slate-500">Los más nuevos primero</span> : null}
        <button
          type="button"
          onClick={onRefresh}
          className={`ml-auto rounded-lg px-2 py-1 text-xs font-medium text-wa-green-dark hover:bg-white focus-visible:outline-2 focus-visible:outline-wa-green ${stale ? '' : 'invisible'}`}
          aria-hidden={!stale}
          tabIndex={stale ? 0 : -1}
        >
          Actualizar
        </button>
      </header>

      {showArrivalsTray ? <ArrivalsTray slug={slug} arrivals={arrivals} statuses={statuses} locale={locale} onMove={onMove} onShowAll={onRefresh} busyCodes={busyCodes} /> : null}

      <ul ref={listRef} className={`flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto px-2 pb-2 ${phone ? '' : 'h-[calc(100dvh-17rem)] min-h-[24rem]'}`} aria-label={`Pedidos en ${status.label}`}>
        {column.isPending ? (
          Array.from({ length: 4 }, (_, i) => <li key={i} className={`${CARD_HEIGHT} animate-pulse rounded-xl bg-white/70`} aria-hidden="true" />)
        ) : column.isError ? (
          <li className="rounded-xl bg-white p-3 text-sm text-red-800" role="alert">
            No pudimos cargar estos pedidos.{' '}
            <button type="button" className="font-medium underline" onClick={() => column.refetch()}>
              Reintentar
            </button>
          </li>
        ) : cards.length === 0 ? (
          <li className="rounded-xl border border-dashed border-slate-300 p-4 text-center text-sm text-slate-500">Sin pedidos aquí</li>
        ) : (
          cards.map((card) => {
            const ghost = ghosts.get(card.orderCode);
            return (
              <OrderCardView
                key={card.orderCode}
                slug={slug}
                card={card}
                statuses={statuses}
                locale={locale}
                movedTo={ghost && ghost.status !== card.status ? ghost.label : undefined}
                busy={busyCodes.has(card.orderCode)}
                draggable={Boolean(drag)}
                onMove={onMove}
                onDragStart={drag?.start}
                onDragEnd={drag?.end}
              />
            );
          })
        )}
        {column.hasNextPage ? (
          <li>
            <button
              type="button"
              onClick={() => column.fetchNextPage()}
              disabled={column.isFetchingNextPage}
              className="min-h-10 w-full rounded-lg bg-white text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-wa-green disabled:opacity-60"
            >
              {column.isFetchingNextPage ? 'Cargando…' : 'Ver más pedidos'}
            </button>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/**
 * New orders that arrived while the board was open: a tray of reserved height at the top of the
 * first column shows the newest one (with its buttons) and how many more; "Ver en la lista" puts
 * them in the list, which the person asked for, so nothing moves on its own.
 */
function ArrivalsTray({ slug, arrivals, statuses, locale, onMove, onShowAll, busyCodes }: { slug: string; arrivals: OrderCard[]; statuses: Map<string, OrderStatus>; locale?: string; onMove: Props['onMove']; onShowAll: () => void; busyCodes: Set<string> }) {
  const [newest] = arrivals;
  return (
    <div className="px-2 pb-2" aria-live="polite">
      <div className="flex h-7 items-center justify-between px-1 text-xs">
        <span className={newest ? 'font-semibold text-emerald-800' : 'text-slate-500'}>
          {newest ? (arrivals.length === 1 ? '1 pedido nuevo' : `${arrivals.length} pedidos nuevos`) : 'Pedidos nuevos'}
        </span>
        {newest ? (
          <button type="button" onClick={onShowAll} className="rounded px-1 font-medium text-wa-green-dark underline focus-visible:outline-2 focus-visible:outline-wa-green">
            Ver en la lista
          </button>
        ) : null}
      </div>
      <ul className={CARD_HEIGHT}>
        {newest ? (
          <OrderCardView key={newest.orderCode} slug={slug} card={newest} statuses={statuses} locale={locale} highlight busy={busyCodes.has(newest.orderCode)} onMove={onMove} />
        ) : (
          <li className={`${CARD_HEIGHT} flex flex-col items-center justify-center gap-1 rounded-xl border border-dashed border-slate-300 px-4 text-center text-xs text-slate-500`}>
            <svg viewBox="0 0 24 24" className="h-6 w-6 text-slate-400" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
            <span>Cuando entre un pedido lo vas a ver aquí, con un sonido.</span>
          </li>
        )}
      </ul>
    </div>
  );
}
