import { roundsBy } from '../../platform/collections.ts';
import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { TenantPool } from '../../platform/db/tenant-scope.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import {
  claimReply,
  claimWave,
  failReply,
  outboundContentSchema,
  recordAccepted,
  recordSendFailure,
  releaseClaims,
  unsettledConversations,
  unsettledReplies,
  type Accepted,
  type OutboundRow,
} from '../messages/index.ts';
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
 * The message log's statements are the messages module's; this decides what to send and when.
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

  const logOf = (channel: ResolvedChannel): TenantPool => ({ pool: deps.pools.get(channel.company.db.url), schema: channel.company.db.schema });
  const timings = { retryHorizonMs: deps.retryHorizonMs, unknownGraceMs: deps.unknownGraceMs };

  /**
   * Records a send that did not succeed. Permanent: failed, with its readable cause. Passing or
   * unknown: `retry` / `unknown` until `next_attempt_at` (failed instead once past the horizon).
   * Returns when the row is due again, undefined when it is failed for good, or 'settled' when a
   * status already settled it while the send was in flight: the provider had accepted it and
   * answered too late (its statuses name the row and may arrive before the timeout). Only a row
   * still `sending` is touched, so such a status is never overwritten, nor the reply sent twice.
   */
  async function recordFailure(log: TenantPool, channel: ResolvedChannel, row: OutboundRow, result: SendResult & { ok: false }, attempts: number, logger: Logger): Promise<Date | 'settled' | undefined> {
    const waiting = result.unknown ? 'unknown' : result.retry ? 'retry' : undefined;
    const recorded = await recordSendFailure(log, {
      id: row.id,
      code: result.code,
      title: `${result.cause}${result.title ? ` — ${result.title}` : ''}`,
      waiting,
      delayMs: result.unknown ? deps.unknownGraceMs : durableDelay(attempts),
    }, timings);
    if (recorded === undefined) {
      logger.info({ cause: result.cause }, 'send answer lost, but a status had already settled the reply');
      return 'settled';
    }
    if (recorded.status === 'failed') {
      const cause = waiting ? `not sent within the retry horizon: ${result.cause}` : result.cause;
      logger.error({ code: result.code, httpStatus: result.httpStatus, cause }, 'message could not be sent');
      deps.onFailure?.({ companyId: channel.company.id, code: result.code, cause });
      return undefined;
    }
    logger.warn({ code: result.code, httpStatus: result.httpStatus, cause: result.cause, status: recorded.status, attempts }, 'send did not go through; will be settled or retried from the message log');
    return recorded.nextAttemptAt ?? new Date();
  }

  /**
   * Sends one claimed row and settles what happened, for both paths (a batch's waves and a
   * conversation's send job): `accept` records the provider's acceptance (a wave writes it with
   * its next claim, the send job at once). Returns null when the conversation may go on (sent,
   * settled by a status in flight, or failed for good), or when the row is due again: the rest
   * of the conversation waits behind it.
   */
  async function sendClaimed(channel: ResolvedChannel, row: OutboundRow, attempts: number, outcome: SendOutcome, logger: Logger, accept: (a: Accepted) => Promise<void> | void): Promise<Date | null> {
    const result = await sendWithRetry(channel, row, logger);
    if (result.ok) {
      await accept({ id: row.id, providerMessageId: result.providerMessageId });
      countSent(outcome, row.id);
      return null;
    }
    const due = await recordFailure(logOf(channel), channel, row, result, attempts, logger);
    if (due === 'settled') countSent(outcome, row.id);
    else if (!due) outcome.failed++;
    return due instanceof Date ? due : null;
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
     * than `staleMs`, past when they were due (see unsettledConversations in the messages module).
     */
    async unsettledConversations(channel: ResolvedChannel, staleMs: number): Promise<{ waId: string; due: Date }[]> {
      return unsettledConversations(logOf(channel), staleMs, timings);
    },

    /**
     * Sends groups of pending outbound rows, each conversation's in order. The groups go out in
     * waves of one group per conversation: a wave's rows are claimed (pending → sending) in one
     * statement just before its HTTP calls, and its conversations are sent concurrently. The
     * same statement writes the previous wave's `accepted` results; the first wave's also turns
     * rows of all the groups' inbound messages left `sending` by a crashed attempt into
     * `unknown` (the conversation's queue runs one job at a time, so no other sender is working
     * on them, and before the first claim no row of this call is `sending`).
     * A row is not claimed while an earlier row of its conversation is unsettled; such rows,
     * and the rest of a group after a row that must wait, are left to the conversation's send job.
     */
    async sendGroups(channel: ResolvedChannel, groups: OutboundGroup[], logger = deps.logger): Promise<SendOutcome> {
      const outcome: SendOutcome = { sent: 0, failed: 0, skipped: 0, deferred: 0, sentIds: new Set() };
      const log = logOf(channel);
      let accepted: Accepted[] = [];
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
          const due = await sendClaimed(channel, row, 1, outcome, logger.child({ outboundId: row.id.toString() }), (a) => void accepted.push(a));
          if (!due) continue;
          // The rest of the group waits behind this row.
          outcome.deferred += rows.length - i;
          await releaseClaims(log, rows.slice(i + 1).map((r) => r.id));
          sendLater(row.to, due);
          return;
        }
      }

      /** Claims a wave's rows, writing the `accepted` results so far in the same statement. */
      async function claim(inboxIds: string[], ids: string[]): Promise<{ claimed: Set<string>; blocked: Set<string> }> {
        const rows = await claimWave(log, { inboxIds, ids, accepted }, timings);
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

      const waves = wavesOf(groups);
      let interruptedOf = waves.flat().flatMap((g) => (g.inboxId === undefined ? [] : [g.inboxId.toString()]));
      for (const wave of waves) {
        const { claimed, blocked } = await claim(interruptedOf, wave.flatMap((g) => g.rows.map((r) => r.id.toString())));
        interruptedOf = [];
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
      const log = logOf(channel);
      for (const r of await unsettledReplies(log, waId, timings)) {
        const rowLog = logger.child({ outboundId: r.id });
        const content = outboundContentSchema.safeParse(r.payload);
        if (r.expired || !content.success) {
          const cause = content.success ? 'not sent within the retry horizon' : 'unreadable stored reply';
          await failReply(log, r.id, cause, r.status);
          rowLog.error({ cause }, 'message could not be sent');
          deps.onFailure?.({ companyId: channel.company.id, cause });
          outcome.failed++;
          continue;
        }
        if (r.status !== 'pending' && r.nextAttemptAt && r.nextAttemptAt.getTime() > Date.now()) {
          await deps.schedule(channel, waId, r.nextAttemptAt);
          outcome.deferred++;
          break;
        }
        if (!(await claimReply(log, r.id, r.status))) {
          outcome.skipped++;
          continue;
        }
        const row: OutboundRow = { id: BigInt(r.id), to: r.recipient, content: content.data };
        const due = await sendClaimed(channel, row, r.attempts + 1, outcome, rowLog, (a) => recordAccepted(log, a));
        if (!due) continue;
        await deps.schedule(channel, waId, due);
        outcome.deferred++;
        break;
      }
      return outcome;
    },
  };
}

export type OutboundSender = ReturnType<typeof createOutboundSender>;
