import type { TenantClient } from '../../platform/db/clients.ts';
import type { Prisma } from '../../generated/tenant/client.ts';
import type { Company } from '../companies/index.ts';
import { insertOutbound, lastInboundAt, templateMessage, type OutboundContent, type OutboundRow } from '../messages/index.ts';
import { ordersErrors } from './orders.errors.ts';
import { statusChangedText } from './orders.messages.ts';
import {
  getOrderForStatus,
  listStatuses,
  lockOrderByCode,
  restockProduct,
  setOrderStatus,
} from './orders.repository.ts';

// WhatsApp's customer-service window, with a margin for the time the message waits to be sent.
const WINDOW_MS = 23.5 * 3600_000;

export type ChangeOrderStatusInput = { orderCode: string; toStatus: string; changedBy: string; note?: string | null };

export type OrderStatusView = {
  id: string;
  orderCode: string;
  status: string;
  statusLabel: string;
  statusChangedAt: Date;
  total: Prisma.Decimal;
  currency: string;
  customer: { waId: string; name: string | null };
};

/**
 * Staff moves an order to another status: refuses unknown statuses and any change out of a
 * final one (entregado, cancelado), writes the history, and leaves a pending message telling
 * the customer. Cancelling gives the stock back.
 */
export async function changeOrderStatus(
  db: TenantClient,
  company: Company,
  input: ChangeOrderStatusInput,
  now: Date = new Date(),
): Promise<{ order: OrderStatusView; outbound: OutboundRow | null }> {
  return db.$transaction(async (tx) => {
    const orderId = await lockOrderByCode({ tx, schema: company.db.schema }, input.orderCode);
    if (!orderId) throw ordersErrors.orderNotFound(input.orderCode);
    const order = await getOrderForStatus(tx, orderId);
    const statuses = await listStatuses(tx);
    const target = statuses.find((s) => s.code === input.toStatus);
    if (!target) throw ordersErrors.unknownStatus(input.toStatus, statuses.map((s) => s.code));
    if (order.statusRef.isFinal) throw ordersErrors.finalStatus(order.orderCode, order.statusRef.label);
    if (order.status === target.code) throw ordersErrors.sameStatus(order.orderCode, target.label);
    if (target.code === 'cancelado') {
      for (const item of order.items) await restockProduct(tx, item.productId, item.quantity);
    }
    const updated = await setOrderStatus(tx, {
      orderId,
      fromStatus: order.status,
      toStatus: target.code,
      changedBy: input.changedBy,
      note: input.note ?? null,
      at: now,
    });
    // Free text reaches the customer only within 24 h of their last message; after that, the
    // shop's approved template if it has one (else the text, which Meta will fail with 131047).
    const lastWrote = await lastInboundAt(tx, order.customer.id);
    const windowClosed = !lastWrote || now.getTime() - lastWrote.getTime() > WINDOW_MS;
    const content: OutboundContent =
      windowClosed && company.statusUpdateTemplate
        ? templateMessage(company.statusUpdateTemplate, company.locale, [company.name, order.orderCode, target.label])
        : { kind: 'text', body: statusChangedText(company.name, order.orderCode, target.code, target.label) };
    const [outbound] = await insertOutbound({ tx, schema: company.db.schema }, null, [{ to: order.customer.waId, customerId: order.customer.id, content }]);
    return {
      order: {
        id: updated.id,
        orderCode: updated.orderCode,
        status: updated.status,
        statusLabel: updated.statusRef.label,
        statusChangedAt: updated.statusChangedAt,
        total: updated.total,
        currency: updated.currency,
        customer: updated.customer,
      },
      outbound: outbound ?? null,
    };
  });
}
