// Walks the flow table (flows.ts) for one inbound message. Text: "cancelar" as the step means
// it, then what starts a flow from any step ("asesor", a flow's own phrases), then "menú", then
// what the text means (a cart edit, a question, an order's code), then the step itself, then the
// intent that starts a flow, then greetings and small talk, and last "No entendí" with the
// step's options again (escalating to a hint and a person when it happens in a row). Taps go to the step, then to the flow that owns
// their kind, else "that button is from an earlier message". Never silence, never a step of
// another flow by accident: a step no flow declares throws (registry.ts).
import type { InboundContent } from '../../messages/index.ts';
import { t } from '../conversations.messages.ts';
import { detectIntent, smallTalk, strictGlobalIntent } from '../nlu/intents.ts';
import type { Understanding } from '../nlu/understanding.ts';
import type { State } from '../sessions/session.types.ts';
import { buttons, text as textMessage } from '../whatsapp-limits.ts';
import { applyCartEdit } from './cart-edits.ts';
import { keepPin } from './checkout.ts';
import { showOrderByCode } from './placed-orders.ts';
import { answerQuestion } from './questions.ts';
import { keepRequestedTime, requestOf, understood } from './understood.ts';
import { isReread, isShow, showCurrent, type Outcome, type TextOutcome } from './flow.ts';
import { flows } from './flows.ts';
import type { DeclaredStep } from './registry.ts';
import { goTo, type Reply, type Turn } from './turn.ts';
import { requestedText, shopExamples } from './views.ts';

// A step's message may hand over to another step (an empty cart shows the product list), and a
// text may be read again at the step a question was answered from; never more than a few times.
const MAX_HOPS = 8;

const here = (turn: Turn): { state: State; step: DeclaredStep } => ({ state: turn.session.state, step: flows.step(turn.session.state.step) });

/** The message for an outcome: a step to show is rendered (and may hand over to another). */
export async function settle(turn: Turn, outcome: Outcome): Promise<Reply> {
  let current = outcome;
  for (let hops = 0; isShow(current); hops++) {
    if (hops >= MAX_HOPS) throw new Error(`Conversation steps keep handing over (last: ${current.show.step})`);
    current = await flows.step(current.show.step).render(turn, current.show, current.notice);
  }
  return current;
}

/** The step's own reading of the text, following "read it again at that step". */
async function readAtStep(turn: Turn, text: string): Promise<Outcome | null> {
  let { state, step } = here(turn);
  let outcome: TextOutcome = step.text ? await step.text(turn, state, text) : null;
  for (let hops = 0; outcome !== null && isReread(outcome); hops++) {
    if (hops >= MAX_HOPS) throw new Error(`Conversation steps keep re-reading (last: ${outcome.reread.step})`);
    goTo(turn, outcome.reread);
    ({ state, step } = here(turn));
    outcome = step.text ? await step.text(turn, state, text) : null;
  }
  return outcome;
}

const LIGHT_INTENTS: Partial<Record<Understanding['intent'], keyof typeof t.light>> = { affirm: 'ack', deny: 'ack', ack: 'ack', laugh: 'laugh', thanks: 'thanks' };

/** "jaja", "👍", "ok", "gracias": a friendly line and one line on how to go on, not the whole menu. */
async function lightAnswer(turn: Turn, line: string): Promise<Outcome> {
  const hint = await here(turn).step.hint(turn);
  return textMessage(`${line}\n${hint}`);
}

/**
 * What the text means before the step reads it (nlu/understanding.ts): a cart edit, a question
 * answered from data, an order's status by its code. Null: the step and the rest decide.
 */
async function readMeaning(turn: Turn, text: string): Promise<Outcome | null> {
  const meaning = understood(turn, text);
  if (meaning.orderCode && (meaning.intent === 'status' || meaning.intent === 'question' || meaning.intent === 'unknown')) {
    return showOrderByCode(turn, meaning.orderCode);
  }
  if (meaning.intent === 'edit' && meaning.edit) return applyCartEdit(turn, meaning.edit);
  if (meaning.intent === 'question' && meaning.question) return answerQuestion(turn, meaning.question, meaning.request);
  return null;
}

/**
 * Not understood: the step's options the first time; a shorter hint the second time in a row;
 * then the offer of a person — never the same menu again and again.
 */
async function notUnderstood(turn: Turn, text: string, missesBefore: number): Promise<Outcome> {
  const misses = missesBefore + 1;
  turn.session.misses = misses;
  turn.unplaced = true;
  if (misses === 1) return showCurrent(turn, t.notUnderstood(text));
  if (misses === 2) return textMessage(t.notUnderstoodAgain(await here(turn).step.hint(turn)));
  return buttons(t.offerPerson, [
    { id: 'menu:advisor', title: t.talkToPerson },
    { id: 'menu:main', title: t.mainMenu },
  ]);
}

