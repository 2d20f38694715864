// Which quantities make sense for a product: positive, not absurd, whole for things sold by
// the piece, with grams/ml converted when the product is sold by kg/litre. Pure.
import { Prisma } from '../../../generated/tenant/client.ts';
import { convertQuantity, isMeasureUnit, productUnitCode, unitOf } from '../nlu/units.ts';
import { t } from '../conversations.messages.ts';

export const MAX_QUANTITY = 100;

export type QuantityCheck = { ok: true; quantity: Prisma.Decimal } | { ok: false; message: string };

export function checkQuantity(product: { name: string; unit: string }, typed: number, typedUnit: string | null): QuantityCheck {
  const productUnit = productUnitCode(product.unit);
  const converted = convertQuantity(typed, typedUnit ? unitOf(typedUnit) : null, productUnit);
  if (!Number.isFinite(converted) || converted <= 0) return { ok: false, message: t.qtyZero };
  if (converted > MAX_QUANTITY) return { ok: false, message: t.qtyTooBig(MAX_QUANTITY) };
  // Quantities are stored with 3 decimals (grams of a kilo).
  const rounded = Math.round(converted * 1000) / 1000;
  if (rounded <= 0) return { ok: false, message: t.qtyZero };
  if (!isMeasureUnit(productUnit) && !Number.isInteger(rounded)) return { ok: false, message: t.qtyWhole(product.name, product.unit) };
  return { ok: true, quantity: new Prisma.Decimal(rounded.toFixed(3)) };
}

export const soldByWeight = (unit: string): boolean => isMeasureUnit(productUnitCode(unit));
