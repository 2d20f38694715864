import { createGroupCommit } from '../../platform/group-commit.ts';
import type pg from 'pg';
import { z } from 'zod';
import type { InboxItemSetAside, NewInboxEvent } from '../channels/index.ts';
import { addUsageSql, usedMessagesSql } from '../usage/index.ts';

/** Payload of a job that drains one conversation queue. */
export const drainJobPayload = z.object({ queue: z.number().int().min(0) });

export type InboxRow = {
  id: string;
  kind: 'message' | 'status';
  provider: string;
  provider_message_id: string;
  company_id: string;
  channel_id: string;
  wa_id: string;
  contact_name: string | null;
  message_type: string;
  payload: unknown;
  provider_timestamp: Date;
  received_at: Date;
  state: string;
  attempts: number;
  queue_no: number | null;
};

/** `age_ms`: how long ago it arrived, by the database's clock, when it was read. */
export type PendingMessage = InboxRow & { used: number; age_ms: number };

// Conversations are hashed onto a fixed set of named queues: one conversation always lands on
// the same queue (so its messages run in order, one at a time) while the number of queue names
// stays bounded, as graphile-worker recommends. Each queue has at most one waiting job (its job
// key); the job drains every pending message of the queue, so under load one job serves many
// messages instead of one job per message.
export const CONVERSATION_QUEUES = 256;

// Delivery statuses drain on this many job keys (by message id), so status webhooks do not all
// contend for one job row; a message's statuses share a shard.
export const STATUS_SHARDS = 16;

/** Payload of a job that drains one shard of statuses (`{}`: jobs queued before statuses were sharded). */
export const statusJobPayload = z.object({ shard: z.number().int().min(0).max(STATUS_SHARDS - 1).optional() });

// A company's conversations spread over a band of this many queues starting at a point set by
// the company, so one queue's batch holds few companies and their turns share transactions.
export const COMPANY_QUEUE_BAND = 32;

/** SQL for the queue of a conversation (company id, customer's wa_id). */
export const conversationQueueSql = (companyId: string, waId: string) =>
  `(((hashtext(${companyId}::text) & ${CONVERSATION_QUEUES - 1}) + (hashtext(${waId}) & ${COMPANY_QUEUE_BAND - 1})) & ${CONVERSATION_QUEUES - 1})`;

// The drain jobs: a conversation queue's job (its key is also the graphile queue name, so it
// runs one at a time) and a status shard's job. Their job keys are the prefix and the number.
export const DRAIN_JOBS = {
  message: { task: 'process-messages', keyPrefix: 'conv-' },
  status: { task: 'apply-statuses', keyPrefix: 'statuses-' },
} as const;
const DRAIN_MAX_ATTEMPTS = 25;
const { message: M, status: S } = DRAIN_JOBS;

// Statements storing deliveries at once per process; later deliveries wait and go in together.
const STORE_STATEMENTS_IN_FLIGHT = 16;

// Lock order (no deadlocks by design). Everything a store touches belongs to a queue: its inbox
// rows (a redelivery has the same queue as its original) and its queue's drain job row. Before
// touching anything, a store takes a transaction advisory lock on each of its queues, in
// ascending order; so do the other writers of drain jobs (requeue). Two writers that share a
// queue meet at the first lock they share and one waits for the other: no cycle can form.
// Without it, graphile_worker.add_jobs locked running jobs' rows in join order (not key order)
// and two stores could each hold a row the other needed (40P01, a second's wait each).
// Workers take none of these locks: they fetch with SKIP LOCKED and complete one job per statement.
const LOCK_CLASS = { message: 0x6d730001, status: 0x6d730002 } as const;
const lockClassSql = (kind: string) => `(CASE WHEN ${kind} = 'message' THEN ${LOCK_CLASS.message} ELSE ${LOCK_CLASS.status} END)`;

