// The table of flows the router walks: which flow declares each step, what a tap kind means at
// any step, which flow free text starts, the main menu's options. Built once from the list in
// flows.ts, and checked then: every step a stored session may hold (session.types.ts) is
// declared exactly once, and a tap kind belongs to one flow. Looking up a step no flow declares
// throws — never a silent fall-through to some other step's handler.
import type { Intent } from '../nlu/intents.ts';
import { phraseMatcher } from '../nlu/intents.ts';
import { STEP_NAMES, type State } from '../sessions/session.types.ts';
import type { FlowDef, MenuOption, Outcome, Pin, StepDef, TapHandler, TextOutcome, WordHandler } from './flow.ts';
import type { Turn } from './turn.ts';

export class UnknownStepError extends Error {
  constructor(readonly step: string) {
    super(`No flow declares the conversation step "${step}" (flows/flows.ts)`);
    this.name = 'UnknownStepError';
  }
}

type Maybe<T> = T | Promise<T>;

/** A step's declaration with its state type erased: the table only calls it with its own state. */
export type DeclaredStep = {
  flow: FlowDef;
  render: (turn: Turn, state: State, notice: string | null) => Maybe<Outcome>;
  text?: (turn: Turn, state: State, text: string) => Maybe<TextOutcome>;
  taps: ReadonlyMap<string, TapHandler>;
  pin?: (turn: Turn, state: State, pin: Pin) => Maybe<Outcome>;
  freeText: boolean;
  resumable: boolean;
  cancel: WordHandler;
  menu: WordHandler;
  hint: (turn: Turn) => Maybe<string>;
};

/** A step's declaration as written, its handlers' state type erased. */
type ErasedStepDef = Pick<DeclaredStep, 'render' | 'text' | 'pin'> &
  Omit<StepDef, 'render' | 'text' | 'pin' | 'taps'> & { taps?: Readonly<Record<string, TapHandler>> };

export type Entry = MenuOption & { start: NonNullable<FlowDef['start']> };

export type FlowRegistry = ReturnType<typeof createRegistry>;

export function createRegistry(flows: readonly FlowDef[]) {
  const steps = new Map<string, DeclaredStep>();
  const taps = new Map<string, TapHandler>();
  for (const flow of flows) {
    for (const [name, declared] of Object.entries(flow.steps) as [string, StepDef | undefined][]) {
      if (!declared) continue;
      if (steps.has(name)) throw new Error(`Conversation step "${name}" is declared by two flows`);
      if (!STEP_NAMES.includes(name)) throw new Error(`Conversation step "${name}" is not in the session's state schema (session.types.ts)`);
      const { cancel, menu, hint } = flow;
      if (!cancel || !menu || !hint) throw new Error(`Flow "${flow.name}" has steps, so it must say what "cancelar" and "menú" mean and give a hint`);
      // Sound: the router only calls a step's handlers with a state of that step.
      const def = declared as unknown as ErasedStepDef;
      steps.set(name, {
        flow,
        render: def.render,
        text: def.text,
        // Maps, not objects: a tap id is customer input ("toString:…" must find nothing).
        taps: new Map(Object.entries(def.taps ?? {})),
        pin: def.pin,
        freeText: def.freeText ?? false,
        resumable: def.resumable ?? false,
        cancel: def.cancel ?? cancel,
        menu: def.menu ?? menu,
        hint: def.hint ?? hint,
      });
    }
    for (const [kind, handler] of Object.entries(flow.taps ?? {})) {
      if (taps.has(kind)) throw new Error(`Tap kind "${kind}" is declared by two flows`);
      taps.set(kind, handler);
    }
  }
  for (const name of STEP_NAMES) if (!steps.has(name)) throw new UnknownStepError(name);

  const entries: Entry[] = flows.flatMap((f) => (f.menuOption && f.start ? [{ ...f.menuOption, start: f.start }] : []));
  const byIntent = new Map<Intent, FlowDef>(flows.flatMap((f) => (f.understands?.intent && f.start ? [[f.understands.intent, f] as const] : [])));
  const byPhrase = flows.flatMap((f) => (f.understands?.phrases && f.start ? [{ flow: f, matches: phraseMatcher(f.understands.phrases) }] : []));

  return {
    /** The declaration of a step; throws UnknownStepError when no flow declares it. */
    step(name: string): DeclaredStep {
      const declared = steps.get(name);
      if (!declared) throw new UnknownStepError(name);
      return declared;
    },
    declares: (name: string): boolean => steps.has(name),
    /** customer_sessions.flow for a step. */
    flowOf(step: string): string {
      return this.step(step).flow.name;
    },
    /** What a tap kind means at any step (null: only some steps know it, or nobody). */
    tap: (kind: string): TapHandler | null => taps.get(kind) ?? null,
    /** The main menu's options that this customer sees, in registration order. */
    async menuFor(turn: Turn): Promise<Entry[]> {
      const shown = await Promise.all(entries.map(async (e) => (e.visible ? e.visible(turn) : true)));
      // Titles as the shop words them (Ajustes → menú), where it did.
      const labels: Partial<Record<string, string>> = turn.company.businessInfo.menuLabels ?? {};
      return entries.filter((_, i) => shown[i]).map((e) => (labels[e.key] ? { ...e, title: labels[e.key]! } : e));
    },
    /** Any menu option by key, shown to this customer or not (a tap on an older menu). */
    menuEntry: (key: string): Entry | null => entries.find((e) => e.key === key) ?? null,
    /** The flow an intent starts when the step made nothing of the text. */
    forIntent: (intent: Intent | null): FlowDef | null => (intent ? byIntent.get(intent) ?? null : null),
    /**
     * The flow the text starts before the step reads it: a `first` intent ("asesor") or, unless
     * the step takes free text, phrases of a flow ("lo mismo de la otra vez").
     */
    firstFor(intent: Intent | null, text: string, freeText: boolean): FlowDef | null {
      const byWord = this.forIntent(intent);
      if (byWord?.understands?.first) return byWord;
      if (freeText) return null;
      return byPhrase.find((p) => p.flow.understands?.first && p.matches(text))?.flow ?? null;
    },
    /** The flow the text starts when the step made nothing of it: its intent, or phrases of a flow. */
    laterFor(intent: Intent | null, text: string): FlowDef | null {
      return this.forIntent(intent) ?? byPhrase.find((p) => !p.flow.understands?.first && p.matches(text))?.flow ?? null;
    },
    /** Whether the text asks for something a flow does (a first message: welcome plus the answer). */
    startsSomething(intent: Intent | null, text: string): boolean {
      return this.forIntent(intent) !== null || byPhrase.some((p) => p.matches(text));
    },
  };
}
