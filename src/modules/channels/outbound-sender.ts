import { roundsBy } from '../../platform/collections.ts';
import { preparedQuery } from '../../platform/db/clients.ts';
import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import { quotedSchema } from '../customers/index.ts';
import type { OutboundRow } from '../conversations/index.ts';
import type { GraphClient, SendResult } from './whatsapp-cloud/graph-client.ts';
import { STATUS_RANK } from './message-status.ts';
import type { RateLimiter } from './rate-limiter.ts';

export type SendOutcome = { sent: number; failed: number; skipped: number; sentIds: Set<bigint> };

/** Replies to send together: those answering one inbound message (`inboxId`), or staff messages. */
export type OutboundGroup = { inboxId?: bigint; rows: OutboundRow[] };

// Groups claimed and sent together. A crash can leave the rows of one wave claimed and unsent
// (they are marked failed, never resent), so this bounds what a crash can cost each job.
const MAX_WAVE = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends pending outbound rows of the message log, in order. Rows are claimed
 * (pending → sending) before the HTTP call, so a row is never sent twice, even if two workers
 * or a retried job reach it. A row left in `sending` by a crash is not resent (Meta has no
 * idempotency key, so resending could duplicate); it is marked failed instead.
 * Raw SQL on the tenant's schema through the company's pool, without the ORM: these run for
 * every reply, outside any transaction, and the statements are fixed.
 */
export function createOutboundSender(deps: {
  pools: PoolRegistry;
  graph: GraphClient;
  limiter: RateLimiter;
  logger: Logger;
  maxAttempts: number;
  onFailure?: (info: { companyId: string; code?: number; cause: string }) => void;
  backoffMs?: (attempt: number) => number;
}) {
  const backoff = deps.backoffMs ?? ((attempt: number) => Math.min(8000, 200 * 2 ** attempt) * (0.5 + Math.random()));

  async function sendWithRetry(channel: ResolvedChannel, row: OutboundRow, log: Logger): Promise<SendResult> {
    let result: SendResult = { ok: false, retry: false, cause: 'not attempted' };
    for (let attempt = 1; attempt <= deps.maxAttempts; attempt++) {
      await deps.limiter.take(channel.phoneNumberId, channel.throughputPerSecond);
      result = await deps.graph.sendMessage(channel.phoneNumberId, channel.accessToken, row.to, row.content);
      if (result.ok || !result.retry) return result;
      log.warn({ attempt, code: result.code, httpStatus: result.httpStatus, cause: result.cause }, 'send failed, retrying');
      if (attempt < deps.maxAttempts) await sleep(backoff(attempt));
    }
    return result;
  }

  const table = (channel: ResolvedChannel) => `${quotedSchema(channel.company.db.schema)}.messages`;

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
     * Sends groups of pending outbound rows, each conversation's in order. The groups go out in
     * waves of one group per conversation: a wave's rows are claimed (pending → sending) in one
     * statement just before its HTTP calls, and its conversations are sent concurrently, so a
     * crash can only leave the rows of the wave in flight unsent. Rows of a group's inbound
     * message left in `sending` by an attempt that crashed are marked failed in the same
     * statement (its conversation queue runs one job at a time, so no other sender can be
     * working on them). The `accepted` results of a wave are written together with the next
     * wave's claim, or at the end: one round trip per wave.
     */
    async sendGroups(channel: ResolvedChannel, groups: OutboundGroup[], logger = deps.logger): Promise<SendOutcome> {
      const outcome: SendOutcome = { sent: 0, failed: 0, skipped: 0, sentIds: new Set() };
      const pool = deps.pools.get(channel.company.db.url);
      let accepted: { id: bigint; providerMessageId: string }[] = [];

      async function sendGroup(group: OutboundGroup, claimed: Set<string>) {
        for (const row of group.rows) {
          if (!claimed.has(row.id.toString())) {
            outcome.skipped++;
            continue;
          }
          const log = logger.child({ outboundId: row.id.toString() });
          const result = await sendWithRetry(channel, row, log);
          if (result.ok) {
            accepted.push({ id: row.id, providerMessageId: result.providerMessageId });
            outcome.sent++;
            outcome.sentIds.add(row.id);
          } else {
            await pool.query(
              `UPDATE ${table(channel)} SET status = 'failed', status_rank = ${STATUS_RANK.failed}, error_code = $2, error_title = $3,
                 updated_at = now() WHERE id = $1`,
              [row.id.toString(), result.code ?? null, `${result.cause}${result.title ? ` — ${result.title}` : ''}`.slice(0, 500)],
            );
            log.error({ code: result.code, httpStatus: result.httpStatus, cause: result.cause }, 'message could not be sent');
            deps.onFailure?.({ companyId: channel.company.id, code: result.code, cause: result.cause });
            outcome.failed++;
          }
        }
      }

      /**
       * Writes the `accepted` results so far, marks failed the rows of these inbox messages left
       * in `sending` by a crashed attempt, and claims these rows (pending → sending): one statement.
       */
      async function claim(inboxIds: string[], ids: string[]): Promise<Set<string>> {
        const { rows } = await pool.query<{ id: string }>(preparedQuery(
          `WITH accepted AS (
             UPDATE ${table(channel)} m SET provider_message_id = a.pid, status = 'accepted', status_rank = ${STATUS_RANK.accepted},
               sent_at = now(), updated_at = now()
             FROM unnest($3::bigint[], $4::text[]) AS a(id, pid) WHERE m.id = a.id
             RETURNING m.id
           ), interrupted AS (
             UPDATE ${table(channel)} SET status = 'failed', status_rank = ${STATUS_RANK.failed}, updated_at = now(),
               error_title = 'interrupted while sending; not resent to avoid a duplicate'
             WHERE inbox_id = ANY($1::bigint[]) AND direction = 'outbound' AND status = 'sending'
               AND id <> ALL($3::bigint[])
             RETURNING id
           )
           UPDATE ${table(channel)} SET status = 'sending', status_rank = ${STATUS_RANK.sending}, attempts = attempts + 1, updated_at = now()
           WHERE id = ANY($2::bigint[]) AND status = 'pending'
           RETURNING id::text AS id`,
          [inboxIds, ids, accepted.map((a) => a.id.toString()), accepted.map((a) => a.providerMessageId)],
        ));
        accepted = [];
        return new Set(rows.map((r) => r.id));
      }

      for (const wave of wavesOf(groups)) {
        const mine = await claim(
          wave.flatMap((g) => (g.inboxId === undefined ? [] : [g.inboxId.toString()])),
          wave.flatMap((g) => g.rows.map((r) => r.id.toString())),
        );
        await Promise.all(wave.map((group) => sendGroup(group, mine)));
      }
      if (accepted.length > 0) await claim([], []);
      return outcome;
    },
  };
}

export type OutboundSender = ReturnType<typeof createOutboundSender>;
