import type { TenantClient } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import type { OutboundRow } from '../conversations/index.ts';
import type { GraphClient, SendResult } from './whatsapp-cloud/graph-client.ts';
import { STATUS_RANK } from './message-status.ts';
import type { RateLimiter } from './rate-limiter.ts';

export type SendOutcome = { sent: number; failed: number; skipped: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends pending outbound rows of the message log, in order. Each row is claimed
 * (pending → sending) before the HTTP call, so a row is never sent twice, even if two workers
 * or a retried job reach it. A row left in `sending` by a crash is not resent (Meta has no
 * idempotency key, so resending could duplicate); it is marked failed and alerted instead.
 */
export function createOutboundSender(deps: {
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

  return {
    async sendRows(db: TenantClient, channel: ResolvedChannel, rows: OutboundRow[], logger = deps.logger): Promise<SendOutcome> {
      const outcome: SendOutcome = { sent: 0, failed: 0, skipped: 0 };
      for (const row of rows) {
        const claimed = await db.message.updateMany({
          where: { id: row.id, status: 'pending' },
          data: { status: 'sending', statusRank: STATUS_RANK.sending, attempts: { increment: 1 } },
        });
        if (claimed.count === 0) {
          outcome.skipped++;
          continue;
        }
        const log = logger.child({ outboundId: row.id.toString() });
        const result = await sendWithRetry(channel, row, log);
        if (result.ok) {
          await db.message.update({
            where: { id: row.id },
            data: { providerMessageId: result.providerMessageId, status: 'accepted', statusRank: STATUS_RANK.accepted, sentAt: new Date() },
          });
          outcome.sent++;
        } else {
          await db.message.update({
            where: { id: row.id },
            data: { status: 'failed', statusRank: STATUS_RANK.failed, errorCode: result.code ?? null, errorTitle: `${result.cause}${result.title ? ` — ${result.title}` : ''}`.slice(0, 500) },
          });
          log.error({ code: result.code, httpStatus: result.httpStatus, cause: result.cause }, 'message could not be sent');
          deps.onFailure?.({ companyId: channel.company.id, code: result.code, cause: result.cause });
          outcome.failed++;
        }
      }
      return outcome;
    },

    /**
     * Rows of this inbound message left in `sending` by an attempt that crashed. Only called when
     * the message is processed again; its conversation queue runs one job at a time, so no other
     * sender can be working on them. Never resent; marked failed for the operator.
     */
    async failInterrupted(db: TenantClient, inboxId: bigint): Promise<number> {
      const r = await db.message.updateMany({
        where: { inboxId, direction: 'outbound', status: 'sending' },
        data: { status: 'failed', statusRank: STATUS_RANK.failed, errorTitle: 'interrupted while sending; not resent to avoid a duplicate' },
      });
      return r.count;
    },
  };
}

export type OutboundSender = ReturnType<typeof createOutboundSender>;
