// Session lifecycle around the flows: welcome for new customers, the bot coming back after a
// handoff, expired sessions, and "¿Seguimos con tu pedido?" after a pause mid-order.
import { t } from './conversations.messages.ts';
import { resumeAfterHandoff } from './flows/advisor.flow.ts';
import { showResume } from './flows/fallback.flow.ts';
import { showMenu } from './flows/menu.flow.ts';
import { isClearOrder } from './flows/order-lines.flow.ts';
import { respond } from './flows/router.ts';
import type { Reply, Turn } from './flows/turn.ts';
import { detectIntent, type Intent } from './nlu/intents.ts';
import type { LoadedSession } from './sessions/session.repository.ts';
import { flowOf, freshSession } from './sessions/session.types.ts';
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

const ACTIONABLE = new Set<Intent>(['catalog', 'order', 'status', 'advisor']);

async function asksForSomething(turn: Turn): Promise<boolean> {
  const c = turn.inbound.content;
  if (c.type !== 'text') return false;
  const intent = detectIntent(c.text);
  if (intent !== null) return ACTIONABLE.has(intent);
  return isClearOrder(turn, c.text);
}

export async function converse(turn: Turn, stored: LoadedSession | null, created: boolean): Promise<Reply | null> {
  const limitNoticeDay = turn.session.limitNoticeDay;
  if (created) {
    turn.session = { ...freshSession(), limitNoticeDay };
    if (turn.inbound.content.type === 'system') return null;
    const welcome = t.welcome(turn.customer.name, turn.company.name);
    // A first message that already asks for something ("kiero 2 garrafones", "mi pedido") is
    // answered with the welcome on top; anything else gets the welcome and the menu.
    const answer = (await asksForSomething(turn)) ? await respond(turn, turn.inbound.content) : null;
    return answer ? withNotice(welcome, answer) : showMenu(turn, welcome);
  }
  const isExpired = stored !== null && expired(stored, turn.now);
  const droppedCart = isExpired && turn.session.cart.length > 0;
  if (isExpired || !stored?.data) turn.session = { ...freshSession(), limitNoticeDay };
  if (turn.session.state.step === 'advisor') turn.session.state = { step: 'menu' };

  const paused = turn.customer.botPausedUntil;
  if (paused && paused <= turn.now) {
    const reply = await resumeAfterHandoff(turn);
    return droppedCart ? withNotice(t.sessionExpired, reply) : reply;
  }
  if (droppedCart) return showMenu(turn, t.sessionExpired);

  const state = turn.session.state;
  const idle = stored ? turn.now.getTime() - stored.lastInboundAt.getTime() : 0;
  if (turn.session.cart.length > 0 && idle > RESUME_AFTER_MS && state.step !== 'resume' && offersResume(turn)) {
    // Back to the order step they left, or to the cart if they had wandered to the menu.
    return showResume(turn, flowOf(state.step) === 'order' ? state : { step: 'cart' });
  }
  return respond(turn, turn.inbound.content);
}
