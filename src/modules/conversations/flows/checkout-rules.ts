// The shop's rules applied at checkout: the delivery fee (waived from its free-delivery amount,
// none for pickup), the minimum order, and the opening hours. The amounts come from the settings
// module's pure rules, so the cart, the summary and the placed order (orders/place-order.ts
// applies the same rule to the priced lines) always show the same figures.
import { closedNotice, deliveryCharges, nextOpeningSpan, toCents, type ClosedNotice, type DeliveryCharges, type DeliveryMethod } from '../../settings/index.ts';
import { t } from '../conversations.messages.ts';
import { cartTotal } from '../sessions/cart.ts';
import type { Delivery, RequestedInSession } from '../sessions/session.types.ts';
import type { Turn } from './turn.ts';
import { deliveryLabel, money } from './views.ts';

export const methodOf = (d: Delivery | null): DeliveryMethod => (d?.kind === 'pickup' ? 'pickup' : 'delivery');

/** What the cart costs now with the shop's delivery rule (delivery unless pickup was chosen). */
export const chargesOf = (turn: Turn): DeliveryCharges =>
  deliveryCharges(turn.company.businessInfo, cartTotal(turn.session.cart).toFixed(2), methodOf(turn.session.delivery));

/** Whether the shop charges for delivery at all: without a fee the totals read as before ("Total: …"). */
const chargesDelivery = (turn: Turn): boolean => {
  const fee = turn.company.businessInfo.delivery?.fee;
  return fee !== undefined && toCents(fee) > 0;
};

/** "*Total: $90.00*", or subtotal, delivery (its fee, "¡gratis!", or pickup) and total. */
export function totalsText(turn: Turn, c: DeliveryCharges = chargesOf(turn)): string {
  if (c.method === 'delivery' && !chargesDelivery(turn)) return t.total(money(turn, c.total));
  const line = c.method === 'pickup' ? t.pickupNoFeeLine : toCents(c.fee) === 0 ? t.deliveryFreeLine : t.deliveryFeeLine(money(turn, c.fee));
  return t.totals(money(turn, c.subtotal), line, money(turn, c.total));
}

/** What the customer is missing, said kindly: the minimum order first, then free delivery. */
export function chargesHint(turn: Turn, c: DeliveryCharges = chargesOf(turn)): string | null {
  if (c.belowMinimum) return t.belowMinimum(money(turn, c.minimumOrder!), money(turn, c.missingForMinimum!));
  if (c.missingForFreeDelivery) return t.missingForFreeDelivery(money(turn, c.missingForFreeDelivery));
  return null;
}

/** The minimum-order notice when the cart is below it (the customer keeps adding), else null. */
export function belowMinimum(turn: Turn): string | null {
  const c = chargesOf(turn);
  return c.belowMinimum ? t.belowMinimum(money(turn, c.minimumOrder!), money(turn, c.missingForMinimum!)) : null;
}

const deliveryOptions = (turn: Turn) => turn.company.businessInfo.delivery;
/** The shop lets customers pick the order up (and still delivers). */
export const offersPickup = (turn: Turn): boolean => Boolean(deliveryOptions(turn)?.pickup && deliveryOptions(turn)?.delivery !== false);
/** The shop only hands orders over at the counter: no address is asked. */
export const pickupOnly = (turn: Turn): boolean => Boolean(deliveryOptions(turn)?.pickup && deliveryOptions(turn)?.delivery === false);
/** Pickup is a choice the customer can make here. */
export const pickupAllowed = (turn: Turn): boolean => Boolean(deliveryOptions(turn)?.pickup);

/** Null while the shop is open (or has no hours written): what to say outside its hours, and whether it takes the order. */
export const closedNow = (turn: Turn): ClosedNotice | null =>
  closedNotice(turn.company.businessInfo, turn.company.name, turn.company.timezone, turn.now);

/**
 * The window an order left while the shop is closed is for: its next opening span, unless the
 * customer asked for a time of their own. Null when open, or when the shop opens within no month.
 */
export function laterWindow(turn: Turn): RequestedInSession | null {
  if (turn.session.requested) return null;
  const closed = closedNow(turn);
  if (!closed?.acceptsOrders) return null;
  const span = nextOpeningSpan(turn.company.businessInfo, turn.company.timezone, turn.now);
  return span ? { text: t.whenWeOpen, from: span.from.toISOString(), to: span.to.toISOString() } : null;
}

/** "📍 Entrega: <address>" or "🏪 Recoges en la tienda: <the shop's address>". */
export const deliveryLine = (turn: Turn, d: Delivery): string =>
  d.kind === 'pickup' ? t.pickupAt(turn.company.businessInfo.address ?? null) : t.deliveryTo(deliveryLabel(d));

/** The totals of a placed order, from its stored amounts (what the shop will charge). */
export function orderTotalsText(turn: Turn, o: { total: { toFixed(n: number): string }; deliveryFee: { toFixed(n: number): string }; deliveryMethod: string }): string {
  const total = o.total.toFixed(2);
  const fee = o.deliveryFee.toFixed(2);
  const method: DeliveryMethod = o.deliveryMethod === 'pickup' ? 'pickup' : 'delivery';
  const subtotal = (toCents(total) - toCents(fee)) / 100;
  return totalsText(turn, { ...deliveryCharges({}, subtotal.toFixed(2), method), fee, total });
}
