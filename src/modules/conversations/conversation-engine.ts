// The conversation engine: inbound messages → turns, each decided outside any transaction and
// committed in a short one. A batch's customers are read in one snapshot (no locks); each
// customer's messages are then decided one at a time, in the order written, by the company's
// decider (decider.ts: today's menu engine by default), and committed (commit-turns.ts) together
// with the turns of other customers decided at the same time (turn-committer.ts) — a round, as
// before. A commit that finds what a turn relied on changed (its session's version, the
// customer's handoff, an order's stock or prices) decides that turn again from the fresh state,
// a bounded number of times. Customers decide concurrently, so a slow decider (seconds: a
// language model) delays only its own customer, and no lock is held while anyone decides.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import { groupBy } from '../../platform/collections.ts';
import { pendingOutbound } from '../messages/index.ts';
import { overMessageLimit, type Company } from '../companies/index.ts';
import { commitTurns, type HandleResult } from './commit-turns.ts';
import type { InboundEnvelope } from './conversations.types.ts';
import type { LivePublisher } from '../events/index.ts';
import { decideTurn, type DecideContext } from './decide-turn.ts';
import { alwaysMenu, type DeciderFor } from './decider.ts';
import { planBursts } from './flows/bursts.ts';
import { readTurnSnapshots, type TurnSnapshot } from './sessions/turn.repository.ts';
import { createTurnCommitter, type CommittedTurn } from './turn-committer.ts';
import type { TurnMemo } from './turn-writes.ts';

export type { HandleResult } from './commit-turns.ts';

export type EngineOptions = {
  logger: Logger;
  sessionTtlMinutes: number;
  handoffTimeoutMinutes: number;
  now?: () => Date;
  /** Who answers each company's customers (default: the menu engine for all). */
  deciderFor?: DeciderFor;
  /** Decisions of one message before its conflicts fail it (then the job retries it later). Default 3. */
  maxDecisions?: number;
  /** Where committed turns' live events go (default: a NOTIFY of their own after each commit). */
  live?: LivePublisher;
  /** The least time turns already decided wait for a slower one of their batch before committing without it (a turn waits as long as it took to decide, up to 500 ms: turn-committer.ts). Default 25 ms. */
  commitGraceMs?: number;
};

/** One message's outcome in a batch: handled, failed, or not tried because an earlier one of its customer failed. */
export type TurnOutcome = { ok: true; result: HandleResult } | { ok: false; error: unknown; skipped: boolean };

export type BatchHooks = {
  /** The company's messages this month, for its plan's volume limit (null: not counted). */
  messagesUsed?: number | null;
  /** Turns just committed (or found committed before), so their replies can be sent without waiting for the batch. */
  onCommitted?: (turns: { inbound: InboundEnvelope; result: HandleResult }[]) => void;
};

/** A commit kept finding that what a turn relied on had changed. */
export class TurnConflictError extends Error {
  constructor(inboxId: bigint, decisions: number) {
    super(`turn of inbox message ${inboxId} conflicted with concurrent writes ${decisions} times; will retry`);
  }
}

/**
 * The batch's read handle over the client: a handle of its own (the catalog keeps product reads
 * per handle, for the batch) whose queries run one at a time. Customers decide concurrently, but
 * their reads take one pooled connection at a time per batch, as when a batch ran in one
 * transaction: unbounded, a batch of 100 customers asked the pool for 100 connections at once and
 * the worker's jobs starved each other's commits of connections.
 */
function batchReader(db: TenantClient): TenantTx {
  let tail: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(run: () => PromiseLike<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };
  // The client's raw queries ($queryRaw…) and its model delegates' methods (product.findMany…).
  const serialized = <T extends object>(target: T, nested: boolean): T =>
    new Proxy(target, {
      get(t, prop) {
        const value: unknown = Reflect.get(t, prop, t);
        if (typeof value === 'function') return (...args: unknown[]) => oneAtATime(() => (value as (...a: unknown[]) => PromiseLike<unknown>).apply(t, args));
        if (!nested && typeof value === 'object' && value !== null && typeof prop === 'string' && !prop.startsWith('$') && !prop.startsWith('_')) return serialized(value, true);
        return value;
      },
    });
  return serialized(db, false) as unknown as TenantTx;
}

