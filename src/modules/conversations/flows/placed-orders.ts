// Orders already placed, from the customer's side: the status of one by its code ("¿cómo va mi
// pedido P-1003?") and cancelling one while the shop has not started on it. A code of another
// customer is answered exactly like a code that does not exist.
import {
  adminCancelledText,
  customerMayCancel,
  findCustomerOrder,
  findLatestPendingOrder,
  formatWhen,
  listRecentOrders,
  midSentence,
  windowText,
  type OrderForStatus,
} from '../../orders/index.ts';
import { t } from '../conversations.messages.ts';
import { buttons, text, withNotice } from '../whatsapp-limits.ts';
import { show, type Outcome } from './flow.ts';
import { goTo, type Turn } from './turn.ts';
import { saysNo, saysYes } from './understood.ts';
import { money } from './views.ts';


const requestedOf = (turn: Turn, o: OrderForStatus): string | null =>
  o.requestedFrom && o.requestedTo ? windowText({ from: o.requestedFrom, to: o.requestedTo }, turn.now, turn.company.timezone) : null;

const backButtons = [
  { id: 'menu:status', title: t.statusButton },
  { id: 'menu:main', title: t.mainMenu },
];

/** "¿cómo va mi pedido P-1003?": that order's status, only for its owner. */
export async function showOrderByCode(turn: Turn, code: string): Promise<Outcome> {
  goTo(turn, { step: 'menu' });
  const order = await findCustomerOrder(turn.tx, turn.customer.id, code);
  if (!order) return buttons(t.orderNotYours(code), backButtons);
  const when = formatWhen(order.statusChangedAt, turn.now, turn.company.timezone);
  return buttons(t.orderStatusOne(order.orderCode, midSentence(order.statusRef.label), when, money(turn, order.total), requestedOf(turn, order)), backButtons);
}

/** "¿Quieres cancelar tu pedido P-1003 (total $90.00)?" with yes/no. */
export function askToCancel(turn: Turn, code: string, total: string | null, notice: string | null = null): Outcome {
  goTo(turn, { step: 'cancel_order', orderCode: code });
  return withNotice(notice, buttons(t.cancelPlacedAsk(code, total), [
    { id: 'corder:yes', title: t.cancelPlacedYes },
    { id: 'corder:no', title: t.cancelPlacedNo },
  ]));
}

const tooLate = (turn: Turn, order: OrderForStatus): Outcome => {
  goTo(turn, { step: 'menu' });
  return buttons(t.cancelTooLate(order.orderCode, midSentence(order.statusRef.label)), [
    { id: 'menu:advisor', title: t.talkToPerson },
    { id: 'menu:main', title: t.mainMenu },
  ]);
};

/**
 * "cancelar" with no order in progress, or "cancela el P-1003": the placed order to cancel (asked
 * first), who to ask when it is too late, or null when the customer has no order to speak of.
 */
export async function cancelPlacedOrder(turn: Turn, code: string | undefined): Promise<Outcome | null> {
  if (code) {
    const order = await findCustomerOrder(turn.tx, turn.customer.id, code);
    if (!order) return buttons(t.orderNotYours(code), backButtons);
    return customerMayCancel(order) ? askToCancel(turn, order.orderCode, money(turn, order.total)) : tooLate(turn, order);
  }
  const pending = await findLatestPendingOrder(turn.tx, turn.customer.id);
  if (pending) return askToCancel(turn, pending.orderCode, money(turn, pending.total));
  const [latest] = await listRecentOrders(turn.tx, turn.customer.id, 1);
  if (latest && !latest.statusRef.isFinal) {
    const order = await findCustomerOrder(turn.tx, turn.customer.id, latest.orderCode);
    if (order) return tooLate(turn, order);
  }
  return null;
}

/** The customer said yes: cancelled by the turn's commit, under lock (stock back, history, the shop told), or who to ask. */
export async function confirmCancelPlaced(turn: Turn, code: string): Promise<Outcome> {
  const result = await turn.effects.cancelOrder(code);
  if (!result.ok) return result.reason === 'not_found' ? buttons(t.orderNotYours(code), backButtons) : tooLate(turn, result.order);
  const adminPhone = turn.company.adminPhone;
  if (adminPhone) {
    const notice = adminCancelledText({ orderCode: code, customerName: turn.customer.name, customerPhone: turn.customer.phoneNumber ?? turn.customer.waId });
    turn.extra.push({ to: adminPhone, customerId: null, content: text(notice) });
  }
  turn.events.push({ type: 'order_cancelled', detail: { orderId: result.order.id, orderCode: code, by: 'customer' } });
  return show({ step: 'menu' }, t.cancelPlacedDone(code));
}

export const keepPlaced = (code: string): Outcome => show({ step: 'menu' }, t.cancelPlacedKept(code));

/** Text at "¿Quieres cancelar tu pedido P-1003?": yes, no, or read as anything else from the menu. */
export function readCancelPlacedText(turn: Turn, code: string, value: string): Promise<Outcome> | Outcome | null {
  if (saysYes(turn, value)) return confirmCancelPlaced(turn, code);
  if (saysNo(turn, value)) return keepPlaced(code);
  return null;
}
