import type pg from 'pg';
import type { Alerts } from '../../platform/alerts.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { OutboundSender } from '../channels/index.ts';
import type { CompaniesService } from '../companies/index.ts';
import { scheduleConversationSend, sendJobKey } from './enqueue-outbound.ts';
import type { InboxRepository } from './inbox.repository.ts';

/**
 * The invariant "every stored event has a job that will handle it", checked from outside the
 * mechanisms that keep it (the store statement's job, the drain job's follow-up, the sweep of dead
 * workers). Pending events older than `afterMs` on a queue with no drain job able to run are
 * re-enqueued, and the operator is told that the platform had to: it means a bug or an outside
 * hand (a job deleted by hand, a restore), never normal operation.
 */
export function createInboxReconciler(deps: { inbox: InboxRepository; alerts: Alerts; metrics: Metrics; logger: Logger; afterMs: number }) {
  return async function reconcileInbox(): Promise<number> {
    const stalled = await deps.inbox.stalledQueues(deps.afterMs);
    for (const q of stalled) {
      if (q.kind === 'message') await deps.inbox.requeue(q.queue);
      else await deps.inbox.requeueStatuses(q.queue, 0);
      deps.metrics.reconciled.inc({ kind: q.kind }, q.pending);
      deps.logger.warn({ kind: q.kind, queue: q.queue, pending: q.pending, oldestSeconds: Math.round(q.oldestSeconds) }, 'stored events had no job to handle them; re-enqueued');
      await deps.alerts.raise(
        'queue_stalled',
        `${q.pending} stored ${q.kind === 'message' ? 'customer messages' : 'statuses'} had no job to handle them (oldest ${Math.round(q.oldestSeconds)} s); re-enqueued`,
        { kind: q.kind, queue: q.queue, pending: q.pending },
      );
    }
    return stalled.length;
  };
}

/**
 * The same invariant for replies: every reply left unsent in a company's message log has its
 * conversation's send job. A conversation with replies waiting (retry / unknown), or pending or
 * sending for longer than `staleMs`, and no send job able to run, gets one, with an alert.
 */
export function createRepliesReconciler(deps: {
  companies: CompaniesService;
  sender: OutboundSender;
  inbox: InboxRepository;
  pool: pg.Pool;
  alerts: Alerts;
  metrics: Metrics;
  logger: Logger;
  staleMs: number;
}) {
  return async function reconcileReplies(): Promise<number> {
    let healed = 0;
    for (const company of await deps.companies.listCompanies()) {
      const number = company.channels.find((c) => c.status === 'active');
      const channel = number && (await deps.companies.resolveChannelById(number.id));
      if (!channel) continue;
      const waiting = await deps.sender.unsettledConversations(channel, deps.staleMs);
      if (waiting.length === 0) continue;
      const keyOf = (waId: string) => sendJobKey({ companyId: company.id, waId });
      const live = await deps.inbox.liveJobKeys(waiting.map((w) => keyOf(w.waId)));
      const orphans = waiting.filter((w) => !live.has(keyOf(w.waId)));
      for (const w of orphans) await scheduleConversationSend(deps.pool, { channelId: channel.channelId, companyId: company.id, waId: w.waId }, w.due);
      if (orphans.length === 0) continue;
      healed += orphans.length;
      deps.metrics.reconciled.inc({ kind: 'reply' }, orphans.length);
      deps.logger.warn({ companyId: company.id, conversations: orphans.length }, 'unsent replies had no send job; scheduled');
      await deps.alerts.raise('queue_stalled', `Replies of ${orphans.length} conversations were left unsent with no job to send them; scheduled`, { companyId: company.id });
    }
    return healed;
  };
}
