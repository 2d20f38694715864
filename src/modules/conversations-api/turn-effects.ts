import type { InboundContent } from '../messages/index.ts';
import type { LiveEvent } from '../events/index.ts';
import type { DownloadMediaJob } from './download-media.job.ts';

// What the inbox needs from the conversation engine's turns, named in one place: the live events
// a transaction's turns publish (on that transaction, so only committed turns are announced) and
// the media downloads queued once they are committed.

type TurnOutcome = { customerId: string; outbound: { id: bigint }[]; events: { type: string; detail?: Record<string, unknown> }[] };

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** The live events of a transaction's turns: the customer's message, the replies, new orders, handoffs. */
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

/** The downloads to queue for handled messages that carry a customer's file. */
export function mediaDownloadsOf(channel: { channelId: string; companyId: string }, handled: { inboxId: bigint; content: InboundContent }[]): DownloadMediaJob[] {
  return handled.flatMap(({ inboxId, content }) =>
    content.type === 'media' && (content.media?.id ?? content.media?.url)
      ? [{ channelId: channel.channelId, companyId: channel.companyId, inboxId: inboxId.toString() }]
      : [],
  );
}
