import type pg from 'pg';
import { conversationQueueSql, DRAIN_JOBS } from './inbox.repository.ts';

/**
 * Queues messages written outside a conversation turn (staff status changes, handoff release)
 * on the customer's conversation queue, so they never overtake or interleave with bot replies.
 */
export async function enqueueOutbound(pool: pg.Pool, job: { channelId: string; companyId: string; waId: string; ids: string[] }) {
  await pool.query(
    `SELECT graphile_worker.add_job('send-outbound', $1::json,
       queue_name => '${DRAIN_JOBS.message.keyPrefix}' || ${conversationQueueSql('$2', '$3::text')}::text,
       max_attempts => 10)`,
    [JSON.stringify(job), job.companyId, job.waId],
  );
}
