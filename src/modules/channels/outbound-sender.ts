import { preparedQuery } from '../../platform/db/clients.ts';
import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import type { OutboundRow } from '../conversations/index.ts';
import type { GraphClient, SendResult } from './whatsapp-cloud/graph-client.ts';
import { STATUS_RANK } from './message-status.ts';
import type { RateLimiter } from './rate-limiter.ts';

export type SendOutcome = { sent: number; failed: number; skipped: number; sentIds: Set<bigint> };

/** Replies to send together: those answering one inbound message (`inboxId`), or staff messages. */
export type OutboundGroup = { inboxId?: bigint; rows: OutboundRow[] };

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

  const table = (channel: ResolvedChannel) => `"${channel.company.db.schema.replace(/"/g, '""')}".messages`;

  return {
    /**
     * Sends groups of pending outbound rows, in order. Each group's rows are claimed
     * (pending → sending) just before its first HTTP call, so a crash can only leave the rows of
     * the group in flight unsent. Rows of the group's inbound message left in `sending` by an
     * attempt that crashed are marked failed in the same statement (its conversation queue runs
     * one job at a time, so no other sender can be working on them). A row's `accepted` result
     * is written together with the next group's claim, or at the end: one round trip per group.
     */
    async sendGroups(channel: ResolvedChannel, groups: OutboundGroup[], logger = deps.logger): Promise<SendOutcome> {
      const outcome: SendOutcome = { sent: 0, failed: 0, skipped: 0, sentIds: new Set() };
      const pool = deps.pools.get(channel.company.db.url);
      let accepted: { id: bigint; providerMessageId: string }[] = [];
      const flushArgs = () => [accepted.map((a) => a.id.toString()), accepted.map((a) => a.providerMessageId)];
      for (const group of groups) {
        if (group.rows.length === 0 && group.inboxId === undefined) continue;
        const { rows: claimed } = await pool.query<{ id: string }>(preparedQuery(
          `WITH accepted AS (
             UPDATE ${table(channel)} m SET provider_message_id = a.pid, status = 'accepted', status_rank = ${STATUS_RANK.accepted},
               sent_at = now(), updated_at = now()
             FROM unnest($3::bigint[], $4::text[]) AS a(id, pid) WHERE m.id = a.id
             RETURNING m.id
           ), interrupted AS (
             UPDATE ${table(channel)} SET status = 'failed', status_rank = ${STATUS_RANK.failed}, updated_at = now(),
               error_title = 'interrupted while sending; not resent to avoid a duplicate'
             WHERE $1::bigint IS NOT NULL AND inbox_id = $1::bigint AND direction = 'outbound' AND status = 'sending'
               AND id <> ALL($3::bigint[])
             RETURNING id
           )
           UPDATE ${table(channel)} SET status = 'sending', status_rank = ${STATUS_RANK.sending}, attempts = attempts + 1, updated_at = now()
           WHERE id = ANY($2::bigint[]) AND status = 'pending'
           RETURNING id::text AS id`,
          [group.inboxId?.toString() ?? null, group.rows.map((r) => r.id.toString()), ...flushArgs()],
        ));
        accepted = [];
        const mine = new Set(claimed.map((c) => c.id));
        for (const row of group.rows) {
          if (!mine.has(row.id.toString())) {
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
      if (accepted.length > 0) {
        await pool.query(preparedQuery(
          `UPDATE ${table(channel)} m SET provider_message_id = a.pid, status = 'accepted', status_rank = ${STATUS_RANK.accepted},
             sent_at = now(), updated_at = now()
           FROM unnest($1::bigint[], $2::text[]) AS a(id, pid) WHERE m.id = a.id`,
          flushArgs(),
        ));
      }
      return outcome;
    },
  };
}

export type OutboundSender = ReturnType<typeof createOutboundSender>;
