import { z } from 'zod';
import type { Task } from 'graphile-worker';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { OutboundSender } from '../channels/index.ts';
import type { CompaniesService } from '../companies/index.ts';

const jobPayload = z.object({ channelId: z.string().uuid(), companyId: z.string().uuid(), waId: z.string().min(1) });

/**
 * A conversation's send job (see scheduleConversationSend): sends its waiting replies in order,
 * and schedules itself again for the first one not yet due.
 */
export function createSendOutboundTask(deps: { companies: CompaniesService; sender: OutboundSender; metrics: Metrics; logger: Logger }): Task {
  return async (payload) => {
    const job = jobPayload.parse(payload);
    const channel = await deps.companies.resolveChannelById(job.channelId);
    if (!channel) return;
    const outcome = await deps.sender.sendConversation(channel, job.waId, deps.logger.child({ companyId: channel.company.id }));
    deps.metrics.outbound.inc({ result: 'sent' }, outcome.sent);
    if (outcome.failed) deps.metrics.outbound.inc({ result: 'failed' }, outcome.failed);
  };
}
