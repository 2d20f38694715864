import type pg from 'pg';
import { z } from 'zod';

/** Payload of the jobs that process an inbox row (process-message, apply-status). */
export const inboxJobPayload = z.object({ inboxId: z.string().regex(/^\d+$/) });

export type NewInboxEvent = {
  kind: 'message' | 'status';
  dedupeKey: string;
  providerMessageId: string;
  companyId: string;
  channelId: string;
  waId: string;
  contactName: string | null;
  messageType: string;
  payload: unknown;
  timestamp: Date;
};

export type InboxRow = {
  id: string;
  kind: 'message' | 'status';
  provider_message_id: string;
  company_id: string;
  channel_id: string;
  wa_id: string;
  contact_name: string | null;
  message_type: string;
  payload: unknown;
  provider_timestamp: Date;
  state: string;
  attempts: number;
};

// Conversations are hashed onto a fixed set of named queues: one conversation always lands on
// the same queue (so its messages run in order, one at a time) while the number of queue names
// stays bounded, as graphile-worker recommends.
export const CONVERSATION_QUEUES = 256;

// The hot path of the webhook: raw SQL on the shared pool (one round trip per delivery) rather
// than Prisma, because this is what must answer Meta in milliseconds.
export function createInboxRepository(pool: pg.Pool) {
  return {
    /**
     * Stores the events, skipping ones already stored (provider id), and enqueues a job for each
     * new one — in the same statement, so an event is never stored without its job or vice versa.
     * Messages go to their conversation's named queue (in order, one at a time).
     */
    async store(events: NewInboxEvent[]): Promise<number> {
      if (events.length === 0) return 0;
      const col = <K extends keyof NewInboxEvent>(k: K) => events.map((e) => e[k]);
      const { rows } = await pool.query<{ n: string }>(
        `WITH input AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                                $8::text[], $9::jsonb[], $10::timestamptz[])
             AS t(kind, dedupe_key, provider_message_id, company_id, channel_id, wa_id, contact_name, message_type,
                  payload, provider_timestamp)
         ), ins AS (
           INSERT INTO public.inbox_events (kind, dedupe_key, provider_message_id, company_id, channel_id, wa_id,
                                            contact_name, message_type, payload, provider_timestamp)
           SELECT * FROM input
           ON CONFLICT (provider, dedupe_key) DO NOTHING
           RETURNING id, kind, company_id, wa_id
         ), jobs AS (
           SELECT graphile_worker.add_job(
             CASE WHEN kind = 'message' THEN 'process-message' ELSE 'apply-status' END,
             json_build_object('inboxId', id::text),
             queue_name => CASE WHEN kind = 'message'
                                THEN 'conv-' || (hashtext(company_id::text || ':' || wa_id) & ${CONVERSATION_QUEUES - 1})::text END,
             max_attempts => 25
           ) FROM ins
         )
         SELECT count(*)::text AS n FROM jobs`,
        [
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
        ],
      );
      return Number(rows[0]?.n ?? 0);
    },

    async get(id: string): Promise<InboxRow | undefined> {
      const { rows } = await pool.query<InboxRow>('SELECT * FROM public.inbox_events WHERE id = $1', [id]);
      return rows[0];
    },

    /**
     * The conversation's earliest unprocessed message, found from any of its inbox ids, with the
     * company's usage this month. Jobs of one conversation run one at a time, one job per stored
     * message; each handles the earliest pending one, so a message Meta delivered late is still
     * answered in the order it was written, and a retried job never reorders a conversation.
     */
    async nextPendingMessage(triggerId: string, period: string): Promise<(InboxRow & { used: number }) | undefined> {
      const { rows } = await pool.query<InboxRow & { used: number }>(
        `SELECT e.*, COALESCE(u.inbound_messages + u.outbound_messages, 0) AS used
         FROM public.inbox_events t
         JOIN LATERAL (
           SELECT * FROM public.inbox_events e
           WHERE e.company_id = t.company_id AND e.wa_id = t.wa_id AND e.kind = 'message' AND e.state = 'pending'
           ORDER BY e.provider_timestamp, e.id LIMIT 1
         ) e ON true
         LEFT JOIN public.usage_counters u ON u.company_id = e.company_id AND u.period = $2
         WHERE t.id = $1`,
        [triggerId, period],
      );
      return rows[0];
    },

    /** Marks the message handled and counts it, with its replies, into the monthly usage. */
    async markProcessed(id: string, usage?: { companyId: string; period: string; outbound: number }): Promise<void> {
      if (!usage) {
        await pool.query(`UPDATE public.inbox_events SET state = 'processed', processed_at = now() WHERE id = $1`, [id]);
        return;
      }
      await pool.query(
        `WITH done AS (
           UPDATE public.inbox_events SET state = 'processed', processed_at = now() WHERE id = $1 AND state = 'pending' RETURNING id
         )
         INSERT INTO public.usage_counters (company_id, period, inbound_messages, outbound_messages)
         SELECT $2, $3, 1, $4 FROM done
         ON CONFLICT (company_id, period) DO UPDATE
           SET inbound_messages = usage_counters.inbound_messages + 1,
               outbound_messages = usage_counters.outbound_messages + EXCLUDED.outbound_messages`,
        [id, usage.companyId, usage.period, usage.outbound],
      );
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
