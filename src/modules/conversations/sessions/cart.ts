// The cart kept in the session. Pure functions over Decimal strings: money and quantities
// never go through floats.
import { Prisma } from '../../../generated/tenant/client.ts';
import type { CartLine, SessionData } from './session.types.ts';

export const MAX_CART_LINES = 20;

export type CartProduct = { id: string; name: string; unit: string; price: Prisma.Decimal };

const dec = (v: string | Prisma.Decimal) => new Prisma.Decimal(v);

export function cartQuantityOf(cart: CartLine[], productId: string): Prisma.Decimal {
  const line = cart.find((l) => l.productId === productId);
  return line ? dec(line.quantity) : new Prisma.Decimal(0);
}

/** Adds to the line of that product (or a new line); refreshes the name and price snapshot. */
export function addToCart(cart: CartLine[], product: CartProduct, quantity: Prisma.Decimal): CartLine[] {
  const total = cartQuantityOf(cart, product.id).add(quantity);
  return setInCart(cart, product, total);
}

export function setInCart(cart: CartLine[], product: CartProduct, quantity: Prisma.Decimal): CartLine[] {
  const line: CartLine = {
    productId: product.id,
    name: product.name,
    unit: product.unit,
    price: product.price.toFixed(2),
    quantity: quantity.toDecimalPlaces(3).toFixed(),
  };
  const i = cart.findIndex((l) => l.productId === product.id);
  if (i < 0) return [...cart, line];
  return cart.map((l, j) => (j === i ? line : l));
}

export function removeFromCart(cart: CartLine[], productId: string): CartLine[] {
  return cart.filter((l) => l.productId !== productId);
}

export function lineTotal(line: CartLine): Prisma.Decimal {
  return dec(line.price).mul(dec(line.quantity)).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}

/** Sum of rounded line totals, exactly as the order will be charged. */
export function cartTotal(cart: CartLine[]): Prisma.Decimal {
  return cart.reduce((sum, l) => sum.add(lineTotal(l)), new Prisma.Decimal(0));
}

export const cartIsFull = (cart: CartLine[], productId: string): boolean =>
  cart.length >= MAX_CART_LINES && !cart.some((l) => l.productId === productId);

/**
 * Drops the order in progress: its lines, its delivery address, the lines waiting to be asked
 * about, the pin sent for it and the delivery time asked for.
 */
export function clearOrder(session: SessionData): void {
  session.cart = [];
  session.delivery = null;
  session.queue = [];
  session.pin = null;
  session.requested = null;
}
