// Conversation turns read and write the same rows on every message. A batch's turns are decided
// from one snapshot read (customers, sessions and which messages are logged already, no locks:
// `readTurnSnapshots`); the turns that
// commit together — one message from each of several customers — open in one statement and close
// in one: the first locks the customers (creating new numbers), logs the inbound messages and
// reads the sessions again (to compare with what was decided from); the second saves the
// sessions and writes the replies. The SQL of each part stays with the module that owns the
// table; this file only puts the parts together.
import type { TenantScope } from '../../../platform/db/tenant-scope.ts';
import { customersByWaIdSql, lockOrCreateCustomersCtes, toCustomer, type Customer, type CustomerRow } from '../../customers/index.ts';
import {
  inboundInsertSql, loggedInboundOf, loggedInboundSql, outboundInsertSql, outboundRows, repliesTo, turnConversationsTouchSql,
  type InboundKey, type LoggedMessage, type NewInbound, type OutboundDraft, type OutboundRow,
} from '../../messages/index.ts';
import { Prisma } from '../../../generated/tenant/client.ts';
import { SESSION_COLUMNS, sessionsUpsertSql, sessionTableSql, toLoadedSession, type LoadedSession, type SessionSave, type SessionRow } from './session.repository.ts';

/** What a turn is decided from: the customer (null: a number never seen) and their stored session. */
export type TurnSnapshot = { customer: Customer | null; session: LoadedSession | null };

export type BatchSnapshot = {
  /** Keyed by number. */
  snapshots: Map<string, TurnSnapshot>;
  /** The batch's messages logged already (a retried job, a redelivery): inbox id → the inbox id it was logged under. */
  logged: Map<bigint, bigint | null>;
};

/**
 * What a batch's turns are decided from, in one read without locks: the customers of these
 * numbers with their sessions (keyed by number), and which of the messages are logged already.
 * A logged message always has its customer (it was logged with the customer's id), so the
 * customers' rows carry the answer.
 */
export async function readTurnSnapshots({ tx: db, schema }: TenantScope, inbounds: (InboundKey & { waId: string })[]): Promise<BatchSnapshot> {
  const waIds = [...new Set(inbounds.map((i) => i.waId))];
  const rows = await db.$queryRaw<(CustomerRow & SessionRow & { logged: unknown })[]>`
    SELECT c.*, ${SESSION_COLUMNS}, ${loggedInboundSql(schema, inbounds)} AS logged
    FROM ${customersByWaIdSql(schema, waIds, 'c')} LEFT JOIN ${sessionTableSql(schema)} s ON s.customer_id = c.id::uuid`;
  const found = new Map(rows.map((r) => [r.wa_id, { customer: toCustomer(r), session: toLoadedSession(r) }]));
  return {
    snapshots: new Map(waIds.map((waId) => [waId, found.get(waId) ?? { customer: null, session: null }])),
    logged: loggedInboundOf(inbounds, rows[0]?.logged ?? null),
  };
}

/** `logged`: the inbound row this open wrote (null: the message was logged before). */
export type OpenedTurn = { customer: Customer; created: boolean; session: LoadedSession | null; logged: LoggedMessage | null };
/** `customerId`: the id a new customer gets (the one its turn was decided with). */
export type TurnToOpen = { waId: string; name: string | null; customerId: string; inbound: NewInbound };

/**
 * Locks each customer (creating new numbers), logs their inbound message and reads their
 * session, in one round trip; one message per customer. Keyed by number; a number is missing
 * only when another transaction created that customer at that instant (nothing is written for
 * it then; open it again). `logged` is null when the message was already logged (a retried job
 * or a redelivery).
 */
export async function openTurns({ tx, schema }: TenantScope, turns: TurnToOpen[]): Promise<Map<string, OpenedTurn>> {
  const rows = await tx.$queryRaw<(CustomerRow & SessionRow & { created: boolean; logged_id: bigint | string | null; logged_at: Date | null })[]>`
    WITH ${lockOrCreateCustomersCtes(schema, turns.map((t) => ({ waId: t.waId, name: t.name, id: t.customerId })), 'c')},
         logged AS (${inboundInsertSql(schema, Prisma.sql`c`, turns.map((t) => ({ ...t.inbound, waId: t.waId })))})
    SELECT c.*, ${SESSION_COLUMNS}, l.id AS logged_id, l.created_at AS logged_at
    FROM c LEFT JOIN ${sessionTableSql(schema)} s ON s.customer_id = c.id::uuid
    LEFT JOIN logged l ON l.customer_id = c.id::uuid`;
  return new Map(
    rows.map((r) => {
      const customer = toCustomer(r);
      const logged: LoggedMessage | null = r.logged_id === null ? null : { customerId: customer.id, id: BigInt(r.logged_id), at: r.logged_at!, direction: 'inbound' };
      return [r.wa_id, { customer, created: r.created, session: toLoadedSession(r), logged }];
    }),
  );
}

export type TurnToClose = SessionSave & { inboxId: bigint; drafts: OutboundDraft[] };

/**
 * Saves the sessions, writes each turn's replies as pending outbound rows and moves the inbox's
 * conversation rows on for those replies and the `inbound` messages the commit logged, in one
 * round trip. Returns the rows written for each turn, in the order of its drafts.
 */
export async function closeTurns({ tx, schema }: TenantScope, turns: TurnToClose[], inbound: LoggedMessage[]): Promise<OutboundRow[][]> {
  const replies = turns.flatMap((t) => repliesTo(t.inboxId, t.drafts));
  const rows = await tx.$queryRaw<{ id: bigint; inbox_id: bigint; seq: number }[]>`
    WITH saved AS (${sessionsUpsertSql(schema, turns)}), replies AS (${outboundInsertSql(schema, replies)}),
         touched AS (${turnConversationsTouchSql(schema, 'replies', inbound)})
    SELECT id, inbox_id, seq FROM replies`;
  // Back into one list per turn, in the order of its drafts.
  const written = outboundRows(replies, rows);
  let next = 0;
  return turns.map((t) => written.slice(next, (next += t.drafts.length)));
}
