import type pg from 'pg';
import { conversationQueueSql, DRAIN_JOBS } from './inbox.repository.ts';

/** The send job of one conversation; its key makes it one job however often it is scheduled. */
export const SEND_JOB = { task: 'send-outbound', keyPrefix: 'out:' } as const;

export type ConversationRef = { channelId: string; companyId: string; waId: string };

export const sendJobKey = (c: { companyId: string; waId: string }) => `${SEND_JOB.keyPrefix}${c.companyId}:${c.waId}`;

/**
 * Makes sure the conversation's send job runs at `runAt` (now when absent): the durable retry of
 * replies that wait in the message log, and the sending of messages written outside a turn
 * (staff status changes, handoff release). It runs on the conversation's queue, so it never
 * overlaps or interleaves with the bot's replies. A job already waiting keeps an earlier run time.
 */
export async function scheduleConversationSend(pool: pg.Pool, job: ConversationRef, runAt?: Date) {
  await pool.query(
    `SELECT graphile_worker.add_job('${SEND_JOB.task}', $1::json,
       queue_name => '${DRAIN_JOBS.message.keyPrefix}' || ${conversationQueueSql('$2', '$3::text')}::text,
       run_at => LEAST(COALESCE($4::timestamptz, now()),
                       (SELECT run_at FROM graphile_worker._private_jobs WHERE key = $5 AND locked_at IS NULL)),
       job_key => $5, job_key_mode => 'replace', max_attempts => 25)`,
    [JSON.stringify(job), job.companyId, job.waId, runAt ?? null, sendJobKey(job)],
  );
}
