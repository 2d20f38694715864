import type pg from 'pg';
import { roundsBy } from '../../platform/collections.ts';
import { preparedQuery } from '../../platform/db/clients.ts';
import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import { quotedSchema } from '../../platform/db/tenant-scope.ts';
import { outboundContentSchema } from '../customers/index.ts';
import type { OutboundRow } from '../conversations/index.ts';
import { STATUS_RANK } from './message-status.ts';
import type { SendResult } from './provider.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import type { RateLimiter } from './rate-limiter.ts';

export type SendOutcome = { sent: number; failed: number; skipped: number; deferred: number; sentIds: Set<bigint> };

/** Replies to send together: those answering one inbound message (`inboxId`), or staff messages. */
export type OutboundGroup = { inboxId?: bigint; rows: OutboundRow[] };

/** Makes sure the conversation's send job runs at `runAt` at the latest (the durable retry). */
export type ScheduleConversation = (channel: ResolvedChannel, waId: string, runAt: Date) => Promise<void>;

// Groups claimed and sent together. A crash can leave the rows of one wave claimed and unsent:
// they wait in `unknown` for a status, and are sent again only if none comes.
const MAX_WAVE = 8;

// After a number's send went to the durable retry, its next sends for this long get one attempt
// each (no in-process retries): during an outage a conversation queue is not held for seconds per reply.
const FAILING_NUMBER_MS = 5_000;

// The provider's answer to a send is written as `accepted`, unless a status got there first.
const ACCEPTED_STATUS_SQL = `CASE WHEN m.status_rank < ${STATUS_RANK.accepted} THEN 'accepted' ELSE m.status END`;
const ACCEPTED_RANK_SQL = `GREATEST(m.status_rank, ${STATUS_RANK.accepted})`;

