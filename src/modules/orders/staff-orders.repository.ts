// Staff API reads of orders: the filtered, cursor-paged list and one order in full.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import type { Prisma } from '../../generated/tenant/client.ts';

export type OrderListFilters = {
  statuses?: string[] | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  customerId?: string | undefined;
  waId?: string | undefined;
  /** An order code, or part of a customer's name or number. */
  text?: string | undefined;
};
export type OrderCursor = { createdAt: Date; id: string };

// No `_count: { items }` here: Prisma writes it as a LEFT JOIN on an aggregate of every order
// line of the tenant (250,000 rows on the bench) for each page. The page's lines are counted by
// a second statement on order_items(order_id) for those ids only (countItems).
const listInclude = {
  customer: { select: { id: true, waId: true, name: true } },
  statusRef: { select: { label: true, isFinal: true } },
} satisfies Prisma.OrderInclude;
export type OrderListRow = Prisma.OrderGetPayload<{ include: typeof listInclude }> & { itemCount: number };

function textFilter(text: string): Prisma.OrderWhereInput {
  const t = text.trim();
  const code = /^p-?(\d+)$/i.exec(t);
  if (code) return { orderCode: `P-${code[1]}` };
  const digits = t.replace(/[\s+()-]/g, '');
  return {
    OR: [
      { customer: { name: { contains: t, mode: 'insensitive' } } },
      ...(/^\d{3,}$/.test(digits) ? [{ customer: { waId: { contains: digits } } }] : []),
      { deliveryAddress: { contains: t, mode: 'insensitive' } },
    ],
  };
}

/**
 * Newest first by (created_at, id), one page after the cursor: keyset paging on the
 * orders_created_at_id_idx / orders_status_created_at_id_idx indexes, as fast on page 1,000 as on
 * page 1. One more row than asked is read to know whether there is a next page.
 */
function filterConditions(f: OrderListFilters): Prisma.OrderWhereInput[] {
  const and: Prisma.OrderWhereInput[] = [];
  if (f.statuses?.length) and.push({ status: { in: f.statuses } });
  if (f.from) and.push({ createdAt: { gte: f.from } });
  if (f.to) and.push({ createdAt: { lt: f.to } });
  if (f.customerId) and.push({ customerId: f.customerId });
  if (f.waId) and.push({ customer: { waId: f.waId } });
  if (f.text?.trim()) and.push(textFilter(f.text));
  return and;
}

export async function pageOrders(db: TenantClient | TenantTx, f: OrderListFilters, after: OrderCursor | null, limit: number): Promise<OrderListRow[]> {
  const and = filterConditions(f);
  // (created_at, id) < cursor, written so the created_at bound is an index condition: the plain
  // OR form made PostgreSQL walk the index from the newest order to the cursor (80,000 rows read
  // for a page 80,000 deep; this reads the page).
  if (after) and.push({ createdAt: { lte: after.createdAt } }, { OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] });
  const rows = await (db as TenantTx).order.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    include: listInclude,
  });
  const counts = await countItems(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, itemCount: counts.get(r.id) ?? 0 }));
}

/** Lines per order, for these orders only (an index scan of order_items by order_id). */
async function countItems(db: TenantClient | TenantTx, orderIds: string[]): Promise<Map<string, number>> {
  if (orderIds.length === 0) return new Map();
  const groups = await (db as TenantTx).orderItem.groupBy({ by: ['orderId'], where: { orderId: { in: orderIds } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.orderId, g._count._all]));
}

/** How many orders each status has under the same filters as the list (the board's column counts). */
export async function countOrdersByStatus(db: TenantClient | TenantTx, f: OrderListFilters): Promise<Map<string, number>> {
  const rows = await (db as TenantTx).order.groupBy({ by: ['status'], where: { AND: filterConditions(f) }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.status, r._count._all]));
}

const detailInclude = {
  items: { orderBy: [{ position: 'asc' }, { productName: 'asc' }] },
  customer: { select: { id: true, waId: true, name: true, phoneNumber: true } },
  statusRef: true,
  history: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { to: { select: { label: true } } } },
} satisfies Prisma.OrderInclude;
export type OrderDetailRow = Prisma.OrderGetPayload<{ include: typeof detailInclude }>;

export async function findOrderDetail(db: TenantClient | TenantTx, orderCode: string): Promise<OrderDetailRow | null> {
  return (db as TenantTx).order.findUnique({ where: { orderCode }, include: detailInclude });
}

export async function statusesWithNext(db: TenantClient | TenantTx) {
  return (db as TenantTx).orderStatus.findMany({ orderBy: { sortOrder: 'asc' }, include: { nextRows: { select: { toStatus: true } } } });
}
