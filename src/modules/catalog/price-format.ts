import { Prisma } from '../../generated/tenant/client.ts';

export type MoneyLocale = { currency: string; locale: string };

const formatters = new Map<string, Intl.NumberFormat>();

/** "$45.00" in the shop's locale and currency; the amount is passed as an exact decimal string. */
export function formatMoney(amount: Prisma.Decimal | string, shop: MoneyLocale): string {
  const key = `${shop.locale}|${shop.currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(shop.locale, { style: 'currency', currency: shop.currency });
    formatters.set(key, f);
  }
  const exact = new Prisma.Decimal(amount).toFixed(2) as `${number}`;
  return f.format(exact);
}

/** "2", "1.5", "0.25": quantities without trailing zeros. */
export function formatQuantity(quantity: Prisma.Decimal | string | number): string {
  return new Prisma.Decimal(quantity).toDecimalPlaces(3).toFixed();
}

const ABBREVIATIONS = /^(kg|g|gr|grs|l|lt|lts|ml|pz|pza|pzas|m|cm|oz|lb)\.?$/i;

/** Spanish plural of a unit for a quantity: 1 garrafón, 2 garrafones, 0.5 kg. */
export function unitLabel(unit: string, quantity: Prisma.Decimal | string | number): string {
  const u = unit.trim();
  if (new Prisma.Decimal(quantity).eq(1) || ABBREVIATIONS.test(u) || u.includes(' ')) return u;
  const accented = /([áéíóú])([ns])$/i.exec(u);
  if (accented?.[1]) {
    const plain = accented[1].normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return `${u.slice(0, -2)}${plain}${accented[2]}es`;
  }
  if (/[aeiou]$/i.test(u)) return `${u}s`;
  if (/z$/i.test(u)) return `${u.slice(0, -1)}ces`;
  if (/s$/i.test(u)) return u;
  return `${u}es`;
}

/** "2 garrafones", "1.5 kg", "1 pieza". */
export function formatAmount(quantity: Prisma.Decimal | string | number, unit: string): string {
  return `${formatQuantity(quantity)} ${unitLabel(unit, quantity)}`;
}

const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// Words a name may use for a measure unit ("Lavado por kilo" sold by kg).
const SPELLED: Record<string, string[]> = { kg: ['kilo', 'kilos'], l: ['litro', 'litros'], lt: ['litro', 'litros'] };

/** True when the product's name already says its unit ("Garrafón 20 L" sold by garrafón). */
export function nameSaysUnit(name: string, unit: string): boolean {
  const u = plain(unit.trim());
  if (u === '' || u.includes(' ')) return false;
  const forms = new Set([u, plain(unitLabel(unit, 2)), ...(Object.hasOwn(SPELLED, u) ? (SPELLED[u] ?? []) : [])]);
  return plain(name).split(/[^a-z0-9]+/).some((w) => forms.has(w));
}

/**
 * An amount of a product in WhatsApp text: "2 kg de *Tomate*", "2 piezas de *Pan de caja*", or
 * "2 × *Garrafón 20 L*" when the name already says the unit (never "2 garrafones de Garrafón").
 */
export function formatAmountOf(quantity: Prisma.Decimal | string | number, unit: string, name: string): string {
  return nameSaysUnit(name, unit) ? `${formatQuantity(quantity)} × *${name}*` : `${formatAmount(quantity, unit)} de *${name}*`;
}

/** Unit price with its unit: "$45.00 / garrafón". */
export function formatUnitPrice(price: Prisma.Decimal | string, unit: string, shop: MoneyLocale): string {
  return `${formatMoney(price, shop)} / ${unit}`;
}
