import type { TenantTx } from '../../platform/db/clients.ts';
import type { AppError } from '../../platform/errors.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import type { Company } from '../companies/index.ts';
import { ordersErrors, type StockProblem } from './orders.errors.ts';
import {
  changeStock,
  findOrderBySource,
  insertOrder,
  lockProducts,
  nextOrderCode,
  type LockedProduct,
  type OrderWithItems,
} from './orders.repository.ts';

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
  changedBy?: string;
  notes?: string | null;
  now?: Date;
};

export type PlacedOrder = OrderWithItems;

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

function findProblems(lines: Line[], products: Map<string, LockedProduct>) {
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
  const lines = mergeLines(input.lines);
  if (lines.length === 0) return { ok: false, error: ordersErrors.emptyOrder(), problems: [] };
  if (lines.some((l) => l.quantity.lte(0))) return { ok: false, error: ordersErrors.invalidQuantity(), problems: [] };
  const locked = await lockProducts({ tx, schema: company.db.schema }, lines.map((l) => l.productId));
  const products = new Map(locked.map((p) => [p.id, p]));
  const { unavailable, short } = findProblems(lines, products);
  if (unavailable.length > 0) return { ok: false, error: ordersErrors.productUnavailable(unavailable), problems: unavailable };
  if (short.length > 0) return { ok: false, error: ordersErrors.outOfStock(short), problems: short };

  const items = lines.flatMap((l) => {
    const p = products.get(l.productId);
    return p ? [{ productId: p.id, productName: p.name, unit: p.unit, unitPrice: p.price, quantity: l.quantity, lineTotal: lineTotal(p.price, l.quantity) }] : [];
  });
  for (const l of lines) {
    if (products.get(l.productId)?.stock !== null) await changeStock(tx, l.productId, l.quantity.neg());
  }
  const order = await insertOrder(tx, {
    orderCode: await nextOrderCode({ tx, schema: company.db.schema }),
    customerId: input.customerId,
    addressId: input.delivery.addressId,
    deliveryAddress: input.delivery.address,
    latitude: toDecimal(input.delivery.latitude, 6),
    longitude: toDecimal(input.delivery.longitude, 6),
    total: items.reduce((sum, i) => sum.add(i.lineTotal), new Prisma.Decimal(0)),
    currency: company.currency,
    notes: input.notes ?? null,
    sourceMessageId: input.sourceMessageId,
    changedBy: input.changedBy ?? 'bot',
    createdAt: input.now ?? new Date(),
    items,
  });
  return { ok: true, order, duplicate: false };
}
