import type { TenantTx } from '../../../platform/db/clients.ts';
import { Prisma } from '../../../generated/tenant/client.ts';
import { quotedSchema } from '../../../platform/db/tenant-scope.ts';
import { flows } from '../flows/flows.ts';
import { sessionDataSchema, type SessionData } from './session.types.ts';

// Read and written on every message, so these are single raw statements: the session is one
// row per customer and the hot path should not pay the ORM's query planning twice per message.

export type LoadedSession = {
  data: SessionData | null;
  /** The step stored in a session that no longer parses (null when it parses or names no step). */
  unreadStep: string | null;
  expiresAt: Date;
  lastInboundAt: Date;
  isActive: boolean;
};

/** Columns of a stored session, as read by `toLoadedSession` (null columns: no session). */
export type SessionRow = { data: unknown; expires_at: Date | null; last_inbound_at: Date | null; is_active: boolean | null };

/** The session table, for joins. */
export const sessionTableSql = (schema: string) => Prisma.sql`${Prisma.raw(quotedSchema(schema))}."customer_sessions"`;

/** The step a stored session names, whatever else it holds. */
function storedStep(data: unknown): string | null {
  const state = typeof data === 'object' && data !== null ? (data as { state?: unknown }).state : null;
  const step = typeof state === 'object' && state !== null ? (state as { step?: unknown }).step : null;
  return typeof step === 'string' ? step : null;
}

/**
 * The stored session; `data` is null when it no longer parses (it is then started afresh, unless
 * its step is one no flow declares: converse.ts refuses that).
 */
export function toLoadedSession(row: SessionRow | undefined): LoadedSession | null {
  if (!row || row.expires_at === null || row.last_inbound_at === null) return null;
  const parsed = sessionDataSchema.safeParse(row.data);
  return {
    data: parsed.success ? parsed.data : null,
    unreadStep: parsed.success ? null : storedStep(row.data),
    expiresAt: row.expires_at,
    lastInboundAt: row.last_inbound_at,
    isActive: row.is_active ?? false,
  };
}

export type SessionTimes = { now: Date; expiresAt: Date };

/** A session to save: its customer, what it holds and when it expires. */
export type SessionSave = { customerId: string; data: SessionData; times: SessionTimes };

/** Upsert of several customers' sessions (one each) — the same statement for any number of them. */
export const sessionsUpsertSql = (schema: string, saves: SessionSave[]) => Prisma.sql`
  INSERT INTO ${sessionTableSql(schema)}
    (id, customer_id, flow, last_step, data, is_active, expires_at, last_inbound_at, updated_at)
  SELECT gen_random_uuid(), s.customer_id, s.flow, s.step, s.data, true, s.expires_at, s.now, now()
  FROM unnest(${saves.map((v) => v.customerId)}::uuid[], ${saves.map((v) => flows.flowOf(v.data.state.step))}::text[],
              ${saves.map((v) => v.data.state.step)}::text[], ${saves.map((v) => JSON.stringify(v.data))}::jsonb[],
              ${saves.map((v) => v.times.expiresAt.toISOString())}::timestamptz[], ${saves.map((v) => v.times.now.toISOString())}::timestamptz[])
    AS s(customer_id, flow, step, data, expires_at, now)
  ON CONFLICT (customer_id) DO UPDATE SET
    flow = EXCLUDED.flow, last_step = EXCLUDED.last_step, data = EXCLUDED.data, is_active = true,
    expires_at = EXCLUDED.expires_at, last_inbound_at = EXCLUDED.last_inbound_at, updated_at = now()`;
