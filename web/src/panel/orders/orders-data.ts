// The board's and the order detail's data: wire types taken from the API's own zod schemas (type
// imports only: no server code reaches the bundle), and the TanStack Query hooks over them.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { z } from 'zod';
import type { orderCountsSchema, orderDetailSchema, orderListSchema, orderStatusesSchema } from '../../../../src/modules/orders/orders.api-schemas.ts';
import type { settingsSchema } from '../../../../src/modules/settings/settings.schemas.ts';
import { apiFetch } from '../lib/api.ts';
import { keys } from '../live/query-keys.ts';

export type OrderListPage = z.infer<typeof orderListSchema>;
export type OrderCard = OrderListPage['orders'][number];
export type OrderDetail = z.infer<typeof orderDetailSchema>;
export type OrderStatus = z.infer<typeof orderStatusesSchema>['statuses'][number];
export type OrderCounts = z.infer<typeof orderCountsSchema>;
type Settings = z.infer<typeof settingsSchema>;

/** The board's filters (also in the URL): text search and a range of days in the shop's zone. */
export type BoardFilters = { q?: string; from?: string; to?: string };

// A column shows 3 to 6 cards at once: the first page is small so the first paint is quick; "Ver más" reads on.
export const PAGE_SIZE = 15;
const base = (slug: string) => `/api/companies/${encodeURIComponent(slug)}`;

function query(params: Record<string, string | number | undefined>) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

/** The shop's currency, locale and time zone (money and "today" are the shop's, not the browser's). */
export function useShop(slug: string) {
  return useQuery({
    queryKey: keys.shop(slug),
    queryFn: ({ signal }) => apiFetch<Settings>(`${base(slug)}/settings`, { signal }),
    staleTime: 5 * 60_000,
    select: (s) => ({ name: s.company.name, currency: s.company.currency, locale: s.company.locale, timezone: s.company.timezone }),
  });
}

type Statuses = z.infer<typeof orderStatusesSchema>;
const statusesStoreKey = (slug: string) => `mostrador:estados:${slug}`;

/** The statuses last seen for this company (they rarely change): lets the board ask for its columns at once. */
export function rememberedStatuses(slug: string): Statuses | null {
  try {
    const raw = localStorage.getItem(statusesStoreKey(slug));
    const parsed = raw ? (JSON.parse(raw) as Statuses) : null;
    return parsed && Array.isArray(parsed.statuses) ? parsed : null;
  } catch {
    return null;
  }
}

export const statusesQuery = (slug: string) =>
  queryOptions({
    queryKey: keys.statuses(slug),
    queryFn: async ({ signal }) => {
      const statuses = await apiFetch<Statuses>(`${base(slug)}/order-statuses`, { signal });
      try {
        localStorage.setItem(statusesStoreKey(slug), JSON.stringify(statuses));
      } catch {
        // Private mode or a full storage: the board just waits for the statuses next time.
      }
      return statuses;
    },
    staleTime: 10 * 60_000,
  });

export function useOrderStatuses(slug: string) {
  return useQuery({
    ...statusesQuery(slug),
    // The statuses seen last time draw the columns at once; the API's answer replaces them.
    initialData: () => rememberedStatuses(slug) ?? undefined,
    initialDataUpdatedAt: 0,
    // A status's moves in the statuses' own order (the next step first, cancelling last).
    select: (d) => {
      const rank = new Map(d.statuses.map((s, i) => [s.code, i]));
      return d.statuses.map((s) => ({ ...s, next: [...s.next].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)) }));
    },
  });
}

export const countsQuery = (slug: string, filters: BoardFilters) =>
  queryOptions({
    queryKey: keys.counts(slug, filters),
    queryFn: ({ signal }) => apiFetch<OrderCounts>(`${base(slug)}/order-counts${query({ ...filters })}`, { signal }),
  });

export function useOrderCounts(slug: string, filters: BoardFilters) {
  return useQuery({
    ...countsQuery(slug, filters),
    placeholderData: (prev) => prev,
    select: (d) => new Map(d.counts.map((c) => [c.status, c.count])),
  });
}

/**
 * One column of the board: a page of its newest orders, more on demand (the API's cursor). Live
 * events do not refetch it behind the person's back (see the board): only their own actions,
 * "Actualizar" and a change of filters do.
 */
