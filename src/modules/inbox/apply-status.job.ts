import type { Task } from 'graphile-worker';
import type { Alerts } from '../../platform/alerts.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { STATUS_RANK, isProviderStatus } from '../channels/message-status.ts';
import { describeMetaError } from '../channels/whatsapp-cloud/meta-errors.ts';
import type { MetaStatus } from '../channels/whatsapp-cloud/webhook-payload.ts';
import type { CompaniesService } from '../companies/index.ts';
import { inboxJobPayload, type InboxRepository } from './inbox.repository.ts';

// A status can arrive before the send's response has been recorded; retry a few times, then
// give up on ids that are not ours.
const MAX_STATUS_ATTEMPTS = 6;

export function createApplyStatusTask(deps: {
  inbox: InboxRepository;
  companies: CompaniesService;
  tenants: TenantClients;
  metrics: Metrics;
  alerts: Alerts;
  logger: Logger;
}): Task {
  return async (payload) => {
    const { inboxId } = inboxJobPayload.parse(payload);
    const event = await deps.inbox.get(inboxId);
    if (!event || event.state !== 'pending') return;
    const status = event.message_type;
    const channel = await deps.companies.resolveChannelById(event.channel_id);
    if (!channel || !isProviderStatus(status)) {
      await deps.inbox.markFailed(event.id, !channel ? 'channel no longer active' : `unknown status ${status}`);
      return;
    }
    const db = deps.tenants.get(channel.company.db);
    const rank = STATUS_RANK[status];
    const at = new Date(event.provider_timestamp);
    const error = (event.payload as MetaStatus).errors?.[0];
    const updated = await db.message.updateMany({
      where: { providerMessageId: event.provider_message_id, statusRank: { lt: rank } },
      data: {
        status,
        statusRank: rank,
        ...(status === 'delivered' ? { deliveredAt: at } : {}),
        ...(status === 'read' ? { readAt: at } : {}),
        ...(error ? { errorCode: error.code, errorTitle: describeMetaError(error.code).cause } : {}),
      },
    });
    if (updated.count === 0) {
      const known = await db.message.findUnique({ where: { providerMessageId: event.provider_message_id }, select: { id: true } });
      if (!known) {
        const attempts = await deps.inbox.recordAttempt(event.id, 'message id not (yet) in the message log');
        if (attempts < MAX_STATUS_ATTEMPTS) throw new Error(`status for unknown message ${event.provider_message_id}; retrying`);
        await deps.inbox.markFailed(event.id, 'status for a message this platform did not send');
        return;
      }
    }
    await deps.inbox.markProcessed(event.id);
    deps.metrics.statuses.inc({ status: updated.count > 0 ? status : 'stale' });
    if (status === 'failed') {
      const info = describeMetaError(error?.code);
      deps.logger.warn({ companyId: channel.company.id, waMessageId: event.provider_message_id, code: error?.code, cause: info.cause }, 'message delivery failed');
      await deps.alerts.raise('send_failures', `WhatsApp could not deliver a message: ${info.cause}`, {
        companyId: channel.company.id,
        code: error?.code,
      });
    }
  };
}
