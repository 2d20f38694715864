import type { Alerts } from '../../platform/alerts.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
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
