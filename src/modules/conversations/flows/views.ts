// Formatting shared by the flows: money, amounts, cart lines and delivery addresses in the
// shop's locale, and examples of what to type taken from the shop's own catalog.
import type { Prisma } from '../../../generated/tenant/client.ts';
import { findActiveProductsPage, formatAmountOf, formatMoney, formatUnitPrice, type Product } from '../../catalog/index.ts';
import type { ListRow } from '../../messages/index.ts';
import type { CustomerAddress } from '../../customers/index.ts';
import { windowText } from '../../orders/index.ts';
import { orderExample, t } from '../conversations.messages.ts';
import { cartTotal, lineTotal } from '../sessions/cart.ts';
import type { CartLine, Delivery, KeptPin, RequestedInSession } from '../sessions/session.types.ts';
import { truncate } from '../whatsapp-limits.ts';
import type { Turn } from './turn.ts';

// Long carts are summarized so interactive bodies (1024 chars for buttons) keep their options.
const MAX_LINES_SHOWN = 8;
const NAME_MAX = 40;
/** Rows of a WhatsApp list. */
export const LIST_ROWS = 10;

export const money = (turn: Turn, amount: Prisma.Decimal | string): string => formatMoney(amount, turn.company);

export const unitPrice = (turn: Turn, p: { price: Prisma.Decimal | string; unit: string }): string =>
  formatUnitPrice(p.price, p.unit, turn.company);

/** "2 kg de *Tomate*", "2 × *Garrafón 20 L*". */
export const amountOf = (quantity: Prisma.Decimal | string, p: { unit: string; name: string }): string =>
  formatAmountOf(quantity, p.unit, truncate(p.name, NAME_MAX));

export type LineView = { name: string; unit: string; quantity: Prisma.Decimal | string; total: Prisma.Decimal };

/** "• 1.5 kg de *Tomate* — $42.75", at most 8 lines then "…y N productos más". */
export function linesText(turn: Turn, lines: LineView[]): string {
  const shown = lines.slice(0, MAX_LINES_SHOWN).map((l) => `• ${amountOf(l.quantity, l)} — ${money(turn, l.total)}`);
  if (lines.length > MAX_LINES_SHOWN) shown.push(t.moreLines(lines.length - MAX_LINES_SHOWN));
  return shown.join('\n');
}

export const cartLinesText = (turn: Turn, cart: CartLine[]): string =>
  linesText(turn, cart.map((l) => ({ name: l.name, unit: l.unit, quantity: l.quantity, total: lineTotal(l) })));

export const cartTotalText = (turn: Turn, cart: CartLine[]): string => money(turn, cartTotal(cart));

export const isSoldOut = (p: Product): boolean => p.stock !== null && p.stock.lte(0);

export function productRow(turn: Turn, p: Product, idPrefix: 'prod' | 'add' | 'pick'): ListRow {
  const price = unitPrice(turn, p);
  return {
    id: `${idPrefix}:${p.id}`,
    title: p.name,
    description: isSoldOut(p) ? `${price} · ${t.soldOutTag}` : price,
  };
}

export function savedAddressLabel(a: CustomerAddress): string {
  if (a.address) return a.address;
  return `${t.pinLabel(undefined, undefined)} (${a.latitude?.toString()}, ${a.longitude?.toString()})`;
}

export function deliveryLabel(d: Delivery): string {
  if (d.kind === 'pickup') return t.pickupAt(null);
  if (d.kind === 'saved') return d.label;
  if (d.kind === 'text') return d.text;
  return d.address ?? t.pinLabel(undefined, undefined);
}

/**
 * Up to `count` order examples from the shop's own catalog (the first products of its list,
 * in stock), so a greengrocer reads "2 kg de tomate" and a dry cleaner never "garrafones".
 * Reads the first catalog page, which the transaction keeps for the product list too.
 */
export async function shopExamples(turn: Turn, count: number): Promise<string[]> {
  const first = await findActiveProductsPage(turn.tx, { offset: 0, limit: LIST_ROWS + 1 });
  return first.filter((p) => !isSoldOut(p)).slice(0, count).map(orderExample);
}

/** The delivery time the customer asked for, as they said it and as a window: "mañana en la tarde (mañana de 12:00 a 18:00)". */
export function requestedText(turn: Turn, r: RequestedInSession | null = turn.session.requested): string | null {
  if (!r) return null;
  const window = windowText({ from: new Date(r.from), to: new Date(r.to) }, turn.now, turn.company.timezone);
  return window === r.text ? window : `${r.text} (${window})`;
}

/** How a kept pin is named to the customer: its place name, its address, or "Ubicación compartida". */
export const pinLabel = (pin: KeptPin): string => t.pinLabel(pin.name ?? undefined, pin.address ?? undefined);