export function createConversationEngine(opts: EngineOptions) {
  const clock = opts.now ?? (() => new Date());
  const ttlMs = opts.sessionTtlMinutes * 60_000;
  const deciderFor = opts.deciderFor ?? alwaysMenu;
  const maxDecisions = opts.maxDecisions ?? 3;
  const graceMs = opts.commitGraceMs ?? 25;
  // Companies whose owner was already told this month (a committed claim): no claim per turn.
  const ownerTold = new Set<string>();

  /** The messages' turns; outcomes in the order of `inbounds`. Never throws for one turn's failure. */
  async function handleBatch(db: TenantClient, company: Company, inbounds: InboundEnvelope[], hooks: BatchHooks = {}): Promise<TurnOutcome[]> {
    const reader = batchReader(db);
    const byCustomer = groupBy(inbounds, (i) => i.waId);
    const { snapshots, logged } = await readTurnSnapshots({ tx: reader, schema: company.db.schema }, inbounds);
    const onCommitted = hooks.onCommitted;
    const committer = createTurnCommitter({
      commit: (decisions) => commitTurns(db, company, decisions, reader, opts.live),
      graceMs,
      onCommitted: onCommitted && ((turns: CommittedTurn[]) => onCommitted(turns.map(({ decision, outcome }) => ({ inbound: decision.inbound, result: (outcome as { result: HandleResult }).result })))),
    });
    const messagesExceeded = overMessageLimit(company, hooks.messagesUsed ?? null);
    const bursts = { plan: planBursts(inbounds, { now: clock(), timeZone: company.timezone }), createdFolded: new Set<string>() };
    const context = (): DecideContext => ({
      reader, company, messagesExceeded, decider: deciderFor(company), now: clock(), ttlMs, handoffTimeoutMinutes: opts.handoffTimeoutMinutes, logger: opts.logger, bursts, ownerTold,
    });
    const outcomes = new Map<bigint, TurnOutcome>();

    /** One message: decided and committed, decided again on a conflict. Returns the snapshot for the next. */
    async function handleOne(inbound: InboundEnvelope, basis: TurnSnapshot): Promise<TurnSnapshot> {
      const memo: TurnMemo = {};
      for (let decisions = 1; ; decisions++) {
        const outcome = await committer.decideAndCommit(() => decideTurn(context(), inbound, basis, memo));
        if (outcome.kind !== 'conflict') {
          outcomes.set(inbound.inboxId, { ok: true, result: outcome.result });
          return outcome.next;
        }
        if (decisions >= maxDecisions) throw new TurnConflictError(inbound.inboxId, decisions);
        opts.logger.debug({ company: company.slug, inboxId: inbound.inboxId.toString(), decisions }, 'turn changed underneath; deciding again');
        basis = outcome.fresh;
      }
    }

    /** A customer's messages, one at a time in the order written; a failure stops the rest of them. */
    async function converseAll(messages: InboundEnvelope[], basis: TurnSnapshot): Promise<void> {
      for (const [i, inbound] of messages.entries()) {
        try {
          if (logged.has(inbound.inboxId)) {
            // Handled before (a retried job, a redelivery): nothing new, the replies still pending.
            const original = logged.get(inbound.inboxId) ?? null;
            const outbound = original === null ? [] : await pendingOutbound(reader, original);
            const result: HandleResult = { customerId: basis.customer?.id ?? '', outbound, events: [] };
            outcomes.set(inbound.inboxId, { ok: true, result });
            onCommitted?.([{ inbound, result }]);
          } else basis = await handleOne(inbound, basis);
        } catch (error) {
          outcomes.set(inbound.inboxId, { ok: false, error, skipped: false });
          for (const later of messages.slice(i + 1)) outcomes.set(later.inboxId, { ok: false, error, skipped: true });
          return;
        }
      }
    }

    await Promise.all([...byCustomer].map(([waId, messages]) => converseAll(messages, snapshots.get(waId)!)));
    return inbounds.map((i) => outcomes.get(i.inboxId)!);
  }

  /** All turns, or the first failure. */
  async function handleAll(db: TenantClient, company: Company, inbounds: InboundEnvelope[], messagesUsed: number | null = null): Promise<HandleResult[]> {
    const outcomes = await handleBatch(db, company, inbounds, { messagesUsed });
    return outcomes.map((o) => {
      if (!o.ok) throw o.error;
      return o.result;
    });
  }

  return {
    async handleInbound(db: TenantClient, company: Company, inbound: InboundEnvelope, messagesUsed: number | null = null): Promise<HandleResult> {
      return (await handleAll(db, company, [inbound], messagesUsed))[0]!;
    },
    /** Several messages of one company; each customer's in the order written, customers concurrently. Throws the first failure. */
    handleInboundBatch: handleAll,
    handleBatch,
  };
}
