import { Prisma } from '../../generated/tenant/client.ts';
import { agentOutcomeSql } from '../agent/index.ts';
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import { quotedSchema } from '../../platform/db/tenant-scope.ts';

// The inbox's reads and writes: `conversations` (its last-message and unread columns moved on by
// the message log's writers in the messages module; read state and assignment written here),
// `message_media`, and reads of the message log joined for display. Raw SQL names the schema.

type Db = TenantClient | TenantTx;
const t = (schema: string, table: string) => Prisma.raw(`${quotedSchema(schema)}."${table}"`);

export type ConversationRow = {
  customer_id: string;
  wa_id: string;
  name: string | null;
  last_message_at: Date;
  last_inbound_at: Date | null;
  unread_count: number;
  assigned_user_id: string | null;
  assigned_at: Date | null;
  handoff_at: Date | null;
  bot_paused_until: Date | null;
  last_id: bigint | null;
  last_direction: string | null;
  last_type: string | null;
  last_body: string | null;
  last_status: string | null;
};

export type ConversationFilter = {
  limit: number;
  after?: { at: Date; customerId: string } | undefined;
  needsPerson?: boolean | undefined;
  unread?: boolean | undefined;
  assignedTo?: string | null | undefined;
  q?: string | undefined;
  now: Date;
};

const conversationColumns = (schema: string) => Prisma.sql`
  c.customer_id, cu.wa_id, cu.name, c.last_message_at, c.last_inbound_at, c.unread_count,
  c.assigned_user_id, c.assigned_at, cu.handoff_at, cu.bot_paused_until,
  m.id AS last_id, m.direction AS last_direction, m.type AS last_type, left(m.body, 200) AS last_body, m.status AS last_status
  FROM ${t(schema, 'conversations')} c
  JOIN ${t(schema, 'customers')} cu ON cu.id = c.customer_id
  LEFT JOIN ${t(schema, 'messages')} m ON m.id = c.last_message_id`;

/** Conversations newest first, one page (limit + 1 rows: the extra one says there is more). */
export async function listConversations(db: Db, schema: string, f: ConversationFilter): Promise<ConversationRow[]> {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.after) where.push(Prisma.sql`(c.last_message_at, c.customer_id) < (${f.after.at}::timestamptz, ${f.after.customerId}::uuid)`);
  if (f.needsPerson === true) where.push(Prisma.sql`cu.bot_paused_until > ${f.now}::timestamptz`);
  if (f.needsPerson === false) where.push(Prisma.sql`(cu.bot_paused_until IS NULL OR cu.bot_paused_until <= ${f.now}::timestamptz)`);
  if (f.unread === true) where.push(Prisma.sql`c.unread_count > 0`);
  if (f.unread === false) where.push(Prisma.sql`c.unread_count = 0`);
  if (f.assignedTo === null) where.push(Prisma.sql`c.assigned_user_id IS NULL`);
  else if (f.assignedTo) where.push(Prisma.sql`c.assigned_user_id = ${f.assignedTo}::uuid`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(Prisma.sql`(cu.name ILIKE ${like} OR cu.wa_id LIKE ${like})`);
  }
  return db.$queryRaw<ConversationRow[]>(Prisma.sql`
    SELECT ${conversationColumns(schema)}
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY c.last_message_at DESC, c.customer_id DESC
    LIMIT ${f.limit + 1}`);
}

export async function findConversation(db: Db, schema: string, customerId: string): Promise<ConversationRow | null> {
  const rows = await db.$queryRaw<ConversationRow[]>(Prisma.sql`SELECT ${conversationColumns(schema)} WHERE c.customer_id = ${customerId}::uuid`);
  return rows[0] ?? null;
}

export type MessageRow = {
  id: bigint;
  direction: string;
  type: string;
  body: string | null;
  payload: unknown;
  status: string;
  error_code: number | null;
  error_title: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  media_kind: string | null;
  media_status: string | null;
  media_mime: string | null;
  media_size: number | null;
  sent_by_kind: string | null;
  sent_by_id: string | null;
  sent_by_name: string | null;
  /** An inbound voice note's words (transcribed by the AI agent). */
  transcript: string | null;
  /** Outbound: the AI agent's outcome for the message this answers ('answered'…), null when the menu or a person wrote it. */
  agent_outcome: string | null;
};

