// Conversation turns read and write the same rows on every message, so a round of turns — one
// message from each of several customers — opens in one statement and closes in one: the first
// locks the customers (creating new numbers), logs the inbound messages and reads the sessions;
// the second saves the sessions and writes the replies. The SQL of each part stays with the
// module that owns the table; this file only puts the parts together.
import type { TenantTx } from '../../../platform/db/clients.ts';
import { lockOrCreateCustomersCtes, toCustomer, type Customer, type CustomerRow } from '../../customers/index.ts';
import { inboundInsertSql, outboundInsertSql, outboundRows, repliesTo, type NewInbound, type OutboundDraft, type OutboundRow } from '../../messages/index.ts';
import { Prisma } from '../../../generated/tenant/client.ts';
import { sessionsUpsertSql, sessionTableSql, toLoadedSession, type LoadedSession, type SessionSave, type SessionRow } from './session.repository.ts';

export type OpenedTurn = { customer: Customer; created: boolean; session: LoadedSession | null; logged: boolean };
export type TurnToOpen = { waId: string; name: string | null; inbound: NewInbound };

/**
 * Locks each customer (creating new numbers), logs their inbound message and reads their
 * session, in one round trip; one message per customer. Keyed by number; a number is missing
 * only when another transaction created that customer at that instant (nothing is written for
 * it then; open it again). `logged` is false when the message was already logged (a retried job
 * or a redelivery).
 */
export async function openTurns(tx: TenantTx, schema: string, turns: TurnToOpen[]): Promise<Map<string, OpenedTurn>> {
  const rows = await tx.$queryRaw<(CustomerRow & SessionRow & { created: boolean; logged: boolean })[]>`
    WITH ${lockOrCreateCustomersCtes(schema, turns, 'c')},
         logged AS (${inboundInsertSql(schema, Prisma.sql`c`, turns.map((t) => ({ ...t.inbound, waId: t.waId })))})
    SELECT c.*, s.data, s.expires_at, s.last_inbound_at, s.is_active,
           EXISTS (SELECT 1 FROM logged l WHERE l.customer_id = c.id::uuid) AS logged
    FROM c LEFT JOIN ${sessionTableSql(schema)} s ON s.customer_id = c.id::uuid`;
  return new Map(rows.map((r) => [r.wa_id, { customer: toCustomer(r), created: r.created, session: toLoadedSession(r), logged: r.logged }]));
}

export type TurnToClose = SessionSave & { inboxId: bigint; drafts: OutboundDraft[] };

/**
 * Saves the sessions and writes each turn's replies as pending outbound rows, in one round trip.
 * Returns the rows written for each turn, in the order of its drafts.
 */
export async function closeTurns(tx: TenantTx, schema: string, turns: TurnToClose[]): Promise<OutboundRow[][]> {
  const replies = turns.flatMap((t) => repliesTo(t.inboxId, t.drafts));
  const rows = await tx.$queryRaw<{ id: bigint; inbox_id: bigint; seq: number }[]>`
    WITH saved AS (${sessionsUpsertSql(schema, turns)}), replies AS (${outboundInsertSql(schema, replies)})
    SELECT id, inbox_id, seq FROM replies`;
  // Back into one list per turn, in the order of its drafts.
  const written = outboundRows(replies, rows);
  let next = 0;
  return turns.map((t) => written.slice(next, (next += t.drafts.length)));
}
