import type { TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { quotedSchema, type TenantScope } from '../../platform/db/tenant-scope.ts';
import { forgetProductReads } from '../catalog/index.ts';

export type LockedProduct = {
  id: string;
  name: string;
  price: Prisma.Decimal;
  unit: string;
  stock: Prisma.Decimal | null;
  isActive: boolean;
};

type LockedRow = { id: string; name: string; price: string; unit: string; stock: string | null; is_active: boolean };

/**
 * Locks the products of an order (FOR UPDATE, in id order so two orders never deadlock) and
 * reads them after the lock: a concurrent order that got there first is already reflected.
 */
export async function lockProducts({ tx, schema }: TenantScope, ids: string[]): Promise<LockedProduct[]> {
  const sorted = [...ids].sort();
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT id::text AS id, name, price::text AS price, unit, stock::text AS stock, is_active
    FROM ${Prisma.raw(quotedSchema(schema))}."products"
    WHERE id = ANY(${sorted}::uuid[])
    ORDER BY id
    FOR UPDATE`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    price: new Prisma.Decimal(r.price),
    unit: r.unit,
    stock: r.stock === null ? null : new Prisma.Decimal(r.stock),
    isActive: r.is_active,
  }));
}

export async function changeStock(tx: TenantTx, productId: string, delta: Prisma.Decimal): Promise<void> {
  forgetProductReads(tx);
  await tx.product.update({ where: { id: productId }, data: { stock: { increment: delta } } });
}

/** Gives stock back to a product that tracks it; unlimited products (stock null) stay unlimited. */
export async function restockProduct(tx: TenantTx, productId: string, quantity: Prisma.Decimal): Promise<void> {
  forgetProductReads(tx);
  await tx.product.updateMany({ where: { id: productId, stock: { not: null } }, data: { stock: { increment: quantity } } });
}

/** P-1001, P-1002…: the company's own sequence, so codes are short and never repeat. */
export async function nextOrderCode({ tx, schema }: TenantScope): Promise<string> {
  const seq = `${quotedSchema(schema)}."order_code_seq"`;
  const [row] = await tx.$queryRaw<{ n: string }[]>`SELECT nextval(${seq}::regclass)::text AS n`;
  if (!row) throw new Error('order_code_seq returned no value');
  return `P-${row.n}`;
}

/** Order lines in the order the customer gave them (older orders: by name). */
const itemsInOrder = { orderBy: [{ position: 'asc' }, { productName: 'asc' }] } satisfies Prisma.Order$itemsArgs;
const orderInclude = { items: itemsInOrder, statusRef: true } satisfies Prisma.OrderInclude;
export type OrderWithItems = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

export async function findOrderBySource(tx: TenantTx, sourceMessageId: string): Promise<OrderWithItems | null> {
  return tx.order.findUnique({ where: { sourceMessageId }, include: orderInclude });
}

export type NewOrder = {
  orderCode: string;
  customerId: string;
  addressId: string | null;
  deliveryAddress: string | null;
  latitude: Prisma.Decimal | null;
  longitude: Prisma.Decimal | null;
  total: Prisma.Decimal;
  deliveryFee: Prisma.Decimal;
  deliveryMethod: 'delivery' | 'pickup';
  currency: string;
  notes: string | null;
  requested: { from: Date; to: Date; text: string } | null;
  sourceMessageId: string | null;
  changedBy: string;
  createdAt: Date;
  items: { productId: string; productName: string; unit: string; unitPrice: Prisma.Decimal; quantity: Prisma.Decimal; lineTotal: Prisma.Decimal }[];
};

export const INITIAL_STATUS = 'pendiente';

/** The status a new order starts in (its label is shown to the customer when the order is placed). */
export async function findInitialStatus(tx: TenantTx) {
  return tx.orderStatus.findUniqueOrThrow({ where: { code: INITIAL_STATUS } });
}

export async function insertOrder(tx: TenantTx, o: NewOrder): Promise<OrderWithItems> {
  return tx.order.create({
    data: {
      orderCode: o.orderCode,
      customerId: o.customerId,
      addressId: o.addressId,
      deliveryAddress: o.deliveryAddress,
      latitude: o.latitude,
      longitude: o.longitude,
      total: o.total,
      deliveryFee: o.deliveryFee,
      deliveryMethod: o.deliveryMethod,
      currency: o.currency,
      status: INITIAL_STATUS,
      notes: o.notes,
      requestedFrom: o.requested?.from ?? null,
      requestedTo: o.requested?.to ?? null,
      requestedText: o.requested ? o.requested.text.slice(0, 200) : null,
      sourceMessageId: o.sourceMessageId,
      statusChangedAt: o.createdAt,
      createdAt: o.createdAt,
      items: { create: o.items.map((item, position) => ({ ...item, position })) },
      history: { create: { fromStatus: null, toStatus: INITIAL_STATUS, changedBy: o.changedBy, createdAt: o.createdAt } },
    },
    include: orderInclude,
  });
}

export type RecentOrder = Prisma.OrderGetPayload<{ include: { statusRef: true } }>;

export async function listRecentOrders(tx: TenantTx, customerId: string, take: number): Promise<RecentOrder[]> {
  return tx.order.findMany({
    where: { customerId },
    orderBy: [{ createdAt: 'desc' }, { orderCode: 'desc' }],
    take,
    include: { statusRef: true },
  });
}

/** Locks one order row for a status change; null when the code does not exist. */
export async function lockOrderByCode({ tx, schema }: TenantScope, orderCode: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM ${Prisma.raw(quotedSchema(schema))}."orders" WHERE order_code = ${orderCode} FOR UPDATE`;
  return rows[0]?.id ?? null;
}

const orderForStatusInclude = {
  statusRef: true,
  items: itemsInOrder,
  customer: { select: { id: true, waId: true, name: true } },
} satisfies Prisma.OrderInclude;
export type OrderForStatus = Prisma.OrderGetPayload<{ include: typeof orderForStatusInclude }>;

export async function getOrderForStatus(tx: TenantTx, id: string): Promise<OrderForStatus> {
  return tx.order.findUniqueOrThrow({ where: { id }, include: orderForStatusInclude });
}

export async function listStatuses(tx: TenantTx) {
  return tx.orderStatus.findMany({ orderBy: { sortOrder: 'asc' } });
}

/** The statuses the company allows after `from` (its order_status_transitions). */
export async function nextStatuses(tx: TenantTx, from: string): Promise<string[]> {
  const rows = await tx.orderStatusTransition.findMany({ where: { fromStatus: from }, select: { toStatus: true } });
  return rows.map((r) => r.toStatus);
}

export type OrderActorRow = { kind: string; id: string | null; name: string | null };

export async function setOrderStatus(
  tx: TenantTx,
  input: { orderId: string; fromStatus: string; toStatus: string; changedBy: string; actor?: OrderActorRow; note: string | null; at: Date },
) {
  await tx.orderHistory.create({
    data: {
      orderId: input.orderId, fromStatus: input.fromStatus, toStatus: input.toStatus, changedBy: input.changedBy, note: input.note, createdAt: input.at,
      actorKind: input.actor?.kind ?? null, actorId: input.actor?.id ?? null, actorName: input.actor?.name ?? null,
    },
  });
  return tx.order.update({
    where: { id: input.orderId },
    data: { status: input.toStatus, statusChangedAt: input.at },
    include: { statusRef: true, customer: { select: { waId: true, name: true } } },
  });
}

const staffOrderInclude = { items: itemsInOrder, customer: { select: { waId: true, name: true } }, statusRef: true } satisfies Prisma.OrderInclude;

/** The latest orders, newest first, with lines, customer and status (staff API). */
export async function listLatestOrders(tx: TenantTx, take: number) {
  return tx.order.findMany({ orderBy: { createdAt: 'desc' }, take, include: staffOrderInclude });
}

/** One order with lines, customer, status and history (staff API); null when the code does not exist. */
export async function findOrderByCode(tx: TenantTx, orderCode: string) {
  return tx.order.findUnique({ where: { orderCode }, include: { ...staffOrderInclude, history: { orderBy: { createdAt: 'asc' } } } });
}

/** One of the customer's own orders by its code; another customer's code is null, as if it did not exist. */
export async function findCustomerOrder(tx: TenantTx, customerId: string, orderCode: string): Promise<OrderForStatus | null> {
  const order = await tx.order.findUnique({ where: { orderCode }, include: orderForStatusInclude });
  return order && order.customerId === customerId ? order : null;
}

/** The customer's most recent order still in its initial status (what "cancelar" after confirming means). */
export async function findLatestPendingOrder(tx: TenantTx, customerId: string): Promise<OrderForStatus | null> {
  return tx.order.findFirst({ where: { customerId, status: INITIAL_STATUS }, orderBy: [{ createdAt: 'desc' }, { orderCode: 'desc' }], include: orderForStatusInclude });
}
