// The confirmed order: saves the delivery address, places the order atomically (once per
// confirming message), tells the customer and the shop owner, and resets the session. The
// address and the order are intended writes (turn.effects): the turn's commit writes them.
import type { Prisma } from '../../../generated/tenant/client.ts';
import { findAddress } from '../../customers/index.ts';
import { adminNewOrderParams, adminNewOrderText, type OrderPreview } from '../../orders/index.ts';
import { templateMessage } from '../../messages/index.ts';
import { t } from '../conversations.messages.ts';
import { clearOrder } from '../sessions/cart.ts';
import type { Delivery } from '../sessions/session.types.ts';
import { buttons, text } from '../whatsapp-limits.ts';
import type { Outcome } from './flow.ts';
import { showEdit } from './order-screens.ts';
import { goTo, type Turn } from './turn.ts';
import { laterWindow, methodOf, orderTotalsText } from './checkout-rules.ts';
import { deliveryLabel, linesText, requestedText } from './views.ts';

type DeliveryTarget = {
  addressId: string | null;
  address: string | null;
  latitude: Prisma.Decimal | number | null;
  longitude: Prisma.Decimal | number | null;
};

/** Typed addresses and pins are kept for next time; a saved one is looked up again. */
async function deliveryTarget(turn: Turn, d: Delivery): Promise<DeliveryTarget> {
  if (d.kind === 'pickup') return { addressId: null, address: null, latitude: null, longitude: null };
  if (d.kind === 'saved') {
    const a = await findAddress(turn.tx, turn.customer.id, d.addressId);
    return { addressId: a?.id ?? null, address: a?.address ?? d.label, latitude: a?.latitude ?? null, longitude: a?.longitude ?? null };
  }
  const input = d.kind === 'text'
    ? { text: d.text, latitude: null, longitude: null }
    : { text: d.address, latitude: d.latitude, longitude: d.longitude };
  const saved = await turn.effects.saveAddress(input);
  turn.session.delivery = { kind: 'saved', addressId: saved.id, label: deliveryLabel(d) };
  return { addressId: saved.id, address: saved.address, latitude: saved.latitude, longitude: saved.longitude };
}

/**
 * The new-order notice to the shop's admin. With an approved template it can reach the admin
 * any time; as plain text only within 24 h of the admin's last message to the number.
 */
function notifyShop(turn: Turn, order: OrderPreview, requested: string | null): void {
  const adminPhone = turn.company.adminPhone;
  if (!adminPhone) return;
  const notice = {
    orderCode: order.orderCode,
    customerName: turn.customer.name,
    customerPhone: turn.customer.phoneNumber ?? turn.customer.waId,
    lines: order.items,
    total: order.total,
    address: order.deliveryAddress,
    latitude: order.latitude,
    longitude: order.longitude,
    shop: turn.company,
    requested,
    deliveryFee: order.deliveryFee,
    pickup: order.deliveryMethod === 'pickup',
  };
  const template = turn.company.adminOrderTemplate;
  const content = template
    ? templateMessage(template, turn.company.locale, adminNewOrderParams(notice))
    : text(adminNewOrderText(notice));
  turn.extra.push({ to: adminPhone, customerId: null, content });
}

export async function placeConfirmedOrder(turn: Turn): Promise<Outcome> {
  const delivery = turn.session.delivery;
  if (!delivery) throw new Error('placeConfirmedOrder called without a delivery address');
  const label = deliveryLabel(delivery);
  // Left while the shop is closed: for when it opens, unless the customer said a time.
  const window = turn.session.requested ?? laterWindow(turn);
  const requested = requestedText(turn, window);
  const target = await deliveryTarget(turn, delivery);
  const result = await turn.effects.placeOrder({
    lines: turn.session.cart.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    delivery: target,
    sourceMessageId: turn.inbound.providerMessageId,
    now: turn.now,
    method: methodOf(delivery),
    requested: window ? { from: new Date(window.from), to: new Date(window.to), text: window.text } : null,
  });
  if (!result.ok) {
    turn.events.push({ type: 'order_failed', detail: { reason: result.error.code, message: result.error.message, problems: result.problems } });
    turn.logger.info({ reason: result.error.code, problems: result.problems.length }, 'order not placed');
    return showEdit(turn, t.orderNotPlaced(result.error.message));
  }
  const order = result.order;
  turn.events.push({
    type: 'order_created',
    // (the engine adds the order's id once it is written)
    detail: { orderCode: order.orderCode, total: order.total.toFixed(2), currency: order.currency, duplicate: result.duplicate },
  });
  if (!result.duplicate) notifyShop(turn, order, requested);
  clearOrder(turn.session);
  turn.session.ordered = true;
  goTo(turn, { step: 'menu' });
  const lines = linesText(turn, order.items.map((i) => ({ name: i.productName, unit: i.unit, quantity: i.quantity, total: i.lineTotal })));
  const where = order.deliveryMethod === 'pickup' ? t.pickupAt(turn.company.businessInfo.address ?? null) : `📍 ${order.deliveryAddress ?? label}`;
  const body = t.orderPlaced(order.orderCode, lines, orderTotalsText(turn, order), where, order.statusRef.label, requested);
  return buttons(body, [
    { id: 'menu:status', title: t.statusButton },
    { id: 'menu:main', title: t.mainMenu },
  ]);
}