/** A reply that reached the provider (accepted now, or settled by a status while in flight). */
function countSent(outcome: SendOutcome, id: bigint) {
  outcome.sent++;
  outcome.sentIds.add(id);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Deps = {
  pools: PoolRegistry;
  providers: ProviderRegistry;
  limiter: RateLimiter;
  logger: Logger;
  /** Attempts within one send, for passing failures, before the reply goes to the durable retry. */
  maxAttempts: number;
  /** How long a reply is retried (from its creation) before it is failed for good. */
  retryHorizonMs: number;
  /** Longest wait between two durable attempts. */
  retryMaxDelayMs: number;
  /** How long a reply whose outcome is unknown waits for a status before it is sent again. */
  unknownGraceMs: number;
  schedule: ScheduleConversation;
  onFailure?: (info: { companyId: string; code?: number; cause: string }) => void;
  backoffMs?: (attempt: number) => number;
};

/**
 * Sends outbound rows of the message log, each conversation's in order, exactly once as far as
 * the provider lets us know (the channel's provider, from the registry):
 * - a row is claimed (pending → sending) before its HTTP call, so two senders never both send it;
 * - a passing failure (5xx, 429, a request that never left) is retried a few times at once, then
 *   from the message log (`retry`, `next_attempt_at`) by the conversation's send job, with backoff,
 *   for the retry horizon; only a permanent provider error fails a row before that;
 * - a send whose request was written but never answered (timeout, connection lost), or a row left
 *   `sending` by a crash, is `unknown`: the provider may have it. Its statuses, which name the row
 *   (Meta: biz_opaque_callback_data; Twilio: the row in the StatusCallback URL), settle it; it is
 *   sent again only when none came within the grace;
 * - a conversation's rows after an unsettled one are not sent until it settles (order).
 * Raw SQL on the tenant's schema through the company's pool: these run for every reply.
 */
export function createOutboundSender(deps: Deps) {
  const backoff = deps.backoffMs ?? ((attempt: number) => Math.min(2000, 200 * 2 ** attempt) * (0.5 + Math.random()));
  const durableDelay = (attempts: number) => Math.min(deps.retryMaxDelayMs, 1000 * 2 ** Math.min(attempts, 20)) * (0.75 + Math.random() / 2);
  const failingUntil = new Map<string, number>();

  async function sendWithRetry(channel: ResolvedChannel, row: OutboundRow, log: Logger): Promise<SendResult> {
    const attempts = (failingUntil.get(channel.phoneNumberId) ?? 0) > Date.now() ? 1 : deps.maxAttempts;
    const provider = deps.providers.for(channel);
    let result: SendResult = { ok: false, retry: false, cause: 'not attempted' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await deps.limiter.take(channel.phoneNumberId, channel.throughputPerSecond);
      result = await provider.send(channel, { to: row.to, content: row.content, rowId: row.id });
      // Only a failure known not to have reached the provider is tried again at once.
      if (result.ok || !result.retry || result.unknown) break;
      // Other sends to this number meanwhile get one attempt each: it is failing.
      failingUntil.set(channel.phoneNumberId, Date.now() + FAILING_NUMBER_MS);
      log.warn({ attempt, code: result.code, httpStatus: result.httpStatus, cause: result.cause }, 'send failed, retrying');
      if (attempt < attempts) await sleep(backoff(attempt));
    }
    if (result.ok) failingUntil.delete(channel.phoneNumberId);
    else if (result.retry) failingUntil.set(channel.phoneNumberId, Date.now() + FAILING_NUMBER_MS);
    return result;
  }

  const table = (channel: ResolvedChannel) => `${quotedSchema(channel.company.db.schema)}.messages`;

  /**
   * Records a send that did not succeed. Permanent: failed, with its readable cause. Passing or
   * unknown: `retry` / `unknown` until `next_attempt_at` (failed instead once past the horizon).
   * Returns when the row is due again, undefined when it is failed for good, or 'settled' when a
   * status already settled it while the send was in flight: the provider had accepted it and
   * answered too late (its statuses name the row and may arrive before the timeout). Only a row
   * still `sending` is touched, so such a status is never overwritten, nor the reply sent twice.
   */
  async function recordFailure(pool: pg.Pool, channel: ResolvedChannel, row: OutboundRow, result: SendResult & { ok: false }, attempts: number, log: Logger): Promise<Date | 'settled' | undefined> {
    const title = `${result.cause}${result.title ? ` — ${result.title}` : ''}`.slice(0, 500);
    const waiting = result.unknown ? 'unknown' : result.retry ? 'retry' : undefined;
    const delayMs = result.unknown ? deps.unknownGraceMs : durableDelay(attempts);
    const { rows } = await pool.query<{ status: string; next_attempt_at: Date | null }>(
      `UPDATE ${table(channel)} SET
         status = CASE WHEN $4::text IS NULL OR created_at < now() - make_interval(secs => $5::float8 / 1000) THEN 'failed' ELSE $4::text END,
         status_rank = CASE WHEN $4::text IS NULL OR created_at < now() - make_interval(secs => $5::float8 / 1000) THEN ${STATUS_RANK.failed}
                            ELSE $6::int END,
         next_attempt_at = now() + make_interval(secs => $7::float8 / 1000),
         error_code = $2, error_title = $3, updated_at = now()
       WHERE id = $1 AND status = 'sending' RETURNING status, next_attempt_at`,
      [row.id.toString(), result.code ?? null, title, waiting ?? null, deps.retryHorizonMs, waiting ? STATUS_RANK[waiting] : 0, delayMs],
    );
    const status = rows[0]?.status;
    if (status === undefined) {
      log.info({ cause: result.cause }, 'send answer lost, but a status had already settled the reply');
      return 'settled';
    }
    if (status === 'failed') {
      const cause = waiting ? `not sent within the retry horizon: ${result.cause}` : result.cause;
      log.error({ code: result.code, httpStatus: result.httpStatus, cause }, 'message could not be sent');
      deps.onFailure?.({ companyId: channel.company.id, code: result.code, cause });
      return undefined;
    }
    log.warn({ code: result.code, httpStatus: result.httpStatus, cause: result.cause, status, attempts }, 'send did not go through; will be settled or retried from the message log');
    return rows[0]!.next_attempt_at ?? new Date();
  }

  /** Hands claimed rows that were not sent back to `pending` (an earlier row of theirs is waiting). */
  async function release(pool: pg.Pool, channel: ResolvedChannel, rows: OutboundRow[]) {
    if (rows.length === 0) return;
    await pool.query(`UPDATE ${table(channel)} SET status = 'pending', status_rank = ${STATUS_RANK.pending}, updated_at = now()
       WHERE id = ANY($1::bigint[]) AND status = 'sending'`, [rows.map((r) => r.id.toString())]);
  }

  /**
   * Splits groups into waves: the first group of each conversation, then the second of each,
   * and so on, at most MAX_WAVE groups a wave. Groups are of one conversation when their first
   * rows go to the same number (a group without rows stands alone), so a conversation's groups
   * keep their order.
   */
  function wavesOf(groups: OutboundGroup[]): OutboundGroup[][] {
    const sendable = groups.filter((g) => g.rows.length > 0 || g.inboxId !== undefined);
    const waves = roundsBy(sendable, (g, i) => g.rows[0]?.to ?? `#${i}`);
    return waves.flatMap((wave) => Array.from({ length: Math.ceil(wave.length / MAX_WAVE) }, (_, i) => wave.slice(i * MAX_WAVE, (i + 1) * MAX_WAVE)));
  }

  return {
    /**
     * Conversations of the channel's company with replies left unsent and untouched for longer
     * than `staleMs`, past when they were due (pending or sending: their job was lost, or their
     * worker died; retry or unknown: their send job is late or gone). With when the first is due.
     * Rows just recorded are left out: their sender schedules their job right after.
     */
    async unsettledConversations(channel: ResolvedChannel, staleMs: number): Promise<{ waId: string; due: Date }[]> {
      const { rows } = await deps.pools.get(channel.company.db.url).query<{ recipient: string; due: Date }>(
        `SELECT recipient, COALESCE(min(next_attempt_at), now()) AS due FROM ${table(channel)}
         WHERE direction = 'outbound' AND status IN ('pending', 'sending', 'retry', 'unknown')
           AND created_at > now() - make_interval(secs => $2::float8 / 1000) - interval '1 hour'
           AND updated_at < now() - make_interval(secs => $1::float8 / 1000)
           AND COALESCE(next_attempt_at, updated_at) < now() - make_interval(secs => $1::float8 / 1000)
         GROUP BY recipient`,
        [staleMs, deps.retryHorizonMs],
      );
      return rows.map((r) => ({ waId: r.recipient, due: r.due }));
    },

    /**
     * Sends groups of pending outbound rows, each conversation's in order. The groups go out in
     * waves of one group per conversation: a wave's rows are claimed (pending → sending) in one
     * statement just before its HTTP calls, and its conversations are sent concurrently. The
     * same statement writes the previous wave's `accepted` results, and turns rows of the
     * groups' inbound messages left `sending` by a crashed attempt into `unknown` (the
     * conversation's queue runs one job at a time, so no other sender is working on them).
     * A row is not claimed while an earlier row of its conversation is unsettled; such rows,
     * and the rest of a group after a row that must wait, are left to the conversation's send job.
     */
    async sendGroups(channel: ResolvedChannel, groups: OutboundGroup[], logger = deps.logger): Promise<SendOutcome> {
      const outcome: SendOutcome = { sent: 0, failed: 0, skipped: 0, deferred: 0, sentIds: new Set() };
      const pool = deps.pools.get(channel.company.db.url);
      let accepted: { id: bigint; providerMessageId: string }[] = [];
      // Conversations whose send job must run, and by when.
      const later = new Map<string, Date>();
      const sendLater = (waId: string, at: Date) => {
        const prev = later.get(waId);
        if (!prev || at < prev) later.set(waId, at);
      };

      async function sendGroup(group: OutboundGroup, claimed: Set<string>, blocked: Set<string>) {
        const rows = group.rows.filter((r) => claimed.has(r.id.toString()));
        for (const r of group.rows) {
          if (blocked.has(r.id.toString())) {
            outcome.deferred++;
            sendLater(r.to, new Date());
          } else if (!claimed.has(r.id.toString())) outcome.skipped++;
        }
        for (const [i, row] of rows.entries()) {
          const log = logger.child({ outboundId: row.id.toString() });
          const result = await sendWithRetry(channel, row, log);
          if (result.ok) {
            accepted.push({ id: row.id, providerMessageId: result.providerMessageId });
            countSent(outcome, row.id);
            continue;
          }
          const due = await recordFailure(pool, channel, row, result, 1, log);
          if (due === 'settled') {
            countSent(outcome, row.id);
            continue;
          }
          if (!due) {
            outcome.failed++;
            continue;
          }
          // The rest of the group waits behind this row.
          outcome.deferred += rows.length - i;
          await release(pool, channel, rows.slice(i + 1));
          sendLater(row.to, due);
          return;
        }
      }

      /**
       * Writes the `accepted` results so far, turns rows of these inbox messages left `sending`
       * by a crashed attempt into `unknown`, and claims these rows (pending → sending) unless an
       * earlier row of their conversation is unsettled: one statement.
       */
      async function claim(inboxIds: string[], ids: string[]): Promise<{ claimed: Set<string>; blocked: Set<string> }> {
        const { rows } = await pool.query<{ id: string; outcome: 'claimed' | 'blocked' | 'interrupted'; recipient: string | null; due: Date | null }>(preparedQuery(
          `WITH accepted AS (
             -- never below a status that already arrived (matched by its callback data)
             UPDATE ${table(channel)} m SET provider_message_id = a.pid, status = ${ACCEPTED_STATUS_SQL}, status_rank = ${ACCEPTED_RANK_SQL},
               sent_at = now(), updated_at = now(), next_attempt_at = NULL
             FROM unnest($3::bigint[], $4::text[]) AS a(id, pid) WHERE m.id = a.id
             RETURNING m.id
           ), interrupted AS (
             UPDATE ${table(channel)} SET status = 'unknown', status_rank = ${STATUS_RANK.unknown}, updated_at = now(),
               next_attempt_at = now() + make_interval(secs => $5::float8 / 1000),
               error_title = 'interrupted while sending; sent again only if no status comes'
             WHERE inbox_id = ANY($1::bigint[]) AND direction = 'outbound' AND status = 'sending'
               AND id <> ALL($3::bigint[])
             RETURNING id, recipient, next_attempt_at
           ), claimed AS (
             UPDATE ${table(channel)} r SET status = 'sending', status_rank = ${STATUS_RANK.sending}, attempts = attempts + 1, updated_at = now()
             WHERE r.id = ANY($2::bigint[]) AND r.status = 'pending'
               AND NOT EXISTS (
                 SELECT 1 FROM ${table(channel)} o
                 WHERE o.recipient = r.recipient AND o.direction = 'outbound'
                   AND o.created_at > now() - make_interval(secs => $6::float8 / 1000) AND o.id < r.id
                   AND o.status IN ('retry', 'unknown', 'sending') AND o.id <> ALL($3::bigint[]))
             RETURNING r.id
           )
           SELECT id::text, 'claimed' AS outcome, NULL AS recipient, NULL::timestamptz AS due FROM claimed
           UNION ALL
           SELECT id::text, 'interrupted', recipient, next_attempt_at FROM interrupted
           UNION ALL
           SELECT p.id::text, 'blocked', p.recipient, NULL FROM ${table(channel)} p
           WHERE p.id = ANY($2::bigint[]) AND p.status = 'pending' AND p.id NOT IN (SELECT id FROM claimed)`,
          [inboxIds, ids, accepted.map((a) => a.id.toString()), accepted.map((a) => a.providerMessageId), deps.unknownGraceMs, deps.retryHorizonMs],
        ));
        accepted = [];
        const claimed = new Set<string>();
        const blocked = new Set<string>();
        for (const r of rows) {
          if (r.outcome === 'claimed') claimed.add(r.id);
          else if (r.outcome === 'blocked') blocked.add(r.id);
          else if (r.recipient) sendLater(r.recipient, r.due ?? new Date());
        }
        return { claimed, blocked };
      }

      for (const wave of wavesOf(groups)) {
        const { claimed, blocked } = await claim(
          wave.flatMap((g) => (g.inboxId === undefined ? [] : [g.inboxId.toString()])),
          wave.flatMap((g) => g.rows.map((r) => r.id.toString())),
        );
        await Promise.all(wave.map((group) => sendGroup(group, claimed, blocked)));
      }
      if (accepted.length > 0) await claim([], []);
      for (const [waId, at] of later) await deps.schedule(channel, waId, at);
      return outcome;
    },

    /**
     * The conversation's send job: its unsettled rows, oldest first. A row whose outcome is
     * unknown and that no status has settled, or one waiting to be retried, is sent when due;
     * one that fails again, or is not due, ends the run and the job is scheduled for when it is.
     * Rows past the retry horizon are failed (and alerted). Rows found `sending` were left by a
     * crash (this conversation's queue runs one job at a time): their outcome is unknown.
     */
    async sendConversation(channel: ResolvedChannel, waId: string, logger = deps.logger): Promise<SendOutcome> {
      const outcome: SendOutcome = { sent: 0, failed: 0, skipped: 0, deferred: 0, sentIds: new Set() };
      const pool = deps.pools.get(channel.company.db.url);
      const { rows } = await pool.query<{ id: string; recipient: string; payload: unknown; status: string; next_attempt_at: Date | null; attempts: number; expired: boolean }>(
        `WITH crashed AS (
           UPDATE ${table(channel)} SET status = 'unknown', status_rank = ${STATUS_RANK.unknown},
             next_attempt_at = updated_at + make_interval(secs => $2::float8 / 1000),
             error_title = 'interrupted while sending; sent again only if no status comes'
           WHERE recipient = $1 AND direction = 'outbound' AND status = 'sending'
           RETURNING id
         )
         SELECT id::text, recipient, payload, CASE WHEN id IN (SELECT id FROM crashed) THEN 'unknown' ELSE status END AS status,
                CASE WHEN id IN (SELECT id FROM crashed) THEN updated_at + make_interval(secs => $2::float8 / 1000) ELSE next_attempt_at END AS next_attempt_at,
                attempts, created_at < now() - make_interval(secs => $3::float8 / 1000) AS expired
         FROM ${table(channel)} m
         WHERE recipient = $1 AND direction = 'outbound' AND status IN ('pending', 'sending', 'retry', 'unknown')
         ORDER BY m.id -- the bigint, not the text it is selected as ('14' < '4')`,
        [waId, deps.unknownGraceMs, deps.retryHorizonMs],
      );
      for (const r of rows) {
        const log = logger.child({ outboundId: r.id });
        const content = outboundContentSchema.safeParse(r.payload);
        if (r.expired || !content.success) {
          const cause = content.success ? 'not sent within the retry horizon' : 'unreadable stored reply';
          await pool.query(`UPDATE ${table(channel)} SET status = 'failed', status_rank = ${STATUS_RANK.failed}, error_title = left(COALESCE(error_title || ' — ', '') || $2, 500), updated_at = now()
             WHERE id = $1 AND status = $3`, [r.id, cause, r.status]);
          log.error({ cause }, 'message could not be sent');
          deps.onFailure?.({ companyId: channel.company.id, cause });
          outcome.failed++;
          continue;
        }
        if (r.status !== 'pending' && r.next_attempt_at && r.next_attempt_at.getTime() > Date.now()) {
          await deps.schedule(channel, waId, r.next_attempt_at);
          outcome.deferred++;
          break;
        }
        // Claimed only from the state read: a status that settled it meanwhile wins.
        const claimed = await pool.query(`UPDATE ${table(channel)} SET status = 'sending', status_rank = ${STATUS_RANK.sending}, attempts = attempts + 1, updated_at = now()
           WHERE id = $1 AND status = $2`, [r.id, r.status]);
        if (claimed.rowCount === 0) {
          outcome.skipped++;
          continue;
        }
        const row: OutboundRow = { id: BigInt(r.id), to: r.recipient, content: content.data };
        const result = await sendWithRetry(channel, row, log);
        if (result.ok) {
          await pool.query(`UPDATE ${table(channel)} m SET provider_message_id = $2, status = ${ACCEPTED_STATUS_SQL}, status_rank = ${ACCEPTED_RANK_SQL},
               sent_at = now(), updated_at = now(), next_attempt_at = NULL, error_code = NULL, error_title = NULL
             WHERE id = $1`, [r.id, result.providerMessageId]);
          countSent(outcome, row.id);
          continue;
        }
        const due = await recordFailure(pool, channel, row, result, r.attempts + 1, log);
        if (due === 'settled') {
          countSent(outcome, row.id);
          continue;
        }
        if (!due) {
          outcome.failed++;
          continue;
        }
        await deps.schedule(channel, waId, due);
        outcome.deferred++;
        break;
      }
      return outcome;
    },
  };
}

export type OutboundSender = ReturnType<typeof createOutboundSender>;
