// Decisions waiting on something outside this process (a model, a remote check). A decider wraps
// such calls in `waitOutside`. While there are any (or were, within the last second), drain jobs
// look at their queues again during a batch and start the conversations not in it, and a round's
// commit does not wait long for its slow turns (inbox/process-messages.job.ts, turn-committer.ts),
// so other customers are not held behind a slow answer. Without them a batch is quick, or slow
// only because the machine is busy: looking again and committing early then split the backlog
// into more, smaller batches and commits — more statements per message.
let waitingOutside = 0;
let lastOutsideAt = -Infinity;

/** Runs a decider's call to the outside (a model, a remote service), counted while it runs. */
export async function waitOutside<T>(call: () => Promise<T>): Promise<T> {
  waitingOutside++;
  lastOutsideAt = performance.now();
  try {
    return await call();
  } finally {
    waitingOutside--;
    lastOutsideAt = performance.now();
  }
}

// A model's turn calls it more than once, with its own work in between: a wait that ended this
// recently still counts.
const RECENT_MS = 1_000;

/** Whether a decision of this process is waiting on something outside, or was within the last second. */
export const decisionsWaitedOutside = (): boolean => waitingOutside > 0 || performance.now() - lastOutsideAt < RECENT_MS;
