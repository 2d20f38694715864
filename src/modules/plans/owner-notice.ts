// The owner is told once a month that the plan's messages ran out: the claim is a row in the
// tenant's plan_notices, written in the conversation turn's transaction, so the notice and the
// turn that caused it commit (or roll back) together and concurrent turns claim it only once.
import type { TenantTx } from '../../platform/db/clients.ts';
import { quotedSchema } from '../../platform/db/tenant-scope.ts';
import { Prisma } from '../../generated/tenant/client.ts';

export type PlanNoticeKind = 'message_limit';

/** True for the one caller that claims this month's notice of this kind; false for the rest. */
export async function claimOwnerNotice(tx: TenantTx, schema: string, period: string, kind: PlanNoticeKind): Promise<boolean> {
  const claimed = await tx.$executeRaw`
    INSERT INTO ${Prisma.raw(quotedSchema(schema))}."plan_notices" (period, kind) VALUES (${period}, ${kind})
    ON CONFLICT DO NOTHING`;
  return claimed === 1;
}
