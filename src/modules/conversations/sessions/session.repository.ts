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

type SessionRow = { data: unknown; expires_at: Date; last_inbound_at: Date; is_active: boolean };

/** The stored session; `data` is null when it no longer parses (it is then started afresh). */
export async function loadSession(tx: TenantTx, schema: string, customerId: string): Promise<LoadedSession | null> {
  const [row] = await tx.$queryRaw<SessionRow[]>`
    SELECT data, expires_at, last_inbound_at, is_active
    FROM ${Prisma.raw(quotedSchema(schema))}."customer_sessions" WHERE customer_id = ${customerId}::uuid`;
  if (!row) return null;
  const parsed = sessionDataSchema.safeParse(row.data);
  return { data: parsed.success ? parsed.data : null, expiresAt: row.expires_at, lastInboundAt: row.last_inbound_at, isActive: row.is_active };
}

export async function saveSession(
  tx: TenantTx,
  schema: string,
  customerId: string,
  data: SessionData,
  times: { now: Date; expiresAt: Date },
): Promise<void> {
  const step = data.state.step;
  await tx.$executeRaw`
    INSERT INTO ${Prisma.raw(quotedSchema(schema))}."customer_sessions"
      (id, customer_id, flow, last_step, data, is_active, expires_at, last_inbound_at, updated_at)
    VALUES (gen_random_uuid(), ${customerId}::uuid, ${flowOf(step)}, ${step}, ${JSON.stringify(data)}::jsonb, true,
      ${times.expiresAt}, ${times.now}, now())
    ON CONFLICT (customer_id) DO UPDATE SET
      flow = EXCLUDED.flow, last_step = EXCLUDED.last_step, data = EXCLUDED.data, is_active = true,
      expires_at = EXCLUDED.expires_at, last_inbound_at = EXCLUDED.last_inbound_at, updated_at = now()`;
}
