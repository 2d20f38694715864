import type { Task } from 'graphile-worker';
import type { Alerts } from '../../platform/alerts.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { OutboundSender } from '../channels/outbound-sender.ts';
import { toInboundContent } from '../channels/whatsapp-cloud/webhook-payload.ts';
import type { CompaniesService } from '../companies/index.ts';
import { companyContext, type createConversationEngine } from '../conversations/index.ts';
import { drainJobPayload, type InboxRepository, type PendingMessage } from './inbox.repository.ts';

// After this many failed attempts a message is set aside (failed + alert) so one poison message
// cannot stall its conversation forever.
const MAX_MESSAGE_ATTEMPTS = 5;

export const usagePeriod = (d = new Date()) => d.toISOString().slice(0, 7);

// One job takes at most this many messages per read of its queue, and reads again until the
// queue is empty or this many messages have been handled, then lets other queues' jobs run.
const BATCH = 100;
const MAX_PER_JOB = 500;

type Deps = {
  inbox: InboxRepository;
  companies: CompaniesService;
  tenants: TenantClients;
  engine: ReturnType<typeof createConversationEngine>;
  sender: OutboundSender;
  metrics: Metrics;
  alerts: Alerts;
  logger: Logger;
};

/**
 * Drains a conversation queue: every pending message of its conversations, each conversation in
 * the order its customer wrote, one message at a time. A message that fails stops its own
 * conversation for this run (later messages wait behind it) but not the others; the job then
 * fails so graphile-worker retries it with backoff. After MAX_MESSAGE_ATTEMPTS a message is set
 * aside (failed + alert) so one poison message cannot stall its conversation forever.
 */
export function createProcessMessagesTask(deps: Deps): Task {
  const handle = createMessageHandler(deps);
  return async (payload) => {
    const job = drainJobPayload.parse(payload);
    const queue = 'queue' in job ? job.queue : await deps.inbox.queueOf(job.inboxId);
    if (queue === undefined) return;
    const period = usagePeriod();
    const blocked = new Set<string>();
    const errors: unknown[] = [];
    let handled = 0;
    for (;;) {
      if (handled >= MAX_PER_JOB) {
        await deps.inbox.requeue(queue);
        break;
      }
      const batch = (await deps.inbox.pendingMessages(queue, period, BATCH)).filter((e) => !blocked.has(`${e.company_id}:${e.wa_id}`));
      if (batch.length === 0) break;
      const done: string[] = [];
      const outbound: Record<string, number> = {};
      for (const event of batch) {
        const conversation = `${event.company_id}:${event.wa_id}`;
        if (blocked.has(conversation)) continue;
        try {
          const sent = await handle(event);
          if (sent !== null) {
            done.push(event.id);
            outbound[event.id] = sent;
          }
        } catch (err) {
          blocked.add(conversation);
          errors.push(err);
        }
      }
      await deps.inbox.markProcessed(done, period, outbound);
      handled += batch.length;
      if (batch.length < BATCH) break;
    }
    if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} conversations failed; will retry`);
  };
}

/**
 * Handles one message: the engine's turn, then its replies sent. Returns the number of replies
 * sent, or null when the message was set aside instead; throws when it should be retried.
 */
function createMessageHandler(deps: Deps) {
  return async (event: PendingMessage): Promise<number | null> => {
    const log = deps.logger.child({ companyId: event.company_id, inboxId: event.id, waMessageId: event.provider_message_id });
    const channel = await deps.companies.resolveChannelById(event.channel_id);
    if (!channel) {
      await deps.inbox.markFailed(event.id, 'channel no longer active');
      log.warn('message for a disabled or deleted channel set aside');
      return null;
    }
    const company = channel.company;
    const context = companyContext(company, Number(event.used));
    const db = deps.tenants.get(company.db);
    let result: Awaited<ReturnType<typeof deps.engine.handleInbound>>;
    try {
      result = await deps.engine.handleInbound(db, context, {
        inboxId: BigInt(event.id),
        providerMessageId: event.provider_message_id,
        waId: event.wa_id,
        profileName: event.contact_name,
        timestamp: new Date(event.provider_timestamp),
        content: toInboundContent(event.payload),
      });
    } catch (err) {
      const attempts = await deps.inbox.recordAttempt(event.id, String(err));
      deps.metrics.messagesProcessed.inc({ result: 'error' });
      if (attempts >= MAX_MESSAGE_ATTEMPTS) {
        await deps.inbox.markFailed(event.id, String(err));
        await deps.alerts.raise('message_failed', 'A customer message could not be processed and was set aside', {
          companyId: company.id,
          inboxId: event.id,
          error: String(err),
        });
        return null;
      }
      log.error({ err, attempts }, 'processing failed; will retry');
      throw err;
    }
    const outcome = await deps.sender.sendRows(channel, result.outbound, log, { inboxId: BigInt(event.id) });
    deps.metrics.messagesProcessed.inc({ result: 'ok' });
    deps.metrics.outbound.inc({ result: 'sent' }, outcome.sent);
    if (outcome.failed) deps.metrics.outbound.inc({ result: 'failed' }, outcome.failed);
    if (outcome.sent > 0) deps.metrics.replySeconds.observe((Date.now() - new Date(event.provider_timestamp).getTime()) / 1000);
    for (const e of result.events) {
      if (e.type === 'order_created') deps.metrics.orders.inc({ result: 'created' });
      // A stock shortage is an ordinary answer to the customer (CONFLICT), not an operator alert.
      if (e.type === 'order_failed' && e.detail?.reason !== 'CONFLICT') {
        deps.metrics.orders.inc({ result: 'failed' });
        await deps.alerts.raise('order_failed', 'An order could not be created', { companyId: company.id, ...e.detail });
      }
    }
    log.debug({ sent: outcome.sent, failed: outcome.failed, skipped: outcome.skipped }, 'message processed');
    return outcome.sent;
  };
}
