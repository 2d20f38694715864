// Session lifecycle around the flows: welcome for new customers, the bot coming back after a
// handoff, expired sessions, and "¿Seguimos con tu pedido?" after a pause mid-order.
import { t } from './conversations.messages.ts';
import { resumeAfterHandoff } from './flows/advisor.flow.ts';
import { show } from './flows/flow.ts';
import { flows } from './flows/flows.ts';
import { isClearOrder } from './flows/order-lines.ts';
import { UnknownStepError } from './flows/registry.ts';
import { respond, settle } from './flows/router.ts';
import type { Reply, Turn } from './flows/turn.ts';
import { understood } from './flows/understood.ts';
import { detectIntent } from './nlu/intents.ts';
import type { LoadedSession } from './sessions/session.repository.ts';
import { freshSession, type BaseState } from './sessions/session.types.ts';
import { withNotice } from './whatsapp-limits.ts';

/** Idle time after which a customer with a cart is asked whether to continue. */
export const RESUME_AFTER_MS = 15 * 60_000;

const expired = (stored: LoadedSession, now: Date) => !stored.isActive || stored.expiresAt <= now;

/** Plain text that is not a command: taps go straight to their action, commands still work. */
function offersResume(turn: Turn): boolean {
  const c = turn.inbound.content;
  if (c.type !== 'text') return false;
  const intent = detectIntent(c.text);
  return intent !== 'cancel' && intent !== 'menu' && intent !== 'advisor';
}

async function asksForSomething(turn: Turn): Promise<boolean> {
  const c = turn.inbound.content;
  // A pin as the first message is kept for the order (and thanked for) under the welcome.
  if (c.type === 'location') return true;
  if (c.type !== 'text') return false;
  const intent = detectIntent(c.text);
  if (flows.startsSomething(intent, c.text)) return true;
  // "hola che, mandame 2 kilos de papa", "¿a qué hora abren?", "¿cómo va el P-1003?": a greeting
  // next to a request never hides it.
  const meaning = understood(turn, c.text);
  if (meaning.intent === 'question' || meaning.orderCode) return true;
  return (intent === null || intent === 'greeting') && isClearOrder(turn, c.text);
}

/** Where a customer back after a pause with a cart is taken: the order step they left, or the cart. */
function resumePoint(turn: Turn): BaseState {
  const state = turn.session.state;
  return state.step !== 'resume' && flows.step(state.step).resumable ? state : { step: 'cart' };
}

export async function converse(turn: Turn, stored: LoadedSession | null, created: boolean): Promise<Reply | null> {
  const limitNoticeDay = turn.session.limitNoticeDay;
  if (created) {
    // A number seen for the first time has no orders: the menu need not look.
    turn.session = { ...freshSession(), limitNoticeDay, ordered: false };
    if (turn.inbound.content.type === 'system') return null;
    // The shop's own welcome when it wrote one (Ajustes → textos del bot), else the default.
    const welcome = turn.company.businessInfo.welcomeText?.trim() || t.welcome(turn.customer.name, turn.company.name);
    // A first message that already asks for something ("kiero 2 garrafones", "mi pedido") is
    // answered with the welcome on top; anything else gets the welcome and the menu.
    const answer = (await asksForSomething(turn)) ? await respond(turn, turn.inbound.content) : null;
    return answer ? withNotice(welcome, answer) : settle(turn, show({ step: 'menu' }, welcome));
  }
  // A stored step no flow declares is a release that dropped or renamed a step (sessions are not
  // migrated by deploys). Never guess where the customer was, and never leave them unanswered:
  // back to the menu with the cart kept, and an event the worker turns into an operator alert.
  if (stored?.unreadStep && !flows.declares(stored.unreadStep)) {
    turn.events.push({ type: 'session_reset', detail: { step: stored.unreadStep, reason: new UnknownStepError(stored.unreadStep).message } });
    turn.session.state = { step: 'menu' };
    return settle(turn, show({ step: 'menu' }, t.sessionLost));
  }
  const isExpired = stored !== null && expired(stored, turn.now);
  const droppedCart = isExpired && turn.session.cart.length > 0;
  if (isExpired || !stored?.data) turn.session = { ...freshSession(), limitNoticeDay };
  if (turn.session.state.step === 'advisor') turn.session.state = { step: 'menu' };

  const paused = turn.customer.botPausedUntil;
  if (paused && paused <= turn.now) {
    const reply = await settle(turn, await resumeAfterHandoff(turn));
    return droppedCart ? withNotice(t.sessionExpired, reply) : reply;
  }
  if (droppedCart) return settle(turn, show({ step: 'menu' }, t.sessionExpired));

  const idle = stored ? turn.now.getTime() - stored.lastInboundAt.getTime() : 0;
  if (turn.session.cart.length > 0 && idle > RESUME_AFTER_MS && turn.session.state.step !== 'resume' && offersResume(turn)) {
    return settle(turn, show({ step: 'resume', back: resumePoint(turn) }));
  }
  return respond(turn, turn.inbound.content);
}
