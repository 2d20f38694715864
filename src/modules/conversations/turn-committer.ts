// When decided turns are committed. Turns decided together commit together (one transaction for
// a round of customers, as before decide and commit were split), but a slow decider must not hold
// back the others: a commit starts as soon as no other turn of the batch is still deciding, or
// after a grace, whichever comes first. While a decision waits on something outside (a model:
// `decisionsWaitedOutside`), the grace is as long as the oldest waiting turn took to decide (at
// least `graceMs`, at most MAX_GRACE_MS), so a decider that takes seconds is not waited for.
// Otherwise the turns still deciding are slow only because the machine is busy (their reads queue
// on the batch's one connection, the event loop is loaded): the grace is MAX_GRACE_MS, and the
// round still commits together — a shorter grace split busy rounds into several commits and as
// many send passes (bench: 1,392 commits for 1,214 rounds, 1,233 with the longer grace). One
// commit runs at a time per batch; turns decided while it runs go in the next. If a commit of
// several turns fails (not a conflict: those come back as outcomes), each is committed alone, so
// one bad turn fails only itself.
import type { CommitOutcome } from './commit-turns.ts';
import type { Decision } from './decide-turn.ts';
import { decisionsWaitedOutside } from './waits-outside.ts';

type Waiting = { decision: Decision; decidedInMs: number; resolve: (o: CommitOutcome) => void; reject: (e: unknown) => void };

const MAX_GRACE_MS = 500;

export type CommittedTurn = { decision: Decision; outcome: CommitOutcome };

export function createTurnCommitter(o: {
  commit: (decisions: Decision[]) => Promise<Map<Decision, CommitOutcome>>;
  graceMs: number;
  /** After each commit, the turns it wrote or replayed (to send their replies at once). */
  onCommitted?: (turns: CommittedTurn[]) => void;
}) {
  let deciding = 0;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let waiting: Waiting[] = [];

  function schedule(): void {
    if (running || waiting.length === 0) return;
    if (deciding > 0) {
      const grace = decisionsWaitedOutside() ? Math.min(Math.max(o.graceMs, waiting[0]!.decidedInMs), MAX_GRACE_MS) : MAX_GRACE_MS;
      timer ??= setTimeout(flush, grace);
      return;
    }
    flush();
  }

  async function commitEach(group: Waiting[]): Promise<void> {
    for (const w of group) {
      try {
        const outcomes = await o.commit([w.decision]);
        settle([w], outcomes);
      } catch (err) {
        w.reject(err);
      }
    }
  }

  function settle(group: Waiting[], outcomes: Map<Decision, CommitOutcome>): void {
    const done: CommittedTurn[] = [];
    for (const w of group) {
      const outcome = outcomes.get(w.decision);
      if (!outcome) w.reject(new Error('a decided turn was left out of its commit'));
      else {
        if (outcome.kind !== 'conflict') done.push({ decision: w.decision, outcome });
        w.resolve(outcome);
      }
    }
    if (done.length > 0) o.onCommitted?.(done);
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (running || waiting.length === 0) return;
    const group = waiting;
    waiting = [];
    running = true;
    o.commit(group.map((w) => w.decision))
      .then(
        (outcomes) => settle(group, outcomes),
        (err: unknown) => (group.length > 1 ? commitEach(group) : group[0]!.reject(err)),
      )
      .finally(() => {
        running = false;
        // After the committed turns' next decisions have started (they continue in microtasks).
        setImmediate(schedule);
      });
  }

  return {
    /** Decides (counted as deciding meanwhile), then waits for the decision's commit. */
    async decideAndCommit(decide: () => Promise<Decision>): Promise<CommitOutcome> {
      deciding++;
      const started = performance.now();
      let decision: Decision;
      try {
        decision = await decide();
      } catch (err) {
        // A failed decision no longer holds the others back.
        deciding--;
        schedule();
        throw err;
      }
      deciding--;
      return new Promise<CommitOutcome>((resolve, reject) => {
        waiting.push({ decision, decidedInMs: performance.now() - started, resolve, reject });
        schedule();
      });
    },
  };
}
