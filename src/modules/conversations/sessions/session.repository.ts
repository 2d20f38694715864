import type { TenantTx } from '../../../platform/db/clients.ts';
import { flowOf, sessionDataSchema, type SessionData } from './session.types.ts';

export type LoadedSession = {
  data: SessionData | null;
  expiresAt: Date;
  lastInboundAt: Date;
  isActive: boolean;
};

/** The stored session; `data` is null when it no longer parses (it is then started afresh). */
export async function loadSession(tx: TenantTx, customerId: string): Promise<LoadedSession | null> {
  const row = await tx.customerSession.findUnique({ where: { customerId } });
  if (!row) return null;
  const parsed = sessionDataSchema.safeParse(row.data);
  return { data: parsed.success ? parsed.data : null, expiresAt: row.expiresAt, lastInboundAt: row.lastInboundAt, isActive: row.isActive };
}

export async function saveSession(
  tx: TenantTx,
  customerId: string,
  data: SessionData,
  times: { now: Date; expiresAt: Date },
): Promise<void> {
  const values = {
    flow: flowOf(data.state.step),
    lastStep: data.state.step,
    data,
    isActive: true,
    expiresAt: times.expiresAt,
    lastInboundAt: times.now,
  };
  await tx.customerSession.upsert({
    where: { customerId },
    create: { customerId, ...values },
    update: values,
  });
}
