// A turn's intended writes: recorded while it decides (TurnEffects, read-only lookups), written
// by its commit (applyTurnWrites) inside the commit's transaction, where each is checked against
// what the decision showed the customer — the order's code, lines, prices and total; the saved
// address's id. A mismatch is a conflict: the transaction rolls back and the turn is decided again.
import { randomUUID } from 'node:crypto';
import type { TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { clearBotPause, findSameAddress, pauseBot, saveAddress, type NewAddress } from '../customers/index.ts';
import { CANCELLED_STATUS, cancelOrderByCustomer, customerMayCancel, findCustomerOrder, placeOrder, previewOrder, samePlacedOrder, type OrderPreview, type PlaceOrderInput } from '../orders/index.ts';
import type { Company } from '../companies/index.ts';
import { claimOwnerNotice } from '../plans/index.ts';
import type { EngineEvent } from './conversations.types.ts';
import type { TurnEffects } from './flows/turn.ts';

export type TurnWrites = {
  bot?: { pausedUntil: Date; at: Date } | { pausedUntil: null };
  address?: { id: string; input: NewAddress };
  order?: { input: Omit<PlaceOrderInput, 'customerId'>; preview: OrderPreview };
  cancel?: { orderCode: string; at: Date };
  /** This month's "plan messages ran out" notice to the owner; `onTaken` when another turn claimed it first. */
  ownerNotice?: { period: string; onTaken: () => void };
};

/** Kept across the decisions of one message, so deciding again reuses the order code it reserved. */
export type TurnMemo = { orderCode?: string; firstTurn?: boolean };

const coordinate = (v: number | null) => (v === null ? null : new Prisma.Decimal(v.toFixed(6)));

export function createTurnEffects(c: { reader: TenantTx; company: Company; customerId: string; now: Date; writes: TurnWrites; memo: TurnMemo }): TurnEffects {
  return {
    async placeOrder(input) {
      const preview = await previewOrder(c.reader, c.company, { ...input, customerId: c.customerId, orderCode: c.memo.orderCode });
      if (preview.ok && !preview.duplicate) {
        c.memo.orderCode = preview.order.orderCode;
        c.writes.order = { input: { ...input, orderCode: preview.order.orderCode }, preview: preview.order };
      }
      return preview;
    },
    async saveAddress(input) {
      const same = await findSameAddress(c.reader, c.customerId, input);
      if (same) return same;
      const id = randomUUID();
      c.writes.address = { id, input };
      return { id, address: input.text, latitude: coordinate(input.latitude), longitude: coordinate(input.longitude) };
    },
    pauseBot(until) {
      c.writes.bot = { pausedUntil: until, at: c.now };
    },
    clearBotPause() {
      c.writes.bot = { pausedUntil: null };
    },
    async cancelOrder(orderCode) {
      const order = await findCustomerOrder(c.reader, c.customerId, orderCode);
      if (!order) return { ok: false, reason: 'not_found' };
      if (!customerMayCancel(order)) return { ok: false, reason: 'not_cancellable', order };
      c.writes.cancel = { orderCode, at: c.now };
      return { ok: true, order: { ...order, status: CANCELLED_STATUS } };
    },
  };
}

/**
 * Writes a decided turn's intended writes for `customerId` inside the commit's transaction.
 * False: what the decision showed no longer holds (stock or prices moved, the address was saved
 * meanwhile) — the caller rolls back and decides again.
 */
export async function applyTurnWrites(tx: TenantTx, company: Company, customerId: string, writes: TurnWrites, events: EngineEvent[]): Promise<boolean> {
  if (writes.bot?.pausedUntil === null) await clearBotPause(tx, customerId);
  else if (writes.bot) await pauseBot(tx, customerId, writes.bot.pausedUntil, writes.bot.at);
  if (writes.address) {
    const saved = await saveAddress(tx, customerId, writes.address.input, writes.address.id);
    if (saved.id !== writes.address.id) return false;
  }
  if (writes.order) {
    const placed = await placeOrder(tx, company, { ...writes.order.input, customerId });
    if (!placed.ok || placed.duplicate || !samePlacedOrder(writes.order.preview, placed.order)) return false;
    const created = events.find((e) => e.type === 'order_created');
    if (created) created.detail = { orderId: placed.order.id, ...created.detail };
  }
  if (writes.ownerNotice && !(await claimOwnerNotice(tx, company.db.schema, writes.ownerNotice.period, 'message_limit'))) {
    writes.ownerNotice.onTaken();
    return false;
  }
  if (writes.cancel) {
    const cancelled = await cancelOrderByCustomer({ tx, schema: company.db.schema }, { customerId, orderCode: writes.cancel.orderCode, now: writes.cancel.at });
    if (!cancelled.ok) return false;
  }
  return true;
}
