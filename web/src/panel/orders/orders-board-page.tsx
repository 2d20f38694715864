// /panel/:slug/pedidos — the orders board. Desktop: a column per status, cards moved with their
// buttons or dragged to a column they may go to. Phone: one status at a time, as tabs with counts.
// New orders arrive live (chime, tray in the first column); changes made by others show on the
// card ("Pasó a …") and the column offers "Actualizar" instead of reshuffling under the finger.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { Button, ErrorNotice, Modal, PageHeader, useToast } from '../lib/ui/index.ts';
import { keys } from '../live/query-keys.ts';
import { LiveIndicator, useCompanyEvents } from '../live/use-company-events.tsx';
import { useMediaQuery } from '../live/use-media-query.ts';
import { BoardColumn } from './board-column.tsx';
import { DAY_RANGES, filtersOf, hasFilters, type DayRange } from './board-filters.ts';
import { SearchIcon } from './order-icons.tsx';
import { useMoveOrder, useOrderCounts, useOrderStatuses, useShop, type OrderCard, type OrderListPage, type OrderStatus } from './orders-data.ts';

export function OrdersBoardPage() {
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const shop = useShop(slug);
  const statusesQuery = useOrderStatuses(slug);
  const filters = useMemo(() => filtersOf(params, shop.data?.timezone), [params, shop.data?.timezone]);
  const counts = useOrderCounts(slug, filters);
  const desktop = useMediaQuery('(min-width: 768px)');
  const finePointer = useMediaQuery('(pointer: fine)');
  const client = useQueryClient();
  const toast = useToast();
  const move = useMoveOrder(slug, filters);

  const statuses = useMemo(() => statusesQuery.data ?? [], [statusesQuery.data]);
  const statusMap = useMemo(() => new Map(statuses.map((s) => [s.code, s])), [statuses]);
  const firstStatus = statuses[0]?.code;

  const [arrivals, setArrivals] = useState<OrderCard[]>([]);
  const [ghosts, setGhosts] = useState(new Map<string, { status: string; label: string }>());
  const [stale, setStale] = useState(new Set<string>());
  const [busy, setBusy] = useState(new Set<string>());
  const [dragging, setDragging] = useState<OrderCard | null>(null);
  const [confirm, setConfirm] = useState<{ card: OrderCard; to: OrderStatus } | null>(null);
  const ownMoves = useRef(new Set<string>());
  const filtered = hasFilters(filters);

  // A change of filters reloads every column: nothing live is pending any more.
  useEffect(() => {
    setArrivals([]);
    setStale(new Set());
  }, [filters]);

  const markStale = useCallback((status: string | undefined) => {
    if (!status) return;
    setStale((s) => (s.has(status) ? s : new Set(s).add(status)));
  }, []);

  useCompanyEvents(slug, async (e) => {
    if (e.type === 'order.new' && e.orderCode) {
      if (filtered || !firstStatus) return markStale(firstStatus);
      try {
        const found = await apiFetch<OrderListPage>(`/api/companies/${encodeURIComponent(slug)}/orders?q=${encodeURIComponent(e.orderCode)}&limit=1`);
        const card = found.orders.find((o) => o.orderCode === e.orderCode);
        if (!card) return;
        if (card.status !== firstStatus) return markStale(card.status);
        setArrivals((list) => [card, ...list.filter((a) => a.orderCode !== card.orderCode)]);
      } catch {
        markStale(firstStatus);
      }
    } else if (e.type === 'order.status' && e.orderCode && e.status) {
      if (ownMoves.current.has(e.orderCode)) return;
      const code = e.orderCode;
      const label = statusMap.get(e.status)?.label ?? e.status;
      setGhosts((g) => new Map(g).set(code, { status: e.status!, label }));
      setArrivals((list) => list.filter((a) => a.orderCode !== code));
      markStale(e.status);
    } else if (e.type === 'resync') {
      setStale(new Set(statuses.map((s) => s.code)));
    }
  });

  const refreshColumn = useCallback(
    (status: string) => {
      if (status === firstStatus) setArrivals([]);
      setStale((s) => {
        const next = new Set(s);
        next.delete(status);
        return next;
      });
      void client.invalidateQueries({ queryKey: keys.boardColumn(slug, status, filters) });
      void client.invalidateQueries({ queryKey: keys.counts(slug) });
    },
    [client, slug, filters, firstStatus],
  );

  const doMove = useCallback(
    (card: OrderCard, to: OrderStatus) => {
      const code = card.orderCode;
      ownMoves.current.add(code);
      setBusy((b) => new Set(b).add(code));
      setArrivals((list) => list.filter((a) => a.orderCode !== code));
      move.mutate(
        { card, from: card.status, to: to.code, toLabel: to.label },
        {
          onSuccess: (res) => toast.success(res.customerNotified ? `${code} pasó a ${to.label}. Le avisamos al cliente.` : `${code} pasó a ${to.label}.`),
          onError: (err) => toast.error(errorMessage(err)),
          onSettled: () => {
            setBusy((b) => {
              const next = new Set(b);
              next.delete(code);
              return next;
            });
            window.setTimeout(() => ownMoves.current.delete(code), 5000);
          },
        },
      );
    },
    [move, toast],
  );

  // Final statuses other than the next step (cancelling) ask first: they cannot be undone.
  const requestMove = useCallback(
    (card: OrderCard, to: OrderStatus) => {
      const primary = statusMap.get(card.status)?.next[0];
      if (to.isFinal && to.code !== primary) setConfirm({ card, to });
      else doMove(card, to);
    },
    [statusMap, doMove],
  );

  const selected = params.get('estado') && statusMap.has(params.get('estado')!) ? params.get('estado')! : firstStatus;
  const setParam = (name: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const countOf = (code: string) => counts.data?.get(code);
  const columnProps = (s: OrderStatus) => ({
    slug,
    status: s,
    statuses: statusMap,
    filters,
    count: countOf(s.code),
    locale: shop.data?.locale,
    arrivals: s.code === firstStatus ? arrivals : [],
    showArrivalsTray: s.code === firstStatus && !filtered,
    ghosts,
    stale: stale.has(s.code),
    onRefresh: () => refreshColumn(s.code),
    onMove: requestMove,
    busyCodes: busy,
  });

  return (
    <div>
      <PageHeader title="Pedidos" description="Mueve cada pedido a su siguiente paso: al cliente le avisamos por WhatsApp." actions={<LiveIndicator slug={slug} />} />
      <BoardToolbar q={params.get('q') ?? ''} range={(params.get('dias') as DayRange) ?? 'todos'} onSearch={(q) => setParam('q', q || null)} onRange={(r) => setParam('dias', r === 'todos' ? null : r)} />
      {statusesQuery.isError ? (
        <ErrorNotice error={statusesQuery.error} onRetry={() => statusesQuery.refetch()} />
      ) : !statuses.length ? (
        <div className="h-[calc(100dvh-17rem)] min-h-[24rem] animate-pulse rounded-2xl bg-slate-100" aria-busy="true" />
      ) : desktop ? (
        <div className="-mx-4 flex gap-3 overflow-x-auto px-4 pb-2 lg:-mx-8 lg:px-8">
          {statuses.map((s) => {
            const canDrop = Boolean(dragging && statusMap.get(dragging.status)?.next.includes(s.code));
            return (
              <BoardColumn
                key={s.code}
                {...columnProps(s)}
                drag={finePointer ? { dragging, start: setDragging, end: () => setDragging(null), canDrop } : undefined}
              />
            );
          })}
        </div>
      ) : (
        <div>
          <div role="tablist" aria-label="Estados de los pedidos" className="-mx-4 mb-3 flex gap-2 overflow-x-auto px-4 pb-1">
            {statuses.map((s) => {
              const active = s.code === selected;
              return (
                <button
                  key={s.code}
                  type="button"
                  role="tab"
                  aria-selected={active}
                  aria-controls="estado-panel"
                  onClick={() => setParam('estado', s.code)}
                  className={`flex min-h-10 shrink-0 items-center gap-1.5 rounded-full px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-wa-green ${
                    active ? 'bg-wa-green text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200'
                  }`}
                >
                  {s.label}
                  <span className={`inline-block min-w-6 rounded-full px-1.5 text-center text-xs tabular-nums ${active ? 'bg-white/20' : 'bg-slate-100'}`}>{countOf(s.code) ?? '·'}</span>
                  {stale.has(s.code) && !active ? <span className="h-2 w-2 rounded-full bg-amber-500" aria-label="con cambios" /> : null}
                </button>
              );
            })}
          </div>
          <div id="estado-panel" role="tabpanel">
            {statuses
              .filter((s) => s.code === selected)
              .map((s) => (
                <BoardColumn key={s.code} {...columnProps(s)} phone />
              ))}
          </div>
        </div>
      )}
      <Modal
        open={Boolean(confirm)}
        title={confirm ? `¿${confirm.to.label === 'Cancelado' ? 'Cancelar' : `Pasar a ${confirm.to.label}`} el pedido ${confirm.card.orderCode}?` : ''}
        onClose={() => setConfirm(null)}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              Volver
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                if (confirm) doMove(confirm.card, confirm.to);
                setConfirm(null);
              }}
            >
              Sí, pasar a {confirm?.to.label}
            </Button>
          </>
        }
      >
        <p className="text-slate-700">Este cambio no se puede deshacer y le avisamos al cliente por WhatsApp.</p>
      </Modal>
    </div>
  );
}

