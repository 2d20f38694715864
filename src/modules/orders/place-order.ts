import type { TenantTx } from '../../platform/db/clients.ts';
import type { AppError } from '../../platform/errors.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import type { Company } from '../companies/index.ts';
import { ordersErrors, type StockProblem } from './orders.errors.ts';
import {
  changeStock,
  findInitialStatus,
  findOrderBySource,
  insertOrder,
  lockProducts,
  nextOrderCode,
  type LockedProduct,
  type OrderWithItems,
} from './orders.repository.ts';
import { findProductsByIds } from '../catalog/index.ts';
import { deliveryCharges, type DeliveryMethod } from '../settings/index.ts';

export type PlaceOrderInput = {
  customerId: string;
  lines: { productId: string; quantity: Prisma.Decimal | string }[];
  delivery: {
    addressId: string | null;
    address: string | null;
    latitude: Prisma.Decimal | number | null;
    longitude: Prisma.Decimal | number | null;
  };
  /** The provider id of the message that confirmed the order: the same one never orders twice. */
  sourceMessageId: string | null;
  /** A code taken earlier with `reserveOrderCode` (the one a preview showed); otherwise one is taken now. */
  orderCode?: string;
  changedBy?: string;
  notes?: string | null;
  /** The delivery window the customer asked for, if they said one. */
  requested?: RequestedWindow | null;
  /** Taken at the shop (no delivery fee) or delivered (the shop's fee, waived from its free-delivery amount). Default delivery. */
  method?: DeliveryMethod;
  now?: Date;
};

export type PlacedOrder = OrderWithItems;

/** "para mañana en la tarde": the customer's words and the window they mean, in absolute time. */
export type RequestedWindow = { from: Date; to: Date; text: string };

export type PlaceOrderResult =
  | { ok: true; order: PlacedOrder; duplicate: boolean }
  | { ok: false; error: AppError; problems: StockProblem[] };

type Line = { productId: string; quantity: Prisma.Decimal };

function mergeLines(lines: PlaceOrderInput['lines']): Line[] {
  const merged = new Map<string, Prisma.Decimal>();
  for (const l of lines) {
    const q = new Prisma.Decimal(l.quantity);
    merged.set(l.productId, (merged.get(l.productId) ?? new Prisma.Decimal(0)).add(q));
  }
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

function findProblems(lines: Line[], products: ReadonlyMap<string, LockedProduct>) {
  const unavailable: StockProblem[] = [];
  const short: StockProblem[] = [];
  for (const l of lines) {
    const p = products.get(l.productId);
    const base = { productId: l.productId, requested: l.quantity.toFixed(), name: p?.name ?? '', unit: p?.unit ?? '' };
    if (!p || !p.isActive) unavailable.push({ ...base, available: null });
    else if (p.stock !== null && p.stock.lt(l.quantity)) short.push({ ...base, available: p.stock.toFixed() });
  }
  return { unavailable, short };
}

// Line totals are rounded to cents half-up; the order total is the sum of the rounded lines,
// so what the customer reads line by line always adds up.
const lineTotal = (price: Prisma.Decimal, quantity: Prisma.Decimal) => price.mul(quantity).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);

const toDecimal = (v: Prisma.Decimal | number | null, places: number) =>
  v === null ? null : new Prisma.Decimal(typeof v === 'number' ? v.toFixed(places) : v).toDecimalPlaces(places);

export type OrderItemPlan = { productId: string; productName: string; unit: string; unitPrice: Prisma.Decimal; quantity: Prisma.Decimal; lineTotal: Prisma.Decimal };
type OrderPlan =
  | { ok: true; lines: Line[]; items: OrderItemPlan[]; total: Prisma.Decimal; deliveryFee: Prisma.Decimal; method: DeliveryMethod }
  | { ok: false; error: AppError; problems: StockProblem[] };

/**
 * The order's lines priced from `products` (as read or locked) with the shop's delivery rule
 * (fee, free-delivery amount, minimum order) applied to their sum, or why it cannot be placed. Pure.
 */
function planOrder(input: PlaceOrderInput, products: ReadonlyMap<string, LockedProduct>, company: Company): OrderPlan {
  const lines = mergeLines(input.lines);
  if (lines.length === 0) return { ok: false, error: ordersErrors.emptyOrder(), problems: [] };
  if (lines.some((l) => l.quantity.lte(0))) return { ok: false, error: ordersErrors.invalidQuantity(), problems: [] };
  const { unavailable, short } = findProblems(lines, products);
  if (unavailable.length > 0) return { ok: false, error: ordersErrors.productUnavailable(unavailable), problems: unavailable };
  if (short.length > 0) return { ok: false, error: ordersErrors.outOfStock(short), problems: short };
  const items = lines.flatMap((l) => {
    const p = products.get(l.productId);
    return p ? [{ productId: p.id, productName: p.name, unit: p.unit, unitPrice: p.price, quantity: l.quantity, lineTotal: lineTotal(p.price, l.quantity) }] : [];
  });
  const subtotal = items.reduce((sum, i) => sum.add(i.lineTotal), new Prisma.Decimal(0));
  const method = input.method ?? 'delivery';
  const charges = deliveryCharges(company.businessInfo, subtotal.toFixed(2), method);
  if (charges.belowMinimum) return { ok: false, error: ordersErrors.belowMinimum(charges.minimumOrder!, charges.missingForMinimum!, company), problems: [] };
  return { ok: true, lines, items, total: new Prisma.Decimal(charges.total), deliveryFee: new Prisma.Decimal(charges.fee), method };
}

