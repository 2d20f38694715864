import type { Task } from 'graphile-worker';
import type { Alerts } from '../../platform/alerts.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { STATUS_RANK, isProviderStatus } from '../channels/message-status.ts';
import { describeMetaError } from '../channels/whatsapp-cloud/meta-errors.ts';
import type { MetaStatus } from '../channels/whatsapp-cloud/webhook-payload.ts';
import type { CompaniesService } from '../companies/index.ts';
import { statusJobPayload, type InboxRepository, type InboxRow } from './inbox.repository.ts';

// A status can arrive before the send's response has been recorded: it is retried, and given up
// only after this many attempts and a minute, when the id is surely not one of ours.
const MAX_STATUS_ATTEMPTS = 6;
const GIVE_UP_AFTER_MS = 60_000;
const BATCH = 200;
const MAX_PER_JOB = 2_000;

type Deps = {
  inbox: InboxRepository;
  companies: CompaniesService;
  tenants: TenantClients;
  metrics: Metrics;
  alerts: Alerts;
  logger: Logger;
};

/**
 * Drains pending delivery statuses (sent/delivered/read/failed) onto the message log. A status
 * only ever raises a message's rank, so order does not matter and a late `delivered` never
 * undoes `read`. Statuses for ids not (yet) in the log stay pending and the job fails, so
 * graphile-worker retries it with backoff.
 */
export function createApplyStatusesTask(deps: Deps): Task {
  const apply = createStatusApplier(deps);
  return async (payload) => {
    const { shard } = statusJobPayload.parse(payload ?? {});
    let waiting = 0;
    const seen = new Set<string>();
    for (let handled = 0; handled < MAX_PER_JOB; ) {
      const batch = (await deps.inbox.pendingStatuses(shard, BATCH)).filter((e) => !seen.has(e.id));
      if (batch.length === 0) break;
      const done: string[] = [];
      for (const event of batch) {
        seen.add(event.id);
        const outcome = await apply(event);
        if (outcome === 'applied') done.push(event.id);
        if (outcome === 'waiting') waiting++;
      }
      await deps.inbox.markProcessed(done);
      handled += batch.length;
    }
    if (waiting > 0) throw new Error(`${waiting} statuses for messages not (yet) in the message log; retrying`);
  };
}

function createStatusApplier(deps: Deps) {
  return async (event: InboxRow): Promise<'applied' | 'set aside' | 'waiting'> => {
    const status = event.message_type;
    const channel = await deps.companies.resolveChannelById(event.channel_id);
    if (!channel || !isProviderStatus(status)) {
      await deps.inbox.markFailed(event.id, !channel ? 'channel no longer active' : `unknown status ${status}`);
      return 'set aside';
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
        if (attempts < MAX_STATUS_ATTEMPTS || Date.now() - new Date(event.received_at).getTime() < GIVE_UP_AFTER_MS) return 'waiting';
        await deps.inbox.markFailed(event.id, 'status for a message this platform did not send');
        return 'set aside';
      }
    }
    deps.metrics.statuses.inc({ status: updated.count > 0 ? status : 'stale' });
    if (status === 'failed') {
      const info = describeMetaError(error?.code);
      deps.logger.warn({ companyId: channel.company.id, waMessageId: event.provider_message_id, code: error?.code, cause: info.cause }, 'message delivery failed');
      await deps.alerts.raise('send_failures', `WhatsApp could not deliver a message: ${info.cause}`, {
        companyId: channel.company.id,
        code: error?.code,
      });
    }
    return 'applied';
  };
}
