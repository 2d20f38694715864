// "Hablar con un asesor": the bot goes quiet for this customer until staff release the chat
// or the handoff timeout passes.
import { MENU_OPTIONS, t } from '../conversations.messages.ts';
import { text } from '../whatsapp-limits.ts';
import { cancelIfAny } from './cancel.ts';
import { reread, show, toMenu, type FlowDef, type Outcome } from './flow.ts';
import { goTo, type Turn } from './turn.ts';

export async function requestAdvisor(turn: Turn): Promise<Outcome> {
  const until = new Date(turn.now.getTime() + turn.handoffTimeoutMinutes * 60_000);
  turn.effects.pauseBot(until);
  turn.customer = { ...turn.customer, botPausedUntil: until, handoffAt: turn.now };
  turn.events.push({ type: 'handoff_requested', detail: { customerId: turn.customer.id, waId: turn.customer.waId, until: until.toISOString() } });
  goTo(turn, { step: 'advisor' });
  // The shop's own words when it set them (Ajustes → textos del bot), else the default.
  return text(turn.company.businessInfo.botTexts?.advisor ?? t.advisorRequested(turn.company.name, turn.handoffTimeoutMinutes));
}

/** The pause ran out: the bot takes the chat back and says so, with the menu. */
export async function resumeAfterHandoff(turn: Turn): Promise<Outcome> {
  turn.effects.clearBotPause();
  turn.events.push({ type: 'handoff_released', detail: { customerId: turn.customer.id, waId: turn.customer.waId, reason: 'timeout' } });
  return show({ step: 'menu' }, t.botBack(turn.company.name));
}

export const advisorFlow: FlowDef = {
  name: 'advisor',
  start: requestAdvisor,
  menuOption: { key: 'advisor', ...MENU_OPTIONS.advisor },
  // "asesor" is understood at any step, before the step reads the text.
  understands: { intent: 'advisor', first: true },
  cancel: cancelIfAny,
  menu: toMenu,
  hint: (turn) => t.hintMenu(turn.session.cart.length),
  steps: {
    // While a person has the chat the bot is silent; when it answers again it starts from the menu.
    advisor: { render: (_turn, _s, notice) => show({ step: 'menu' }, notice), text: () => reread({ step: 'menu' }) },
  },
};