function BoardToolbar({ q, range, onSearch, onRange }: { q: string; range: DayRange; onSearch: (q: string) => void; onRange: (r: DayRange) => void }) {
  const [text, setText] = useState(q);
  const search = useRef(onSearch);
  search.current = onSearch;
  useEffect(() => setText(q), [q]);
  // Searching as the person types, a moment after they stop.
  useEffect(() => {
    if (text.trim() === q) return;
    const t = window.setTimeout(() => search.current(text.trim()), 350);
    return () => window.clearTimeout(t);
  }, [text, q]);
  return (
    <div className="mb-4 flex items-center gap-2" role="search">
      <label className="relative min-w-0 flex-1">
        <span className="sr-only">Buscar pedidos</span>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-slate-500" />
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Código, cliente, teléfono o dirección"
          className="min-h-11 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-9 text-[15px] placeholder:text-slate-500 focus:border-wa-green focus:outline-2 focus:outline-wa-green/40"
        />
      </label>
      <label className="shrink-0">
        <span className="sr-only">Fecha de los pedidos</span>
        <select
          value={range}
          onChange={(e) => onRange(e.target.value as DayRange)}
          className="min-h-11 w-28 rounded-lg border border-slate-300 bg-white px-2 text-[15px] focus:border-wa-green focus:outline-2 focus:outline-wa-green/40 sm:w-auto sm:px-3"
        >
          {DAY_RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
