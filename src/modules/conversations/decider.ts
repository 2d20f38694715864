// The Decider seam: what answers a customer's message. The engine gives it a turn built from a
// snapshot (company, customer, the stored session, a read-only handle for the catalog and the
// customer's orders and addresses) and takes back the reply, the session as the decider left it,
// and the writes it intends (`turn.effects`: an order, an address, a handoff) and its events. A
// decider never writes: the engine commits what it decided in one short transaction, after
// checking that what it read still holds, and asks it again from a fresh snapshot when not — so
// a decider may take seconds (a language model, a remote price check) without holding a lock or
// delaying other customers, and may be asked more than once for one message (it must not act on
// the outside world itself). It wraps its calls to the outside in `waitOutside` (waits-outside.ts).
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

/** Which decider answers a company's customers (the AI agent plugs in here, per company). */
export type DeciderFor = (company: Company) => Decider;

export const alwaysMenu: DeciderFor = () => menuDecider;
