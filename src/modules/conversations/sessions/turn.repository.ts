// A conversation turn reads and writes the same rows on every message, so it does so in two
// statements instead of five: one that locks the customer, logs the inbound message and reads
// the session, and one that saves the session and writes the replies. The SQL of each part
// stays with the module that owns the table; this file only puts the parts together.
import type { TenantTx } from '../../../platform/db/clients.ts';
import { Prisma } from '../../../generated/tenant/client.ts';
import {
  inboundInsertSql,
  lockOrCreateCustomerCtes,
  outboundInsertSql,
  outboundRows,
  toCustomer,
  type Customer,
  type CustomerRow,
  type NewInbound,
  type OutboundDraft,
  type OutboundRow,
} from '../../customers/index.ts';
import type { SessionData } from './session.types.ts';
import { sessionTableSql, sessionUpsertSql, toLoadedSession, type LoadedSession, type SessionRow, type SessionTimes } from './session.repository.ts';

export type OpenedTurn = { customer: Customer; created: boolean; session: LoadedSession | null; logged: boolean };

/**
 * Locks the customer (creating a new number's), logs the inbound message under them and reads
 * their session, in one round trip. Undefined only when another transaction created the same
 * customer at that instant (nothing is written then; call again). `logged` is false when the
 * message was already logged (a retried job or a redelivery).
 */
export async function openTurn(
  tx: TenantTx,
  schema: string,
  customer: { waId: string; name: string | null },
  inbound: NewInbound,
): Promise<OpenedTurn | undefined> {
  const [row] = await tx.$queryRaw<(CustomerRow & SessionRow & { created: boolean; logged: number })[]>`
    WITH ${lockOrCreateCustomerCtes(schema, customer.waId, customer.name, 'c')},
         logged AS (${inboundInsertSql(schema, Prisma.sql`c`, inbound)} RETURNING 1)
    SELECT c.*, s.data, s.expires_at, s.last_inbound_at, s.is_active, (SELECT count(*) FROM logged)::int AS logged
    FROM c LEFT JOIN ${sessionTableSql(schema)} s ON s.customer_id = c.id::uuid`;
  if (!row) return undefined;
  return { customer: toCustomer(row), created: row.created, session: toLoadedSession(row), logged: row.logged > 0 };
}

/** Saves the session and writes the replies as pending outbound rows, in one round trip. */
export async function closeTurn(
  tx: TenantTx,
  schema: string,
  turn: { customerId: string; session: SessionData; times: SessionTimes; inboxId: bigint; drafts: OutboundDraft[] },
): Promise<OutboundRow[]> {
  const saveSql = sessionUpsertSql(schema, turn.customerId, turn.session, turn.times);
  if (turn.drafts.length === 0) {
    await tx.$executeRaw(saveSql);
    return [];
  }
  const rows = await tx.$queryRaw<{ id: bigint; seq: number }[]>`
    WITH saved AS (${saveSql}), replies AS (${outboundInsertSql(schema, turn.inboxId, turn.drafts)})
    SELECT id, seq FROM replies`;
  return outboundRows(turn.drafts, rows);
}