export const columnQuery = (slug: string, status: string, filters: BoardFilters) =>
  infiniteQueryOptions({
    queryKey: keys.boardColumn(slug, status, filters),
    queryFn: ({ pageParam, signal }) => apiFetch<OrderListPage>(`${base(slug)}/orders${query({ status, limit: PAGE_SIZE, cursor: pageParam ?? undefined, ...filters })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: OrderListPage) => last.nextCursor,
    staleTime: Infinity,
  });

export function useBoardColumn(slug: string, status: string, filters: BoardFilters, enabled = true) {
  return useInfiniteQuery({ ...columnQuery(slug, status, filters), refetchOnWindowFocus: false, enabled });
}

export function useOrder(slug: string, code: string) {
  return useQuery({
    queryKey: keys.order(slug, code),
    queryFn: ({ signal }) => apiFetch<{ order: OrderDetail }>(`${base(slug)}/orders/${encodeURIComponent(code)}`, { signal }),
    select: (d) => d.order,
  });
}

/** A customer's latest orders (the inbox's side panel). */
export function useCustomerOrders(slug: string, waId: string | undefined) {
  return useQuery({
    queryKey: keys.customerOrders(slug, waId ?? ''),
    queryFn: ({ signal }) => apiFetch<OrderListPage>(`${base(slug)}/orders${query({ waId, limit: 10 })}`, { signal }),
    enabled: Boolean(waId),
  });
}

export async function fetchTicket(slug: string, code: string): Promise<string> {
  const res = await fetch(`${base(slug)}/orders/${encodeURIComponent(code)}/ticket`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error('No pudimos preparar el ticket. Intenta de nuevo.');
  return res.text();
}

type ColumnData = InfiniteData<OrderListPage, string | null>;

/** Takes an order out of every loaded page of a column. */
function withoutOrder(data: ColumnData | undefined, code: string): ColumnData | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((p) => ({ ...p, orders: p.orders.filter((o) => o.orderCode !== code) })) };
}

/** Puts an order in a column where the list's order (newest first) would have it, if that part is loaded. */
function withOrder(data: ColumnData | undefined, card: OrderCard): ColumnData | undefined {
  if (!data || !data.pages.length) return data;
  const pages = data.pages.map((p) => ({ ...p, orders: p.orders.filter((o) => o.orderCode !== card.orderCode) }));
  for (const [i, p] of pages.entries()) {
    const at = p.orders.findIndex((o) => o.createdAt < card.createdAt);
    const lastPage = i === pages.length - 1;
    if (at >= 0 || (lastPage && !p.nextCursor)) {
      const orders = [...p.orders];
      orders.splice(at >= 0 ? at : orders.length, 0, card);
      pages[i] = { ...p, orders };
      return { ...data, pages };
    }
  }
  return { ...data, pages };
}

/**
 * Moves an order to another status. The card moves at once (the person sees their action take
 * effect); if the API refuses, it goes back and the API's Spanish reason is shown.
 */
export function useMoveOrder(slug: string, filters: BoardFilters) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { card: OrderCard; to: string; toLabel?: string; from: string }) =>
      apiFetch<{ order: OrderDetail; customerNotified: boolean }>(`${base(slug)}/orders/${encodeURIComponent(v.card.orderCode)}`, { method: 'PATCH', body: { status: v.to } }),
    onMutate: async (v) => {
      const fromKey = keys.boardColumn(slug, v.from, filters);
      const toKey = keys.boardColumn(slug, v.to, filters);
      const countsKey = keys.counts(slug, filters);
      await Promise.all([client.cancelQueries({ queryKey: fromKey }), client.cancelQueries({ queryKey: toKey }), client.cancelQueries({ queryKey: countsKey })]);
      const before = { from: client.getQueryData<ColumnData>(fromKey), to: client.getQueryData<ColumnData>(toKey), counts: client.getQueryData<OrderCounts>(countsKey) };
      const card = before.from?.pages.flatMap((p) => p.orders).find((o) => o.orderCode === v.card.orderCode) ?? v.card;
      client.setQueryData<ColumnData>(fromKey, (d) => withoutOrder(d, v.card.orderCode));
      client.setQueryData<ColumnData>(toKey, (d) => withOrder(d, { ...card, status: v.to, statusLabel: v.toLabel ?? card.statusLabel, statusChangedAt: new Date().toISOString() }));
      client.setQueryData<OrderCounts>(countsKey, (d) =>
        d ? { counts: d.counts.map((c) => (c.status === v.from ? { ...c, count: Math.max(0, c.count - 1) } : c.status === v.to ? { ...c, count: c.count + 1 } : c)) } : d,
      );
      return { before, fromKey, toKey, countsKey };
    },
    onError: (_err, _v, ctx) => {
      if (!ctx) return;
      client.setQueryData(ctx.fromKey, ctx.before.from);
      client.setQueryData(ctx.toKey, ctx.before.to);
      client.setQueryData(ctx.countsKey, ctx.before.counts);
    },
    onSuccess: (res) => {
      client.setQueryData(keys.order(slug, res.order.orderCode), { order: res.order });
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.counts(slug) });
      void client.invalidateQueries({ queryKey: keys.customerOrders(slug) });
      void client.invalidateQueries({ queryKey: keys.reports(slug) });
    },
  });
}

/** The status change from the order's own page. */
export function useChangeOrderStatus(slug: string, code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (to: string) => apiFetch<{ order: OrderDetail; customerNotified: boolean }>(`${base(slug)}/orders/${encodeURIComponent(code)}`, { method: 'PATCH', body: { status: to } }),
    onSuccess: (res) => {
      client.setQueryData(keys.order(slug, code), { order: res.order });
      void client.invalidateQueries({ queryKey: keys.boardColumn(slug) });
      void client.invalidateQueries({ queryKey: keys.counts(slug) });
      void client.invalidateQueries({ queryKey: keys.customerOrders(slug) });
    },
  });
}
