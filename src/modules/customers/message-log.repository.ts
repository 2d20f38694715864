import type { TenantTx } from '../../platform/db/clients.ts';
import type { InboundContent } from '../channels/messages.types.ts';
import type { OutboundDraft, OutboundRow } from './customers.types.ts';
import { inboundType, outboundContentSchema, summarizeInbound, summarizeOutbound } from './message-summary.ts';

export type LoggedInbound = { customerId: string | null; inboxId: bigint | null };

/** The inbound row of an inbox message already processed (same inbox id or same provider id). */
export async function findInbound(tx: TenantTx, inboxId: bigint, providerMessageId: string): Promise<LoggedInbound | null> {
  return tx.message.findFirst({
    where: { direction: 'inbound', OR: [{ inboxId }, { providerMessageId }] },
    select: { customerId: true, inboxId: true },
  });
}

/** Inserts the inbound row; false when another delivery of it got there first. */
export async function insertInbound(
  tx: TenantTx,
  row: { customerId: string; inboxId: bigint; providerMessageId: string; waId: string; content: InboundContent },
): Promise<boolean> {
  const { count } = await tx.message.createMany({
    data: [
      {
        customerId: row.customerId,
        direction: 'inbound',
        inboxId: row.inboxId,
        seq: 0,
        recipient: null,
        providerMessageId: row.providerMessageId,
        type: inboundType(row.content),
        body: summarizeInbound(row.content),
        payload: row.content,
        status: 'received',
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

/** Writes replies as pending outbound rows (seq 0..n under the inbox id they answer). */
export async function insertOutbound(tx: TenantTx, inboxId: bigint | null, drafts: OutboundDraft[]): Promise<OutboundRow[]> {
  if (drafts.length === 0) return [];
  const rows = await tx.message.createManyAndReturn({
    data: drafts.map((d, seq) => ({
      customerId: d.customerId,
      direction: 'outbound',
      inboxId,
      seq,
      recipient: d.to,
      type: d.content.kind,
      body: summarizeOutbound(d.content),
      payload: d.content,
      status: 'pending',
      statusRank: 0,
    })),
    select: { id: true, seq: true },
  });
  const bySeq = new Map(rows.map((r) => [r.seq, r.id]));
  return drafts.map((d, seq) => ({ id: bySeq.get(seq) ?? 0n, to: d.to, content: d.content }));
}

/** Replies to an inbox message that the sender has not picked up yet (for retried jobs). */
export async function pendingOutbound(tx: TenantTx, inboxId: bigint): Promise<OutboundRow[]> {
  const rows = await tx.message.findMany({
    where: { direction: 'outbound', inboxId, status: 'pending' },
    orderBy: { seq: 'asc' },
    select: { id: true, recipient: true, payload: true },
  });
  return rows.flatMap((r) => {
    const content = outboundContentSchema.safeParse(r.payload);
    return content.success && r.recipient ? [{ id: r.id, to: r.recipient, content: content.data }] : [];
  });
}
