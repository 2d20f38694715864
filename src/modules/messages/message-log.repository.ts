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

/** A batch's inbox message: logged already (a retried job, a redelivery) if its inbox id or its provider id is. */
export type InboundKey = { inboxId: bigint; providerMessageId: string };

/**
 * A scalar subquery: the inbound rows already logged for these inbox messages (by inbox id or by
 * provider id), as a JSON array of [inbox id, provider id] pairs (null: none). Planned once per
 * statement, so a read that asks it of a batch together with other things stays one statement.
 * `loggedInboundOf` reads the value back.
 */
export const loggedInboundSql = (schema: string, keys: InboundKey[]) => Prisma.sql`
  (SELECT json_agg(json_build_array(m.inbox_id::text, m.provider_message_id)) FROM ${table(schema)} m
   WHERE m.direction = 'inbound'
     AND ((m.inbox_id = ANY(${keys.map((k) => k.inboxId.toString())}::bigint[]) AND m.seq = 0)
          OR m.provider_message_id = ANY(${keys.map((k) => k.providerMessageId)}::text[])))`;

/** For each key logged already, the inbox id its row was logged under (a redelivery's original; null: none). */
export function loggedInboundOf(keys: InboundKey[], value: unknown): Map<bigint, bigint | null> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const rows = (Array.isArray(parsed) ? parsed : []) as [string | null, string | null][];
  const inboxIds = new Set(rows.map(([inbox]) => inbox));
  const byProvider = new Map(rows.map(([inbox, pid]) => [pid, inbox]));
  const logged = new Map<bigint, bigint | null>();
  for (const k of keys) {
    // Logged under its own inbox id, or (a redelivery) under the one its provider id was logged with.
    const inbox = inboxIds.has(k.inboxId.toString()) ? k.inboxId.toString() : byProvider.get(k.providerMessageId);
    if (inbox !== undefined) logged.set(k.inboxId, inbox === null ? null : BigInt(inbox));
  }
  return logged;
}

/**
 * The inbox's row per customer (`conversations`) moved on by messages just logged: the last
 * message, when the customer last wrote, how many inbound messages are unread. `logged` is a
 * query giving the new rows' `customer_id, id, created_at, direction` (rows without a customer
 * are left out). Customers in id order, so two writers never lock the same rows in opposite
 * orders. Every writer of the log runs it in the transaction that logs the messages — this
 * module writes them all — and a turn's commit runs it once for its inbound messages and
 * replies together (it was a statement trigger, run on every insert: two upserts per commit).
 */
const conversationsTouchSql = (schema: string, logged: Prisma.Sql) => Prisma.sql`
  INSERT INTO ${Prisma.raw(quotedSchema(schema))}."conversations" AS c
    (customer_id, last_message_id, last_message_at, last_inbound_at, unread_count, updated_at)
  SELECT n.customer_id, max(n.id), max(n.created_at),
         max(n.created_at) FILTER (WHERE n.direction = 'inbound'),
         count(*) FILTER (WHERE n.direction = 'inbound'), now()
  FROM (${logged}) AS n(customer_id, id, created_at, direction)
  WHERE n.customer_id IS NOT NULL
  GROUP BY n.customer_id
  ORDER BY n.customer_id
  ON CONFLICT (customer_id) DO UPDATE SET
    last_message_id = GREATEST(c.last_message_id, EXCLUDED.last_message_id),
    last_message_at = GREATEST(c.last_message_at, EXCLUDED.last_message_at),
    last_inbound_at = GREATEST(c.last_inbound_at, EXCLUDED.last_inbound_at),
    unread_count = c.unread_count + EXCLUDED.unread_count,
    updated_at = now()`;

/** A message row just written, as the inbox's conversation row needs it. */
export type LoggedMessage = { customerId: string | null; id: bigint; at: Date; direction: 'inbound' | 'outbound' };

