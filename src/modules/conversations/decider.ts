// The Decider seam: what answers a customer's message. The engine gives it a turn built from a
// snapshot (company, customer, the stored session, a read-only handle for the catalog and the
// customer's orders and addresses) and takes back the reply, the session as the decider left it,
// and the writes it intends (`turn.effects`: an order, an address, a handoff) and its events. A
// decider never writes: the engine commits what it decided in one short transaction, after
// checking that what it read still holds, and asks it again from a fresh snapshot when not — so
// a decider may take seconds (a language model, a remote price check) without holding a lock or
// delaying other customers, and may be asked more than once for one message (it must not act on
// the outside world itself).
import type { Company } from '../companies/index.ts';
import { converse } from './converse.ts';
import type { Reply, Turn } from './flows/turn.ts';
import type { LoadedSession } from './sessions/session.repository.ts';

export type DecideInput = {
  /** The session as stored (null: none), with when it expires and its version. */
  stored: LoadedSession | null;
  /** The number wrote for the first time (the customer row is created by the commit). */
  created: boolean;
};

export type Decider = {
  /** The reply to `turn.inbound` (null: none); may move `turn.session`, push `turn.events`/`turn.extra`, call `turn.effects`. */
  decide(turn: Turn, input: DecideInput): Promise<Reply | null>;
};

/** Today's menu engine: the flows of flows/ walked by the router, with the session lifecycle of converse.ts. */
export const menuDecider: Decider = {
  decide: (turn, { stored, created }) => converse(turn, stored, created),
};

// Decisions waiting on something outside this process (a model, a remote check). While there are
// any, drain jobs look at their queues again during a batch and start the conversations not in it,
// so other customers are not held behind a slow answer (inbox/process-messages.job.ts). Without
// them a batch is quick, or slow only because the machine is busy: looking again then split the
// backlog into more, smaller batches — 12% more statements per message in the bench.
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

/**
 * Whether a decision of this process is waiting on something outside, or was within `withinMs`
 * (a model's turn calls it more than once, with its own work in between).
 */
export const decisionsWaitedOutside = (withinMs: number): boolean => waitingOutside > 0 || performance.now() - lastOutsideAt < withinMs;

/** Which decider answers a company's customers (the AI agent plugs in here, per company). */
export type DeciderFor = (company: Company) => Decider;

export const alwaysMenu: DeciderFor = () => menuDecider;
