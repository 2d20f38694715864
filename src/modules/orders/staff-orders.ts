// The staff API's view of orders: the filtered list with a cursor, and one order in full.
import type { TenantClient } from '../../platform/db/clients.ts';
import type { Prisma } from '../../generated/tenant/client.ts';
import { AppError } from '../../platform/errors.ts';
import { ordersErrors } from './orders.errors.ts';
import { mapsLink } from './orders.messages.ts';
import { countOrdersByStatus, findOrderDetail, pageOrders, statusesWithNext, type OrderCursor, type OrderListFilters, type OrderListRow } from './staff-orders.repository.ts';
import { endOfDayIn, startOfDayIn } from './zoned-dates.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): OrderCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION', 'cursor: no es válido. Usa el nextCursor de la página anterior.');
  }
}

export type OrderListQuery = {
  status?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  customerId?: string | undefined;
  waId?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

/** A date filter: a calendar day in the shop's zone (`to` takes the whole day) or an exact instant. */
function instant(value: string | undefined, timeZone: string, edge: 'from' | 'to'): Date | undefined {
  if (!value) return undefined;
  if (DAY.test(value)) return edge === 'from' ? startOfDayIn(value, timeZone) : endOfDayIn(value, timeZone);
  return new Date(value);
}

function listFilters(query: Omit<OrderListQuery, 'limit' | 'cursor'>, shop: { timezone: string }): OrderListFilters {
  return {
    statuses: query.status,
    from: instant(query.from, shop.timezone, 'from'),
    to: instant(query.to, shop.timezone, 'to'),
    customerId: query.customerId,
    waId: query.waId,
    text: query.q,
  };
}

export async function listStaffOrders(db: TenantClient, query: OrderListQuery, shop: { timezone: string }) {
  const filters = listFilters(query, shop);
  const rows = await pageOrders(db, filters, query.cursor ? decodeCursor(query.cursor) : null, query.limit);
  const page = rows.slice(0, query.limit);
  return { orders: page.map(listItem), nextCursor: rows.length > query.limit && page.length ? encodeCursor(page.at(-1)!) : null };
}

/** Orders per status under the list's filters: every status of the company, zero included. */
export async function countStaffOrders(db: TenantClient, query: Omit<OrderListQuery, 'limit' | 'cursor'>, shop: { timezone: string }) {
  const [counts, statuses] = await Promise.all([countOrdersByStatus(db, listFilters(query, shop)), statusesWithNext(db)]);
  return { counts: statuses.map((s) => ({ status: s.code, count: counts.get(s.code) ?? 0 })) };
}

/** The stored amounts: what the order charged for delivery, and the lines' sum. */
const chargesOf = (o: { total: Prisma.Decimal; deliveryFee: Prisma.Decimal; deliveryMethod: string }) => ({
  subtotal: o.total.sub(o.deliveryFee).toFixed(2),
  deliveryFee: o.deliveryFee.toFixed(2),
  deliveryMethod: o.deliveryMethod === 'pickup' ? ('pickup' as const) : ('delivery' as const),
});

/** The delivery window the customer asked for (orders.requested_*), as the API shows it. */
const requestedOf = (o: { requestedFrom: Date | null; requestedTo: Date | null; requestedText: string | null }) => ({
  requestedFrom: o.requestedFrom?.toISOString() ?? null,
  requestedTo: o.requestedTo?.toISOString() ?? null,
  requestedText: o.requestedText,
});

const listItem = (o: OrderListRow) => ({
  id: o.id,
  orderCode: o.orderCode,
  status: o.status,
  statusLabel: o.statusRef.label,
  isFinal: o.statusRef.isFinal,
  total: o.total.toFixed(2),
  ...chargesOf(o),
  currency: o.currency,
  itemCount: o.itemCount,
  customer: o.customer,
  deliveryAddress: o.deliveryAddress,
  hasLocation: o.latitude !== null && o.longitude !== null,
  createdAt: o.createdAt.toISOString(),
  statusChangedAt: o.statusChangedAt.toISOString(),
  ...requestedOf(o),
});

/** Who made a history row: recorded actor, or read from the older free-text `changed_by`. */
function actorOf(h: { changedBy: string; actorKind: string | null; actorId: string | null; actorName: string | null }) {
  if (h.actorKind) return { kind: h.actorKind, id: h.actorId, name: h.actorName };
  if (h.changedBy === 'bot') return { kind: 'bot', id: null, name: null };
  if (h.changedBy === 'customer') return { kind: 'customer', id: null, name: null };
  if (h.changedBy === 'staff:platform') return { kind: 'platform', id: null, name: null };
  return { kind: 'api_key', id: null, name: null };
}

export async function getStaffOrder(db: TenantClient, orderCode: string) {
  const [o, statuses] = await Promise.all([findOrderDetail(db, orderCode), statusesWithNext(db)]);
  if (!o) throw ordersErrors.orderNotFound(orderCode);
  const next = new Set(statuses.find((s) => s.code === o.status)?.nextRows.map((r) => r.toStatus) ?? []);
  const hasPin = o.latitude !== null && o.longitude !== null;
  return {
    id: o.id,
    orderCode: o.orderCode,
    status: o.status,
    statusLabel: o.statusRef.label,
    isFinal: o.statusRef.isFinal,
    nextStatuses: o.statusRef.isFinal ? [] : statuses.filter((s) => next.has(s.code)).map((s) => ({ code: s.code, label: s.label })),
    total: o.total.toFixed(2),
    ...chargesOf(o),
    currency: o.currency,
    notes: o.notes,
    customer: o.customer,
    delivery: {
      address: o.deliveryAddress,
      latitude: o.latitude?.toString() ?? null,
      longitude: o.longitude?.toString() ?? null,
      mapUrl: hasPin ? mapsLink(o.latitude!, o.longitude!) : null,
    },
    items: o.items.map((i) => ({
      productId: i.productId,
      productName: i.productName,
      unit: i.unit,
      unitPrice: i.unitPrice.toFixed(2),
      quantity: i.quantity.toString(),
      lineTotal: i.lineTotal.toFixed(2),
    })),
    history: o.history.map((h) => ({
      id: h.id.toString(),
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      toLabel: h.to.label,
      at: h.createdAt.toISOString(),
      by: actorOf(h),
      note: h.note,
    })),
    createdAt: o.createdAt.toISOString(),
    statusChangedAt: o.statusChangedAt.toISOString(),
    ...requestedOf(o),
  };
}

export type StaffOrder = Awaited<ReturnType<typeof getStaffOrder>>;
