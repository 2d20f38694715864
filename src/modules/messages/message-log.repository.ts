import type { TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { quotedSchema, type TenantScope } from '../../platform/db/tenant-scope.ts';
import type { InboundContent, OutboundContent, OutboundDraft, OutboundRow } from './messages.types.ts';
import { inboundType, outboundContentSchema, summarizeInbound, summarizeOutbound } from './message-summary.ts';

export type LoggedInbound = { customerId: string | null; inboxId: bigint | null };

/** The inbound row of an inbox message already processed (same inbox id or same provider id). */
export async function findInbound(tx: TenantTx, inboxId: bigint, providerMessageId: string): Promise<LoggedInbound | null> {
  return tx.message.findFirst({
    where: { direction: 'inbound', OR: [{ inboxId }, { providerMessageId }] },
    select: { customerId: true, inboxId: true },
  });
}

const table = (schema: string) => Prisma.raw(`${quotedSchema(schema)}."messages"`);

/**
 * Which of these inbox messages are already logged (by inbox id or by provider id): for each,
 * the inbox id its row was logged under (a redelivery's original). One read for a batch of turns.
 */
export async function findLoggedInbound({ tx, schema }: TenantScope, keys: { inboxId: bigint; providerMessageId: string }[]): Promise<Map<bigint, bigint | null>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ asked: string; logged: string | null }[]>`
    SELECT k.inbox_id::text AS asked, m.inbox_id::text AS logged
    FROM unnest(${keys.map((k) => k.inboxId.toString())}::bigint[], ${keys.map((k) => k.providerMessageId)}::text[]) AS k(inbox_id, provider_message_id)
    CROSS JOIN LATERAL (
      (SELECT inbox_id FROM ${table(schema)} WHERE direction = 'inbound' AND inbox_id = k.inbox_id AND seq = 0)
      UNION ALL
      (SELECT inbox_id FROM ${table(schema)} WHERE provider_message_id = k.provider_message_id AND direction = 'inbound')
      LIMIT 1) m`;
  return new Map(rows.map((r) => [BigInt(r.asked), r.logged === null ? null : BigInt(r.logged)]));
}

// The inbound row and the replies are written on every message: single raw statements keep
// the hot path to one round trip each without the ORM planning them every time.

export type NewInbound = { inboxId: bigint; providerMessageId: string; content: InboundContent };

/**
 * INSERT of inbound rows, one per customer of `customerFrom` (a FROM clause giving `id` and
 * `wa_id`) matched by number, returning `customer_id`; a row conflicts — and is not inserted —
 * when its inbox id or provider id is already logged.
 */
export const inboundInsertSql = (schema: string, customerFrom: Prisma.Sql, rows: (NewInbound & { waId: string })[]) => Prisma.sql`
  INSERT INTO ${Prisma.raw(quotedSchema(schema))}."messages"
    (customer_id, direction, inbox_id, seq, provider_message_id, type, body, payload, transcript, status, updated_at)
  SELECT c.id::uuid, 'inbound', m.inbox_id, 0, m.provider_message_id, m.type, m.body, m.payload, m.transcript, 'received', now()
  FROM unnest(${rows.map((r) => r.waId)}::text[], ${rows.map((r) => r.inboxId.toString())}::bigint[],
              ${rows.map((r) => r.providerMessageId)}::text[], ${rows.map((r) => inboundType(r.content))}::text[],
              ${rows.map((r) => summarizeInbound(r.content))}::text[], ${rows.map((r) => JSON.stringify(r.content))}::jsonb[],
              ${rows.map((r) => (r.content.type === 'media' ? (r.content.transcript ?? null) : null))}::text[])
    AS m(wa_id, inbox_id, provider_message_id, type, body, payload, transcript)
  JOIN ${customerFrom} c ON c.wa_id = m.wa_id
  ON CONFLICT DO NOTHING
  RETURNING customer_id`;

/** A reply to write: the inbox message it answers (null: none) and its place among that message's replies. */
export type OutboundInsert = { inboxId: bigint | null; seq: number; draft: OutboundDraft };

/**
 * INSERT of replies as pending outbound rows, returning `id, inbox_id, seq` — the same
 * statement for any number of rows (an empty list inserts nothing).
 */
