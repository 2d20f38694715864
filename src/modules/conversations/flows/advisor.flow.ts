// "Hablar con un asesor": the bot goes quiet for this customer until staff release the chat
// or the handoff timeout passes.
import { clearBotPause, pauseBot } from '../../customers/index.ts';
import { t } from '../conversations.messages.ts';
import { text } from '../whatsapp-limits.ts';
import { showMenu } from './menu.flow.ts';
import { goTo, type Reply, type Turn } from './turn.ts';

export async function requestAdvisor(turn: Turn): Promise<Reply> {
  const until = new Date(turn.now.getTime() + turn.handoffTimeoutMinutes * 60_000);
  await pauseBot(turn.tx, turn.customer.id, until, turn.now);
  turn.customer = { ...turn.customer, botPausedUntil: until, handoffAt: turn.now };
  turn.events.push({ type: 'handoff_requested', detail: { customerId: turn.customer.id, waId: turn.customer.waId, until: until.toISOString() } });
  goTo(turn, { step: 'advisor' });
  return text(t.advisorRequested(turn.company.name, turn.handoffTimeoutMinutes));
}

/** The pause ran out: the bot takes the chat back and says so, with the menu. */
export async function resumeAfterHandoff(turn: Turn): Promise<Reply> {
  await clearBotPause(turn.tx, turn.customer.id);
  turn.events.push({ type: 'handoff_released', detail: { customerId: turn.customer.id, waId: turn.customer.waId, reason: 'timeout' } });
  return showMenu(turn, t.botBack(turn.company.name));
}