async function readText(turn: Turn, raw: string, missesBefore: number): Promise<Outcome> {
  const text = raw.trim();
  if (text === '') return showCurrent(turn, t.notUnderstoodEmpty);
  const { step } = here(turn);
  // "para mañana en la tarde" said at any step is kept for the order.
  keepRequestedTime(turn, text);
  // While typing free text (an address) only a message that is just "cancelar"/"menú"/"asesor" is a command.
  const intent = step.freeText ? strictGlobalIntent(text) : detectIntent(text);
  if (intent === 'cancel') return step.cancel(turn, text);
  const first = flows.firstFor(intent, text, step.freeText);
  if (first?.start) return first.start(turn);
  if (intent === 'menu') return step.menu(turn, text);
  const meant = step.freeText ? null : await readMeaning(turn, text);
  if (meant) return meant;
  const byStep = await readAtStep(turn, text);
  if (byStep) return byStep;
  const later = flows.laterFor(intent, text);
  if (later?.start) return later.start(turn);
  if (understood(turn, text).intent === 'cancel' && !step.freeText) return step.cancel(turn, text);
  if (intent === 'greeting' || understood(turn, text).intent === 'greeting') return showCurrent(turn, t.greetingBack(turn.customer.name));
  const talk = smallTalk(text);
  if (talk) return lightAnswer(turn, t.light[talk]);
  if (intent === 'thanks') return showCurrent(turn, t.thanks);
  // "sí dale", "de una", "nel" where nothing was asked: a light answer, not "No entendí".
  const light = LIGHT_INTENTS[understood(turn, text).intent];
  if (light) return lightAnswer(turn, t.light[light]);
  // A time alone ("para mañana") was kept for the order: said so, not "No entendí".
  if (understood(turn, text).when && turn.session.requested && requestOf(turn, text) === '') {
    return showCurrent(turn, t.requestedKept(requestedText(turn) ?? text));
  }
  return notUnderstood(turn, text, missesBefore);
}

async function readTap(turn: Turn, replyId: string): Promise<Outcome> {
  const [kind = '', ...args] = replyId.split(':');
  const { state, step } = here(turn);
  const handler = step.taps.get(kind) ?? flows.tap(kind);
  const outcome = handler ? await handler(turn, args, state, { cancel: () => step.cancel(turn, '') }) : null;
  return outcome ?? showCurrent(turn, t.staleButton);
}

/** A kind answer for messages that are not text; null when nothing should be said. */
async function nonTextNotice(turn: Turn, content: InboundContent): Promise<string | null> {
  switch (content.type) {
    case 'media':
      return t[content.mediaKind];
    case 'reaction':
      return content.emoji ? t.reaction : null;
    case 'contacts':
      return t.contacts;
    case 'order':
      return t.waCart((await shopExamples(turn, 1))[0]);
    case 'unsupported':
      return t.unsupported;
    case 'location':
      return t.locationOutside;
    default:
      return null;
  }
}

async function answer(turn: Turn, content: InboundContent): Promise<Outcome | null> {
  // Anything but another message not understood ends a run of them.
  const missesBefore = turn.session.misses;
  turn.session.misses = 0;
  switch (content.type) {
    case 'system':
      turn.session.misses = missesBefore;
      return null;
    case 'text':
      return readText(turn, content.text, missesBefore);
    case 'interactive':
      return readTap(turn, content.replyId);
    case 'location': {
      const { state, step } = here(turn);
      if (step.pin) return step.pin(turn, state, content);
      // Kept for the order and offered when the address is asked.
      keepPin(turn, content);
      return showCurrent(turn, t.pinKept);
    }
    case 'media':
      if (content.caption?.trim() && (content.mediaKind === 'image' || content.mediaKind === 'video')) return readText(turn, content.caption, missesBefore);
      return showCurrent(turn, await nonTextNotice(turn, content));
    case 'reaction': {
      const notice = await nonTextNotice(turn, content);
      return notice ? showCurrent(turn, notice) : null;
    }
    default:
      return showCurrent(turn, await nonTextNotice(turn, content));
  }
}

/** The reply to one inbound message; null means no reply at all (system notices). */
export async function respond(turn: Turn, content: InboundContent): Promise<Reply | null> {
  const outcome = await answer(turn, content);
  return outcome === null ? null : settle(turn, outcome);
}