const messageColumns = (schema: string) => Prisma.sql`
  m.id, m.direction, m.type, m.body, m.payload, m.status, m.error_code, m.error_title, m.created_at, m.sent_at, m.delivered_at, m.read_at,
  m.sent_by_kind, m.sent_by_id, m.sent_by_name,
  mm.kind AS media_kind, mm.status AS media_status, mm.mime_type AS media_mime, mm.size_bytes AS media_size, m.transcript,
  CASE WHEN m.direction = 'outbound' AND m.inbox_id IS NOT NULL THEN ${agentOutcomeSql(schema, Prisma.sql`m.inbox_id`)} END AS agent_outcome
  FROM ${t(schema, 'messages')} m
  LEFT JOIN ${t(schema, 'message_media')} mm ON mm.message_id = m.id`;

/** A conversation's messages newest first, before message id `before` (limit + 1 rows). */
export async function listMessages(db: Db, schema: string, customerId: string, opts: { limit: number; before?: bigint | undefined }): Promise<MessageRow[]> {
  return db.$queryRaw<MessageRow[]>(Prisma.sql`
    SELECT ${messageColumns(schema)}
    WHERE m.customer_id = ${customerId}::uuid ${opts.before === undefined ? Prisma.empty : Prisma.sql`AND m.id < ${opts.before}`}
    ORDER BY m.id DESC
    LIMIT ${opts.limit + 1}`);
}

export async function findMessage(db: Db, schema: string, customerId: string, messageId: bigint): Promise<MessageRow | null> {
  const rows = await db.$queryRaw<MessageRow[]>(Prisma.sql`SELECT ${messageColumns(schema)} WHERE m.customer_id = ${customerId}::uuid AND m.id = ${messageId}`);
  return rows[0] ?? null;
}

/**
 * Staff have read the conversation up to `upTo` (default: its last message): the unread count is
 * what came in after that, so a message arriving while staff read it stays unread.
 */
export async function markConversationRead(db: Db, schema: string, customerId: string, upTo?: bigint): Promise<{ unread: number } | null> {
  const rows = await db.$queryRaw<{ unread_count: number }[]>(Prisma.sql`
    UPDATE ${t(schema, 'conversations')} c
    SET read_up_to = GREATEST(c.read_up_to, LEAST(COALESCE(${upTo ?? null}::bigint, c.last_message_id), c.last_message_id)),
        unread_count = (SELECT count(*)::int FROM ${t(schema, 'messages')} m
                        WHERE m.customer_id = c.customer_id AND m.direction = 'inbound'
                          AND m.id > GREATEST(c.read_up_to, LEAST(COALESCE(${upTo ?? null}::bigint, c.last_message_id), c.last_message_id))),
        updated_at = now()
    WHERE c.customer_id = ${customerId}::uuid
    RETURNING c.unread_count`);
  return rows[0] ? { unread: rows[0].unread_count } : null;
}

export async function assignConversation(db: Db, schema: string, customerId: string, userId: string | null): Promise<boolean> {
  const n = await db.$executeRaw(Prisma.sql`
    UPDATE ${t(schema, 'conversations')}
    SET assigned_user_id = ${userId}::uuid, assigned_at = CASE WHEN ${userId}::uuid IS NULL THEN NULL ELSE now() END, updated_at = now()
    WHERE customer_id = ${customerId}::uuid`);
  return n > 0;
}

/**
 * The customer behind a conversation id (only customers who have written or been written to).
 * `lock`: the customer's row is locked first, as the engine's turns lock it before they log
 * messages (which touches the conversation row): the same order, so the two never deadlock.
 */
export async function findConversationCustomer(db: Db, schema: string, customerId: string, lock = false): Promise<{ id: string; waId: string; botPausedUntil: Date | null; lastInboundAt: Date | null } | null> {
  const rows = await db.$queryRaw<{ id: string; wa_id: string; bot_paused_until: Date | null; last_inbound_at: Date | null }[]>(Prisma.sql`
    SELECT cu.id, cu.wa_id, cu.bot_paused_until, c.last_inbound_at
    FROM ${t(schema, 'conversations')} c JOIN ${t(schema, 'customers')} cu ON cu.id = c.customer_id
    WHERE c.customer_id = ${customerId}::uuid ${lock ? Prisma.sql`FOR UPDATE OF cu` : Prisma.empty}`);
  const r = rows[0];
  return r ? { id: r.id, waId: r.wa_id, botPausedUntil: r.bot_paused_until, lastInboundAt: r.last_inbound_at } : null;
}