const loggedValuesSql = (rows: LoggedMessage[]) => Prisma.sql`
  SELECT * FROM unnest(${rows.map((r) => r.customerId)}::uuid[], ${rows.map((r) => r.id.toString())}::bigint[],
                       ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.direction)}::text[])`;

/**
 * The conversation rows statement for a turn commit: the replies just inserted by the CTE named
 * `repliesCte` (outboundInsertSql's RETURNING) and the inbound messages the commit logged.
 */
export const turnConversationsTouchSql = (schema: string, repliesCte: string, inbound: LoggedMessage[]) =>
  conversationsTouchSql(schema, Prisma.sql`
    SELECT customer_id, id, created_at, 'outbound' FROM ${Prisma.raw(repliesCte)}
    UNION ALL ${loggedValuesSql(inbound)}`);

/** Moves the conversation rows on for messages logged in this transaction (after their insert). */
async function touchConversations({ tx, schema }: TenantScope, rows: LoggedMessage[]): Promise<void> {
  if (rows.some((r) => r.customerId !== null)) await tx.$executeRaw(conversationsTouchSql(schema, loggedValuesSql(rows)));
}

// The inbound row and the replies are written on every message: single raw statements keep
// the hot path to one round trip each without the ORM planning them every time.

export type NewInbound = { inboxId: bigint; providerMessageId: string; content: InboundContent };

/**
 * INSERT of inbound rows, one per customer of `customerFrom` (a FROM clause giving `id` and
 * `wa_id`) matched by number, returning `customer_id, id, created_at`; a row conflicts — and is not inserted —
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
  RETURNING customer_id, id, created_at`;

/** A reply to write: the inbox message it answers (null: none) and its place among that message's replies. */
export type OutboundInsert = { inboxId: bigint | null; seq: number; draft: OutboundDraft };

/**
 * INSERT of replies as pending outbound rows, returning `id, inbox_id, seq, customer_id,
 * created_at` — the same statement for any number of rows (an empty list inserts nothing).
 * The inbox's conversation rows are not moved by it: its writer runs conversationsTouchSql.
 */
export const outboundInsertSql = (schema: string, rows: OutboundInsert[]) => Prisma.sql`
  INSERT INTO ${Prisma.raw(quotedSchema(schema))}."messages"
    (customer_id, direction, inbox_id, seq, recipient, type, body, payload, status, status_rank, updated_at)
  SELECT r.customer_id, 'outbound', r.inbox_id, r.seq, r.recipient, r.type, r.body, r.payload, 'pending', 0, now()
  FROM unnest(${rows.map((r) => r.draft.customerId)}::uuid[], ${rows.map((r) => r.inboxId?.toString() ?? null)}::bigint[],
              ${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.draft.to)}::text[], ${rows.map((r) => r.draft.content.kind)}::text[],
              ${rows.map((r) => summarizeOutbound(r.draft.content))}::text[], ${rows.map((r) => JSON.stringify(r.draft.content))}::jsonb[])
    AS r(customer_id, inbox_id, seq, recipient, type, body, payload)
  RETURNING id, inbox_id, seq, customer_id, created_at`;

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

/**
 * Writes replies as pending outbound rows (seq 0..n under the inbox id they answer) and moves
 * their conversations on. Two statements: the insert waits for the customer's row (its foreign
 * key) before the conversation row is touched, so a writer never holds a conversation row while
 * waiting for a customer a turn has locked (the turn touches that conversation row next).
 */
export async function insertOutbound(scope: TenantScope, inboxId: bigint | null, drafts: OutboundDraft[]): Promise<OutboundRow[]> {
  if (drafts.length === 0) return [];
  const rows = repliesTo(inboxId, drafts);
  const inserted = await scope.tx.$queryRaw<{ id: bigint; inbox_id: bigint | null; seq: number; customer_id: string | null; created_at: Date }[]>(outboundInsertSql(scope.schema, rows));
  await touchConversations(scope, inserted.map((r) => ({ customerId: r.customer_id, id: BigInt(r.id), at: r.created_at, direction: 'outbound' })));
  return outboundRows(rows, inserted);
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
