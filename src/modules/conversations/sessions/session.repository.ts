import type { TenantTx } from '../../../platform/db/clients.ts';
import { Prisma } from '../../../generated/tenant/client.ts';
import { quotedSchema } from '../../customers/index.ts';
import { flowOf, sessionDataSchema, type SessionData } from './session.types.ts';

// Read and written on every message, so these are single raw statements: the session is one
// row per customer and the hot path should not pay the ORM's query planning twice per message.

export type LoadedSession = {
  data: SessionData | null;
  expiresAt: Date;
  lastInboundAt: Date;
  isActive: boolean;
};

/** Columns of a stored session, as read by `toLoadedSession` (null columns: no session). */
export type SessionRow = { data: unknown; expires_at: Date | null; last_inbound_at: Date | null; is_active: boolean | null };

/** The session table, for joins. */
export const sessionTableSql = (schema: string) => Prisma.sql`${Prisma.raw(quotedSchema(schema))}."customer_sessions"`;

/** The stored session; `data` is null when it no longer parses (it is then started afresh). */
export function toLoadedSession(row: SessionRow | undefined): LoadedSession | null {
  if (!row || row.expires_at === null || row.last_inbound_at === null) return null;
  const parsed = sessionDataSchema.safeParse(row.data);
  return { data: parsed.success ? parsed.data : null, expiresAt: row.expires_at, lastInboundAt: row.last_inbound_at, isActive: row.is_active ?? false };
}

export type SessionTimes = { now: Date; expiresAt: Date };

/** Upsert of the customer's session. */
export const sessionUpsertSql = (schema: string, customerId: string, data: SessionData, times: SessionTimes) => {
  const step = data.state.step;
  return Prisma.sql`
    INSERT INTO ${sessionTableSql(schema)}
      (id, customer_id, flow, last_step, data, is_active, expires_at, last_inbound_at, updated_at)
    VALUES (gen_random_uuid(), ${customerId}::uuid, ${flowOf(step)}, ${step}, ${JSON.stringify(data)}::jsonb, true,
      ${times.expiresAt}, ${times.now}, now())
    ON CONFLICT (customer_id) DO UPDATE SET
      flow = EXCLUDED.flow, last_step = EXCLUDED.last_step, data = EXCLUDED.data, is_active = true,
      expires_at = EXCLUDED.expires_at, last_inbound_at = EXCLUDED.last_inbound_at, updated_at = now()`;
};