const productIdsOf = (input: PlaceOrderInput) => [...new Set(input.lines.map((l) => l.productId))];

/** An order as it will be placed: what a customer is shown before it is written. */
export type OrderPreview = Pick<PlacedOrder, 'orderCode' | 'total' | 'deliveryFee' | 'deliveryMethod' | 'currency' | 'deliveryAddress' | 'latitude' | 'longitude'> & {
  items: OrderItemPlan[];
  statusRef: { label: string };
};

export type OrderPreviewResult =
  | { ok: true; order: OrderPreview; duplicate: boolean }
  | { ok: false; error: AppError; problems: StockProblem[] };

/**
 * What `placeOrder` would do now, read without locks or writes (for a turn deciding outside any
 * transaction): the order already placed from that message, the stock problems, or the order
 * with a code taken now (or `input.orderCode`, taken by an earlier preview of the same turn: a
 * code never written is a gap, as with a failed order). The commit places it with
 * `placeOrder(…, { orderCode })` and compares (`samePlacedOrder`): stock or prices that moved
 * in between mean deciding again.
 */
export async function previewOrder(db: TenantTx, company: Company, input: PlaceOrderInput): Promise<OrderPreviewResult> {
  if (input.sourceMessageId) {
    const existing = await findOrderBySource(db, input.sourceMessageId);
    if (existing) return { ok: true, order: existing, duplicate: true };
  }
  const products = new Map((await findProductsByIds(db, productIdsOf(input))).map((p) => [p.id, p]));
  const plan = planOrder(input, products, company);
  if (!plan.ok) return plan;
  const status = await findInitialStatus(db);
  return {
    ok: true,
    duplicate: false,
    order: {
      orderCode: input.orderCode ?? (await nextOrderCode({ tx: db, schema: company.db.schema })),
      items: plan.items,
      total: plan.total,
      deliveryFee: plan.deliveryFee,
      deliveryMethod: plan.method,
      currency: company.currency,
      deliveryAddress: input.delivery.address,
      latitude: toDecimal(input.delivery.latitude, 6),
      longitude: toDecimal(input.delivery.longitude, 6),
      statusRef: { label: status.label },
    },
  };
}

/** Whether a placed order is the one a preview showed: same code, lines, prices, delivery fee, total and status. */
export function samePlacedOrder(preview: OrderPreview, placed: OrderPreview): boolean {
  const line = (i: OrderItemPlan) => `${i.productId}|${i.productName}|${i.unit}|${i.unitPrice.toFixed(2)}|${i.quantity.toFixed()}|${i.lineTotal.toFixed(2)}`;
  return (
    preview.orderCode === placed.orderCode &&
    preview.total.eq(placed.total) &&
    preview.deliveryFee.eq(placed.deliveryFee) &&
    preview.deliveryMethod === placed.deliveryMethod &&
    preview.statusRef.label === placed.statusRef.label &&
    preview.items.map(line).join('\n') === placed.items.map(line).join('\n')
  );
}

/**
 * Creates an order atomically inside the caller's transaction: locks the products, checks they
 * are sold and in stock (null stock = unlimited), takes the stock, numbers the order and writes
 * items with price snapshots, the initial status and its history row. Stock problems come back
 * as a result (the caller keeps the cart); real failures throw.
 */
export async function placeOrder(tx: TenantTx, company: Company, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  if (input.sourceMessageId) {
    const existing = await findOrderBySource(tx, input.sourceMessageId);
    if (existing) return { ok: true, order: existing, duplicate: true };
  }
  const locked = await lockProducts({ tx, schema: company.db.schema }, productIdsOf(input));
  const plan = planOrder(input, new Map(locked.map((p) => [p.id, p])), company);
  if (!plan.ok) return plan;
  const { lines, items, total, deliveryFee, method } = plan;
  const tracked = new Map(locked.map((p) => [p.id, p.stock !== null]));
  for (const l of lines) {
    if (tracked.get(l.productId)) await changeStock(tx, l.productId, l.quantity.neg());
  }
  const order = await insertOrder(tx, {
    orderCode: input.orderCode ?? (await nextOrderCode({ tx, schema: company.db.schema })),
    customerId: input.customerId,
    addressId: input.delivery.addressId,
    deliveryAddress: input.delivery.address,
    latitude: toDecimal(input.delivery.latitude, 6),
    longitude: toDecimal(input.delivery.longitude, 6),
    total,
    deliveryFee,
    deliveryMethod: method,
    currency: company.currency,
    notes: input.notes ?? null,
    requested: input.requested ?? null,
    sourceMessageId: input.sourceMessageId,
    changedBy: input.changedBy ?? 'bot',
    createdAt: input.now ?? new Date(),
    items,
  });
  return { ok: true, order, duplicate: false };
}
