import { z } from 'zod';
import type { Task } from 'graphile-worker';
import type { TenantClients } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { OutboundSender } from '../channels/outbound-sender.ts';
import type { OutboundContent } from '../channels/messages.types.ts';
import type { CompaniesService } from '../companies/index.ts';

const jobPayload = z.object({ channelId: z.string().uuid(), companyId: z.string().uuid(), waId: z.string(), ids: z.array(z.string().regex(/^\d+$/)).min(1) });

export function createSendOutboundTask(deps: { companies: CompaniesService; tenants: TenantClients; sender: OutboundSender; metrics: Metrics; logger: Logger }): Task {
  return async (payload) => {
    const job = jobPayload.parse(payload);
    const channel = await deps.companies.resolveChannelById(job.channelId);
    if (!channel) return;
    const db = deps.tenants.get(channel.company.db);
    const rows = await db.message.findMany({ where: { id: { in: job.ids.map((i) => BigInt(i)) }, status: 'pending' }, orderBy: { id: 'asc' } });
    const outcome = await deps.sender.sendGroups(
      channel,
      [{ rows: rows.map((r) => ({ id: r.id, to: r.recipient ?? job.waId, content: r.payload as OutboundContent })) }],
      deps.logger.child({ companyId: channel.company.id }),
    );
    deps.metrics.outbound.inc({ result: 'sent' }, outcome.sent);
    if (outcome.failed) deps.metrics.outbound.inc({ result: 'failed' }, outcome.failed);
  };
}
