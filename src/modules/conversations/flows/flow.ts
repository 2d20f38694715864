// What a flow declares, once: its steps (what each shows, what text, taps and location pins
// mean there, what "cancelar" and "menú" mean there), the taps it understands at any step, and
// how a customer gets into it (a main-menu option, an intent, phrases of its own). The router
// walks these tables (router.ts); flows are registered in flows.ts.
//
// Handlers never import the router or the table. To go to a step of another flow they name it —
// `show({ step: 'cart' }, notice)` — and the router renders that step; a step's `render` may
// itself hand over to another step (an empty cart shows the product list).
import type { Intent } from '../nlu/intents.ts';
import { UUID, type State, type Step } from '../sessions/session.types.ts';
import type { Reply, Turn } from './turn.ts';

/** "Show this step", with a notice above it. */
export type Show = { readonly show: State; readonly notice: string | null };
/** "Read the same text again at this step" (a text answering a question the customer ignored). */
export type Reread = { readonly reread: State };

/** What a handler hands back: the message itself, or the step whose message it is. */
export type Outcome = Reply | Show;
/** What a step makes of a text; null: nothing (general intents and the fallback decide). */
export type TextOutcome = Outcome | Reread | null;

export const show = (state: State, notice?: string | null): Show => ({ show: state, notice: notice || null });
export const reread = (state: State): Reread => ({ reread: state });
export const isShow = (o: Outcome | Reread): o is Show => 'show' in o;
export const isReread = (o: Outcome | Reread): o is Reread => 'reread' in o;

/** The current step's message again, with a notice ("No entendí…", "Ese botón es de un mensaje anterior…"). */
export const showCurrent = (turn: Turn, notice: string | null): Show => show(turn.session.state, notice);

/** The main menu, keeping the cart: what "menú" means at every step so far. */
export const toMenu = (_turn: Turn): Show => show({ step: 'menu' });

type Maybe<T> = T | Promise<T>;
export type StateOf<S extends Step> = Extract<State, { step: S }>;
export type Pin = { latitude: number; longitude: number; name?: string; address?: string };

/** What a global word ("cancelar", "menú") does; gets the whole text ("cancela el tomate"). */
export type WordHandler = (turn: Turn, text: string) => Maybe<Outcome>;
/** What the step the customer is at means by "cancelar" (a "Cancelar" button from any message). */
export type Here = { cancel: () => Maybe<Outcome> };
/** A tap, by its id's parts after the kind (`qty:<id>:2` → ['<id>', '2']); null: stale here. */
export type TapHandler<S extends State = State> = (turn: Turn, args: readonly string[], state: S, here: Here) => Maybe<Outcome | null>;

/** A tap argument that is a row id (uuid), or null. */
export const idArg = (v: string | undefined): string | null => (v !== undefined && UUID.test(v) ? v : null);
/** `f(a)` when the tap argument is there, else null (a stale or malformed tap). */
export const when = <A>(a: A | null, f: (a: A) => Maybe<Outcome>): Maybe<Outcome> | null => (a !== null ? f(a) : null);
/** A tap argument that is a small whole number (a page, a quantity), or null. */
export const intArg = (v: string | undefined): number | null => (v !== undefined && /^\d{1,3}$/.test(v) ? Number(v) : null);

export type StepDef<S extends Step = Step> = {
  /** The step's message (after "No entendí", a stale tap, "Seguir"…); must `goTo` the state it shows. */
  render: (turn: Turn, state: StateOf<S>, notice: string | null) => Maybe<Outcome>;
  text?: (turn: Turn, state: StateOf<S>, text: string) => Maybe<TextOutcome>;
  /** Taps that only mean something at this step (confirm:yes on the summary). */
  taps?: Readonly<Record<string, TapHandler<StateOf<S>>>>;
  /** A location pin sent at this step; without it a pin is thanked and set aside. */
  pin?: (turn: Turn, state: StateOf<S>, pin: Pin) => Maybe<Outcome>;
  /** Free-text answers (an address): global words count only as the whole message, phrases of flows not at all. */
  freeText?: boolean;
  /** A customer back after a pause with a cart is taken back to this step (otherwise to the cart). */
  resumable?: boolean;
  /** Overrides of the flow's meaning of "cancelar", "menú" and its light-answer hint. */
  cancel?: WordHandler;
  menu?: WordHandler;
  hint?: (turn: Turn) => Maybe<string>;
};

export type StepTable = { readonly [S in Step]?: StepDef<S> };

export type MenuOption = {
  /** The tap id is `menu:<key>`. */
  key: string;
  title: string;
  description: string;
  /** Shown to this customer? (Options some customers do not see go last, so typed numbers stay put.) */
  visible?: (turn: Turn) => Maybe<boolean>;
};

export type FlowDef = {
  /** Stored in customer_sessions.flow for its steps. */
  name: string;
  steps: StepTable;
  /** Taps understood at any step, by kind (the id's first part: `prod:<id>`). */
  taps?: Readonly<Record<string, TapHandler>>;
  /**
   * What "cancelar" and "menú" mean at its steps, and the hint under a light answer ("jaja",
   * "👍") there. Required of a flow with steps (the registry checks).
   */
  cancel?: WordHandler;
  menu?: WordHandler;
  hint?: (turn: Turn) => Maybe<string>;
  /** Entering the flow from the menu, an intent or its phrases. */
  start?: (turn: Turn) => Maybe<Outcome>;
  menuOption?: MenuOption;
  /**
   * Free text that starts it: an intent of nlu/intents.ts, or phrases of its own (typo-tolerant).
   * `first`: understood at any step before the step reads the text (like "asesor"); otherwise
   * only when the step made nothing of it.
   */
  understands?: { intent?: Intent; phrases?: readonly string[]; first?: boolean };
};
