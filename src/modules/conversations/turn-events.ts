import type { LiveEvent } from '../events/index.ts';

// The live events a transaction's turns publish on that transaction, so only committed turns are
// announced to the staff inbox: the customer's message, the replies, new orders, handoffs.

type TurnOutcome = { customerId: string; outbound: { id: bigint }[]; events: { type: string; detail?: Record<string, unknown> }[] };

const text = (v: unknown) => (typeof v === 'string' ? v : null);

export function turnEvents(results: TurnOutcome[]): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (const r of results) {
    events.push({ type: 'message.new', data: { customerId: r.customerId, direction: 'inbound' } });
    for (const row of r.outbound) events.push({ type: 'message.new', data: { customerId: r.customerId, messageId: row.id.toString(), direction: 'outbound' } });
    for (const e of r.events) {
      if (e.type === 'order_created' && e.detail?.duplicate !== true) {
        events.push({ type: 'order.new', data: { orderId: text(e.detail?.orderId), orderCode: text(e.detail?.orderCode), customerId: r.customerId } });
      }
      if (e.type === 'handoff_requested') events.push({ type: 'handoff', data: { customerId: r.customerId, active: true } });
      if (e.type === 'handoff_released') events.push({ type: 'handoff', data: { customerId: r.customerId, active: false } });
    }
  }
  return events;
}

