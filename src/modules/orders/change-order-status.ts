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
  nextStatuses,
  setOrderStatus,
  type OrderActorRow,
} from './orders.repository.ts';
import { publish } from '../events/index.ts';

// WhatsApp's customer-service window, with a margin for the time the message waits to be sent.
const WINDOW_MS = 23.5 * 3600_000;

/** Who changes an order: a staff member (user), an integration (api_key), the platform admin, the bot or the customer. */
export type OrderActor = { kind: 'user' | 'api_key' | 'platform' | 'bot' | 'customer'; id?: string | null; name?: string | null };

export type ChangeOrderStatusInput = {
  orderCode: string;
  toStatus: string;
  /** Legacy free text ("staff:company"); derived from `actor` when it is given. */
  changedBy?: string;
  actor?: OrderActor;
  note?: string | null;
};

const actorRow = (a: OrderActor): OrderActorRow => ({ kind: a.kind, id: a.id ?? null, name: a.name ?? null });

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
 * Staff moves an order to another status: refuses unknown statuses, any change out of a final
 * one (entregado, cancelado) and any change the company's transitions do not allow (409 naming
 * where it can go), writes the history with who did it, and leaves a pending message telling the
 * customer. Cancelling gives the stock back. The order.status live event goes out on commit.
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
    const allowed = await nextStatuses(tx, order.status);
    if (!allowed.includes(target.code)) {
      const labels = statuses.filter((s) => allowed.includes(s.code)).map((s) => s.label);
      throw ordersErrors.transitionNotAllowed(order.orderCode, order.statusRef.label, target.label, labels);
    }
    if (target.code === 'cancelado') {
      for (const item of order.items) await restockProduct(tx, item.productId, item.quantity);
    }
    const updated = await setOrderStatus(tx, {
      orderId,
      fromStatus: order.status,
      toStatus: target.code,
      changedBy: input.actor ? [input.actor.kind, input.actor.id].filter(Boolean).join(':') : (input.changedBy ?? 'staff'),
      ...(input.actor ? { actor: actorRow(input.actor) } : {}),
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
    await publish(tx, company.id, { type: 'order.status', data: { orderId, orderCode: order.orderCode, status: target.code, from: order.status } });
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