export const outboundInsertSql = (schema: string, rows: OutboundInsert[]) => Prisma.sql`
  INSERT INTO ${Prisma.raw(quotedSchema(schema))}."messages"
    (customer_id, direction, inbox_id, seq, recipient, type, body, payload, status, status_rank, updated_at)
  SELECT r.customer_id, 'outbound', r.inbox_id, r.seq, r.recipient, r.type, r.body, r.payload, 'pending', 0, now()
  FROM unnest(${rows.map((r) => r.draft.customerId)}::uuid[], ${rows.map((r) => r.inboxId?.toString() ?? null)}::bigint[],
              ${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.draft.to)}::text[], ${rows.map((r) => r.draft.content.kind)}::text[],
              ${rows.map((r) => summarizeOutbound(r.draft.content))}::text[], ${rows.map((r) => JSON.stringify(r.draft.content))}::jsonb[])
    AS r(customer_id, inbox_id, seq, recipient, type, body, payload)
  RETURNING id, inbox_id, seq`;

const outboundKey = (inboxId: bigint | string | null, seq: number) => `${inboxId ?? ''}:${seq}`;

/**
 * Pairs inserted ids (from outboundInsertSql's RETURNING) with what was inserted, in order.
 * Rows are told apart by inbox id and seq, so rows without an inbox id come from one list of replies.
 */
export function outboundRows(inserted: OutboundInsert[], rows: { id: bigint | string; inbox_id: bigint | string | null; seq: number }[]): OutboundRow[] {
  const ids = new Map(rows.map((r) => [outboundKey(r.inbox_id, Number(r.seq)), BigInt(r.id)]));
  return inserted.map(({ inboxId, seq, draft }) => {
    const id = ids.get(outboundKey(inboxId, seq));
    if (id === undefined) throw new Error(`outbound row ${outboundKey(inboxId, seq)} was not inserted`);
    return { id, to: draft.to, content: draft.content };
  });
}

/** The rows to insert for one message's replies: seq 0..n under its inbox id. */
export const repliesTo = (inboxId: bigint | null, drafts: OutboundDraft[]): OutboundInsert[] => drafts.map((draft, seq) => ({ inboxId, seq, draft }));

/** Writes replies as pending outbound rows (seq 0..n under the inbox id they answer). */
export async function insertOutbound({ tx, schema }: TenantScope, inboxId: bigint | null, drafts: OutboundDraft[]): Promise<OutboundRow[]> {
  if (drafts.length === 0) return [];
  const rows = repliesTo(inboxId, drafts);
  return outboundRows(rows, await tx.$queryRaw<{ id: bigint; inbox_id: bigint | null; seq: number }[]>(outboundInsertSql(schema, rows)));
}

/** Who of the shop sent a staff reply, as the inbox shows it (the name as it was then). */
export type MessageSender = { kind: 'user' | 'api_key' | 'platform'; id: string | null; name: string | null };

/**
 * Writes a message a person of the shop typed (staff inbox, business API) as a pending outbound
 * row, answering no inbound message, with who sent it. The sender is a second statement on the
 * new row, so the bulk insert of the bot's replies (the hot path) stays as it is.
 */
export async function insertStaffReply(scope: TenantScope, customer: { id: string; waId: string }, content: OutboundContent, sender?: MessageSender): Promise<OutboundRow> {
  const [row] = await insertOutbound(scope, null, [{ to: customer.waId, customerId: customer.id, content }]);
  if (sender) {
    await scope.tx.message.update({
      where: { id: row!.id },
      data: { sentByKind: sender.kind, sentById: sender.id, sentByName: sender.name?.slice(0, 200) ?? null },
    });
  }
  return row!;
}

const conversationSelect = {
  id: true, direction: true, type: true, body: true, payload: true, status: true, errorCode: true, errorTitle: true,
  providerMessageId: true, createdAt: true, sentAt: true, deliveredAt: true, readAt: true,
} as const;

export type ConversationPage = {
  messages: Prisma.MessageGetPayload<{ select: typeof conversationSelect }>[];
  /** Pass as `before` for the next (older) page; null when this page reaches the first message. */
  nextBefore: bigint | null;
};

/** A customer's conversation with each message's status, newest first, a page at a time (staff inbox). */
export async function listConversation(tx: TenantTx, customerId: string, page: { limit: number; before?: bigint }): Promise<ConversationPage> {
  const rows = await tx.message.findMany({
    where: { customerId, ...(page.before !== undefined ? { id: { lt: page.before } } : {}) },
    orderBy: { id: 'desc' },
    take: page.limit + 1,
    select: conversationSelect,
  });
  const messages = rows.slice(0, page.limit);
  return { messages, nextBefore: rows.length > page.limit ? messages[messages.length - 1]!.id : null };
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