// The hot path of the webhook: raw SQL on the shared pool (one round trip per delivery) rather
// than Prisma, because this is what must answer Meta in milliseconds.
export function createInboxRepository(pool: pg.Pool) {
  /** Stores the events; returns `provider:dedupe key` of those not stored before. */
  async function storeOnce(events: NewInboxEvent[]): Promise<string[]> {
    const col = <K extends keyof NewInboxEvent>(k: K) => events.map((e) => e[k]);
    // Named: prepared once per connection, so PostgreSQL does not plan it again on every delivery.
    const { rows } = await pool.query<{ keys: string[] | null }>({
      name: 'inbox-store',
      text: `WITH input AS (
         SELECT t.*, CASE WHEN t.kind = 'message' THEN ${conversationQueueSql('t.company_id', 't.wa_id')}
                          ELSE (hashtext(t.provider_message_id) & ${STATUS_SHARDS - 1}) END AS queue_no
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                     $8::text[], $9::jsonb[], $10::timestamptz[], $11::text[])
           AS t(kind, dedupe_key, provider_message_id, company_id, channel_id, wa_id, contact_name, message_type,
                payload, provider_timestamp, provider)
       ), ins AS (
         -- The queue locks come first (an InitPlan runs before the first row is inserted).
         INSERT INTO public.inbox_events (kind, provider, dedupe_key, provider_message_id, company_id, channel_id, wa_id,
                                          contact_name, message_type, payload, provider_timestamp, queue_no)
         SELECT i.kind, i.provider, i.dedupe_key, i.provider_message_id, i.company_id, i.channel_id, i.wa_id, i.contact_name,
                i.message_type, i.payload, i.provider_timestamp, i.queue_no
         FROM input i
         WHERE (SELECT count(pg_advisory_xact_lock(q.lock_class, q.queue_no))
                FROM (SELECT DISTINCT ${lockClassSql('kind')} AS lock_class, queue_no FROM input ORDER BY 1, 2) q) >= 0
         ORDER BY i.provider, i.dedupe_key
         ON CONFLICT (provider, dedupe_key) DO NOTHING
         RETURNING kind, queue_no, provider, dedupe_key
       ), wanted AS (
         SELECT DISTINCT kind, queue_no,
                CASE WHEN kind = 'message' THEN '${M.keyPrefix}' || queue_no ELSE '${S.keyPrefix}' || queue_no END AS job_key
         FROM ins
       ), waiting AS (
         -- A queue whose job has not started yet needs nothing more: that job will see this
         -- row. The share lock keeps a worker from starting it (its fetch skips locked rows)
         -- until this row is committed.
         SELECT j.key FROM graphile_worker._private_jobs j
         WHERE j.key IN (SELECT job_key FROM wanted) AND j.locked_at IS NULL AND j.attempts = 0
         FOR SHARE OF j
       ), specs AS (
         SELECT array_agg(ROW(
           CASE WHEN kind = 'message' THEN '${M.task}' ELSE '${S.task}' END,
           CASE WHEN kind = 'message' THEN json_build_object('queue', queue_no) ELSE json_build_object('shard', queue_no) END,
           CASE WHEN kind = 'message' THEN job_key END,
           NULL, ${DRAIN_MAX_ATTEMPTS}, job_key, NULL, NULL)::graphile_worker.job_spec ORDER BY job_key) AS list
         FROM wanted WHERE job_key NOT IN (SELECT key FROM waiting)
       ), jobs AS (
         SELECT count(*) AS n FROM specs, graphile_worker.add_jobs(specs.list, job_key_preserve_run_at => true)
         WHERE specs.list IS NOT NULL
       )
       SELECT (SELECT array_agg(provider || ':' || dedupe_key) FROM ins) AS keys, (SELECT n FROM jobs) AS jobs`,
      values: [
        col('kind'),
        col('dedupeKey'),
        col('providerMessageId'),
        col('companyId'),
        col('channelId'),
        col('waId'),
        col('contactName'),
        col('messageType'),
        events.map((e) => JSON.stringify(e.payload)),
        col('timestamp'),
        col('provider'),
      ],
    });
    return rows[0]?.keys ?? [];
  }

  // Deliveries that arrive while earlier ones are being written go in together by the next
  // statement (group commit): under a burst, one statement and one commit for many webhooks.
  const storeDelivery = createGroupCommit(async (deliveries: NewInboxEvent[][]) => {
    const stored = new Set(await storeOnce(deliveries.flat()));
    // A redelivery racing its original in one batch: the event counts for the first of them.
    return deliveries.map((events) => events.filter((e) => stored.delete(`${e.provider}:${e.dedupeKey}`)).length);
  }, STORE_STATEMENTS_IN_FLIGHT);

  return {
    /**
     * Stores the events, skipping ones already stored (provider id), and makes sure a job will
     * drain each queue they landed on — in the same statement, so an event is never stored
     * without a job to handle it. Messages go to their conversation's queue (in order, one at a
     * time); statuses to the drain job of their shard. A queue's waiting job keeps its run_at
     * (`job_key_preserve_run_at`), so a busy queue is not pushed behind quieter ones forever.
     * Reads graphile-worker's private jobs table (as the dead-worker sweep does), pinned by the
     * locked graphile-worker version; `test/webhook.test.ts` covers the path.
     */
    async store(events: NewInboxEvent[]): Promise<number> {
      return events.length === 0 ? 0 : storeDelivery(events);
    },

    /** Keeps webhook items that cannot be stored as they are, with the reason, for the operator. */
    async setAside(items: InboxItemSetAside[]): Promise<void> {
      if (items.length === 0) return;
      await pool.query(
        `INSERT INTO public.webhook_rejects (provider, company_id, kind, reason, excerpt)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
        [items.map((i) => i.provider), items.map((i) => i.companyId), items.map((i) => i.kind), items.map((i) => i.reason.slice(0, 1000)), items.map((i) => i.excerpt)],
      );
    },

    /** Makes sure a job will drain the queue again (a job that stopped with messages left). */
    async requeue(queue: number): Promise<void> {
      await pool.query(
        `SELECT graphile_worker.add_job('${M.task}', json_build_object('queue', $1::int),
           queue_name => '${M.keyPrefix}' || $1, job_key => '${M.keyPrefix}' || $1, job_key_mode => 'preserve_run_at',
           max_attempts => ${DRAIN_MAX_ATTEMPTS})
         FROM (SELECT pg_advisory_xact_lock(${LOCK_CLASS.message}, $1::int)) lock`,
        [queue],
      );
    },

    /** Makes sure a status shard is drained again after `delayMs` (statuses that arrived before their message's send was recorded). */
    async requeueStatuses(shard: number, delayMs: number): Promise<void> {
      await pool.query(
        `SELECT graphile_worker.add_job('${S.task}', json_build_object('shard', $1::int),
           run_at => now() + make_interval(secs => $2::float8 / 1000),
           job_key => '${S.keyPrefix}' || $1, job_key_mode => 'preserve_run_at', max_attempts => ${DRAIN_MAX_ATTEMPTS})
         FROM (SELECT pg_advisory_xact_lock(${LOCK_CLASS.status}, $1::int)) lock`,
        [shard, delayMs],
      );
    },

    /**
     * The queue's unprocessed messages, oldest first by the time the customer wrote them (a
     * message Meta delivered late is still answered in order), with each company's usage this
     * month; `skipConversations` ("companyId:waId") are left out (ones held back by a failure).
     */
    async pendingMessages(queue: number, period: string, limit: number, skipConversations: string[] = []): Promise<PendingMessage[]> {
      const { rows } = await pool.query<PendingMessage>({
        name: 'inbox-pending-messages',
        text: `SELECT e.id, e.kind, e.provider, e.provider_message_id, e.company_id, e.channel_id, e.wa_id, e.contact_name, e.message_type,
                e.payload, e.provider_timestamp, e.received_at, e.state, e.attempts, e.queue_no,
                ${usedMessagesSql('e.company_id', '$2')} AS used,
                (extract(epoch FROM clock_timestamp() - e.received_at) * 1000)::float8 AS age_ms
         FROM (SELECT * FROM public.inbox_events
               WHERE queue_no = $1 AND kind = 'message' AND state = 'pending'
                 AND NOT (company_id::text || ':' || wa_id = ANY($4::text[]))
               ORDER BY provider_timestamp, id LIMIT $3) e
         ORDER BY e.provider_timestamp, e.id`,
        values: [queue, period, limit, skipConversations],
      });
      return rows;
    },

    /** Unapplied delivery statuses of a shard (all shards when undefined), oldest first. */
    async pendingStatuses(shard: number | undefined, limit: number): Promise<InboxRow[]> {
      const { rows } = await pool.query<InboxRow>(
        `SELECT * FROM public.inbox_events
         WHERE kind = 'status' AND state = 'pending' AND ($1::int IS NULL OR queue_no = $1)
         ORDER BY id LIMIT $2`,
        [shard ?? null, limit],
      );
      return rows;
    },

    /**
     * Marks events handled and adds the messages, with their replies, to each company's monthly
     * usage — one statement for a whole batch. Events already marked are not counted twice.
     */
    async markProcessed(ids: string[], period?: string, outboundByEvent: Record<string, number> = {}): Promise<void> {
      if (ids.length === 0) return;
      await pool.query({
        name: 'inbox-mark-processed',
        text: `WITH done AS (
           UPDATE public.inbox_events SET state = 'processed', processed_at = now()
           WHERE id = ANY($1::bigint[]) AND state = 'pending'
           RETURNING id, kind, company_id
         ), counted AS (
           SELECT d.company_id, count(*) AS inbound, sum(COALESCE((($3::jsonb) ->> d.id::text)::int, 0)) AS outbound
           FROM done d WHERE d.kind = 'message' AND $2::text IS NOT NULL GROUP BY d.company_id
         )
         ${addUsageSql('counted', '$2')}`,
        values: [ids, period ?? null, JSON.stringify(outboundByEvent)],
      });
    },

    async recordAttempt(id: string, error: string): Promise<number> {
      const { rows } = await pool.query<{ attempts: number }>(
        `UPDATE public.inbox_events SET attempts = attempts + 1, last_error = left($2, 2000) WHERE id = $1 RETURNING attempts`,
        [id, error],
      );
      return rows[0]?.attempts ?? 0;
    },

    async markFailed(id: string, error: string): Promise<void> {
      await pool.query(
        `UPDATE public.inbox_events SET state = 'failed', processed_at = now(), last_error = left($2, 2000) WHERE id = $1`,
        [id, error],
      );
    },

    /**
     * Queues with pending events older than `olderThanMs` and no drain job able to run them
     * (none waiting, none running, none left to retry): what the reconciler must re-enqueue.
     * Reads graphile-worker's private tables, like the store statement.
     */
    async stalledQueues(olderThanMs: number): Promise<{ kind: 'message' | 'status'; queue: number; pending: number; oldestSeconds: number }[]> {
      const { rows } = await pool.query<{ kind: 'message' | 'status'; queue: number; pending: number; oldest: number }>(
        `WITH waiting AS (
           SELECT kind, queue_no, count(*)::int AS pending, extract(epoch FROM now() - min(received_at))::float8 AS oldest
           FROM public.inbox_events
           WHERE state = 'pending' AND queue_no IS NOT NULL AND received_at < now() - make_interval(secs => $1::float8 / 1000)
           GROUP BY kind, queue_no
         )
         SELECT w.kind, w.queue_no AS queue, w.pending, w.oldest FROM waiting w
         WHERE NOT EXISTS (
           SELECT 1 FROM graphile_worker._private_jobs j
           JOIN graphile_worker._private_tasks t ON t.id = j.task_id
           LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
           WHERE t.identifier = CASE WHEN w.kind = 'message' THEN '${M.task}' ELSE '${S.task}' END
             AND (j.locked_at IS NOT NULL OR j.attempts < j.max_attempts)
             AND (j.key = CASE WHEN w.kind = 'message' THEN '${M.keyPrefix}' ELSE '${S.keyPrefix}' END || w.queue_no
                  -- a running drain job whose key went to its successor still drains the queue
                  OR (w.kind = 'message' AND q.queue_name = '${M.keyPrefix}' || w.queue_no AND j.locked_at IS NOT NULL)))`,
        [olderThanMs],
      );
      return rows.map((r) => ({ kind: r.kind, queue: r.queue, pending: r.pending, oldestSeconds: r.oldest }));
    },

    /** Which of these job keys have a job that can still run (waiting, running or to be retried). */
    async liveJobKeys(keys: string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const { rows } = await pool.query<{ key: string }>(
        `SELECT key FROM graphile_worker._private_jobs WHERE key = ANY($1::text[]) AND (locked_at IS NOT NULL OR attempts < max_attempts)`,
        [keys],
      );
      return new Set(rows.map((r) => r.key));
    },

    async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
      const { rows } = await pool.query<{ pending: string; oldest: number | null }>(
        `SELECT count(*)::text AS pending, extract(epoch FROM now() - min(received_at))::float8 AS oldest
         FROM public.inbox_events WHERE state = 'pending' AND kind = 'message'`,
      );
      return { pending: Number(rows[0]?.pending ?? 0), oldestSeconds: rows[0]?.oldest ?? 0 };
    },

  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
