import type { TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { quotedSchema } from './schema-name.ts';
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

// The inbound row and the replies are written on every message: single raw statements keep
// the hot path to one round trip each without the ORM planning them every time.

export type NewInbound = { inboxId: bigint; providerMessageId: string; content: InboundContent };

/**
 * INSERT of the inbound row for the customer that `customerFrom` (a FROM clause giving `id`)
 * yields; it conflicts — and inserts nothing — when the inbox id or provider id is already logged.
 */
export const inboundInsertSql = (schema: string, customerFrom: Prisma.Sql, row: NewInbound) => Prisma.sql`
  INSERT INTO ${Prisma.raw(quotedSchema(schema))}."messages"
    (customer_id, direction, inbox_id, seq, provider_message_id, type, body, payload, status, updated_at)
  SELECT c.id::uuid, 'inbound', ${row.inboxId}, 0, ${row.providerMessageId}, ${inboundType(row.content)},
    ${summarizeInbound(row.content)}, ${JSON.stringify(row.content)}::jsonb, 'received', now()
  FROM ${customerFrom} c
  ON CONFLICT DO NOTHING`;

/** INSERT of replies as pending outbound rows (seq 0..n under the inbox id they answer), returning `id, seq`. */
export const outboundInsertSql = (schema: string, inboxId: bigint | null, drafts: OutboundDraft[]) => Prisma.sql`
  INSERT INTO ${Prisma.raw(quotedSchema(schema))}."messages"
    (customer_id, direction, inbox_id, seq, recipient, type, body, payload, status, status_rank, updated_at)
  VALUES ${Prisma.join(
    drafts.map(
      (d, seq) => Prisma.sql`(${d.customerId}::uuid, 'outbound', ${inboxId}::bigint, ${seq}::int, ${d.to}, ${d.content.kind},
        ${summarizeOutbound(d.content)}, ${JSON.stringify(d.content)}::jsonb, 'pending', 0, now())`,
    ),
  )}
  RETURNING id, seq`;

/** Pairs inserted ids (from outboundInsertSql's RETURNING) with their drafts, in order. */
export function outboundRows(drafts: OutboundDraft[], rows: { id: bigint | string; seq: number }[]): OutboundRow[] {
  const bySeq = new Map(rows.map((r) => [Number(r.seq), BigInt(r.id)]));
  return drafts.map((d, seq) => {
    const id = bySeq.get(seq);
    if (id === undefined) throw new Error(`outbound row ${seq} was not inserted`);
    return { id, to: d.to, content: d.content };
  });
}

/** Writes replies as pending outbound rows (seq 0..n under the inbox id they answer). */
export async function insertOutbound(tx: TenantTx, schema: string, inboxId: bigint | null, drafts: OutboundDraft[]): Promise<OutboundRow[]> {
  if (drafts.length === 0) return [];
  return outboundRows(drafts, await tx.$queryRaw<{ id: bigint; seq: number }[]>(outboundInsertSql(schema, inboxId, drafts)));
}

/** A customer's conversation, oldest first (staff API). */
export async function listCustomerMessages(tx: TenantTx, customerId: string, take: number) {
  return tx.message.findMany({ where: { customerId }, orderBy: { id: 'asc' }, take });
}

/** When the customer last wrote to the shop (null: never), for WhatsApp's 24 h window. */
export async function lastInboundAt(tx: TenantTx, customerId: string): Promise<Date | null> {
  const row = await tx.message.findFirst({
    where: { customerId, direction: 'inbound' },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  return row?.createdAt ?? null;
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
