// The cart in the session, as the agent's tools edit it: the same lines the menu's flows keep
// (product, name, unit, price snapshot, quantity as decimal strings), so a customer can switch
// between the menu and the agent in hybrid mode without losing it.
import { createHash } from 'node:crypto';
import { Prisma } from '../../generated/tenant/client.ts';
import type { Product } from '../catalog/index.ts';

export type CartLine = { productId: string; name: string; unit: string; price: string; quantity: string };
export const MAX_CART_LINES = 20;

const dec = (v: string | Prisma.Decimal) => new Prisma.Decimal(v);

export const quantityIn = (cart: CartLine[], productId: string) => dec(cart.find((l) => l.productId === productId)?.quantity ?? '0');

export function setLine(cart: CartLine[], p: Pick<Product, 'id' | 'name' | 'unit' | 'price'>, quantity: Prisma.Decimal): CartLine[] {
  const line: CartLine = { productId: p.id, name: p.name, unit: p.unit, price: p.price.toFixed(2), quantity: quantity.toDecimalPlaces(3).toFixed() };
  const i = cart.findIndex((l) => l.productId === p.id);
  if (quantity.lte(0)) return cart.filter((l) => l.productId !== p.id);
  return i < 0 ? [...cart, line] : cart.map((l, j) => (j === i ? line : l));
}

export const lineTotal = (l: CartLine) => dec(l.price).mul(dec(l.quantity)).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
export const cartTotal = (cart: CartLine[]) => cart.reduce((s, l) => s.add(lineTotal(l)), new Prisma.Decimal(0));

/** What a confirmation was given for: the lines and where they go. */
export function cartHash(cart: CartLine[], delivery: unknown): string {
  return createHash('sha256').update(JSON.stringify({ cart: cart.map((l) => [l.productId, l.price, l.quantity]), delivery })).digest('hex').slice(0, 32);
}
