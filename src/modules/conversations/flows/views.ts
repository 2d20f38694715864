// Formatting shared by the flows: money, amounts and cart lines in the shop's locale.
import type { Prisma } from '../../../generated/tenant/client.ts';
import { formatAmount, formatMoney, formatUnitPrice, type Product } from '../../catalog/index.ts';
import type { ListRow } from '../../channels/messages.types.ts';
import { t } from '../conversations.messages.ts';
import { cartTotal, lineTotal } from '../sessions/cart.ts';
import type { CartLine } from '../sessions/session.types.ts';
import { truncate } from '../whatsapp-limits.ts';
import type { Turn } from './turn.ts';

// Long carts are summarized so interactive bodies (1024 chars for buttons) keep their options.
const MAX_LINES_SHOWN = 8;
const NAME_MAX = 40;

export const money = (turn: Turn, amount: Prisma.Decimal | string): string => formatMoney(amount, turn.company);

export const unitPrice = (turn: Turn, p: { price: Prisma.Decimal | string; unit: string }): string =>
  formatUnitPrice(p.price, p.unit, turn.company);

export type LineView = { name: string; unit: string; quantity: Prisma.Decimal | string; total: Prisma.Decimal };

/** "• 2 garrafones de *Garrafón 20 L* — $90.00", at most 8 lines then "…y N productos más". */
export function linesText(turn: Turn, lines: LineView[]): string {
  const shown = lines
    .slice(0, MAX_LINES_SHOWN)
    .map((l) => `• ${formatAmount(l.quantity, l.unit)} de *${truncate(l.name, NAME_MAX)}* — ${money(turn, l.total)}`);
  if (lines.length > MAX_LINES_SHOWN) shown.push(t.moreLines(lines.length - MAX_LINES_SHOWN));
  return shown.join('\n');
}

export const cartLinesText = (turn: Turn, cart: CartLine[]): string =>
  linesText(turn, cart.map((l) => ({ name: l.name, unit: l.unit, quantity: l.quantity, total: lineTotal(l) })));

export const cartTotalText = (turn: Turn, cart: CartLine[]): string => money(turn, cartTotal(cart));

const isSoldOut = (p: Product): boolean => p.stock !== null && p.stock.lte(0);

export function productRow(turn: Turn, p: Product, idPrefix: 'prod' | 'add' | 'pick'): ListRow {
  const price = unitPrice(turn, p);
  return {
    id: `${idPrefix}:${p.id}`,
    title: p.name,
    description: isSoldOut(p) ? `${price} · ${t.soldOutTag}` : price,
  };
}

export { isSoldOut };
