// A customer cancels their own order from WhatsApp. Only while it is still pending (the shop has
// not started on it): later, a person at the shop decides. Another customer's code behaves
// exactly like a code that does not exist.
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { INITIAL_STATUS, getOrderForStatus, lockOrderByCode, restockProduct, setOrderStatus, type OrderForStatus } from './orders.repository.ts';

export const CANCELLED_STATUS = 'cancelado';

export type CustomerCancelResult =
  | { ok: true; order: OrderForStatus }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_cancellable'; order: OrderForStatus };

/** Whether the customer may still cancel the order themselves. */
export const customerMayCancel = (order: { status: string }): boolean => order.status === INITIAL_STATUS;

/**
 * Cancels the customer's order inside the caller's transaction: locks it, re-checks owner and
 * status under the lock (staff may have moved it meanwhile), gives the stock back and writes the
 * history. The caller tells the customer and the shop.
 */
export async function cancelOrderByCustomer(
  scope: TenantScope,
  input: { customerId: string; orderCode: string; now: Date },
): Promise<CustomerCancelResult> {
  const { tx } = scope;
  const orderId = await lockOrderByCode(scope, input.orderCode);
  if (!orderId) return { ok: false, reason: 'not_found' };
  const order = await getOrderForStatus(tx, orderId);
  if (order.customerId !== input.customerId) return { ok: false, reason: 'not_found' };
  if (!customerMayCancel(order)) return { ok: false, reason: 'not_cancellable', order };
  for (const item of order.items) await restockProduct(tx, item.productId, item.quantity);
  await setOrderStatus(tx, {
    orderId,
    fromStatus: order.status,
    toStatus: CANCELLED_STATUS,
    changedBy: 'cliente',
    note: 'Cancelado por el cliente desde WhatsApp',
    at: input.now,
  });
  return { ok: true, order: await getOrderForStatus(tx, orderId) };
}
