// The delivery rule of an order total: the fee (waived from the free-delivery threshold), the
// minimum order, and what is missing to reach either. Money in integer cents, never floats; the
// shop's amounts are validated decimal strings (business-info.ts), subtotals come as decimals.
import type { BusinessInfo } from '../companies/index.ts';

export type DeliveryMethod = 'delivery' | 'pickup';

export type DeliveryCharges = {
  method: DeliveryMethod;
  subtotal: string;
  fee: string;
  total: string;
  /** The shop's minimum order, when it has one and it applies to this method. */
  minimumOrder: string | null;
  belowMinimum: boolean;
  /** How much more reaches the minimum (null: no minimum, or reached). */
  missingForMinimum: string | null;
  freeFrom: string | null;
  /** How much more makes delivery free (null: no threshold, free already, or pickup). */
  missingForFreeDelivery: string | null;
};

/** "49.9" → 4990. Accepts what Prisma.Decimal#toString gives (no exponent for money-sized values). */
export function toCents(amount: string | number | { toString(): string }): number {
  const text = String(amount).trim();
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const [, sign, whole, fraction = ''] = m;
  // Half-up to the cent, as order lines are rounded.
  const thousandths = Number((fraction + '000').slice(0, 3));
  const cents = Number(whole) * 100 + Math.floor(thousandths / 10) + (thousandths % 10 >= 5 ? 1 : 0);
  return sign ? -cents : cents;
}

export const fromCents = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/**
 * What an order of `subtotal` costs with the shop's delivery options. Pickup pays no fee; the
 * minimum order applies to both (a shop that wants it for delivery only says so in its text).
 * A shop that wrote nothing charges nothing and has no minimum.
 */
export function deliveryCharges(info: BusinessInfo, subtotal: string | number | { toString(): string }, method: DeliveryMethod = 'delivery'): DeliveryCharges {
  const d = info.delivery;
  const sub = toCents(subtotal);
  const feeCents = d?.fee ? toCents(d.fee) : 0;
  const freeFrom = d?.freeFrom ? toCents(d.freeFrom) : null;
  const minimum = d?.minimumOrder ? toCents(d.minimumOrder) : null;
  const free = method === 'pickup' || feeCents === 0 || (freeFrom !== null && sub >= freeFrom);
  const fee = free ? 0 : feeCents;
  const belowMinimum = minimum !== null && sub < minimum;
  return {
    method,
    subtotal: fromCents(sub),
    fee: fromCents(fee),
    total: fromCents(sub + fee),
    minimumOrder: minimum === null ? null : fromCents(minimum),
    belowMinimum,
    missingForMinimum: belowMinimum ? fromCents(minimum! - sub) : null,
    freeFrom: freeFrom === null ? null : fromCents(freeFrom),
    missingForFreeDelivery: !free && freeFrom !== null ? fromCents(freeFrom - sub) : null,
  };
}
