// Routes one inbound message to the flow that handles it: taps by their self-describing id,
// text by global words, then the current step, then general intents.
import type { InboundContent } from '../../channels/messages.types.ts';
import { t } from '../conversations.messages.ts';
import { detectIntent, isAffirmative, isNegative, parseOptionNumber, strictGlobalIntent, wantsToRestart, type Intent } from '../nlu/intents.ts';
import { requestAdvisor } from './advisor.flow.ts';
import { handleCatalogText, showCatalogPage } from './catalog.flow.ts';
import { handleAddressPin, handleAddressText, handleConfirmText } from './checkout.flow.ts';
import { nonTextNotice, renderStep, resumeStep } from './fallback.flow.ts';
import { showMenu } from './menu.flow.ts';
import { tryOrderText } from './order-lines.flow.ts';
import { handleOrderStepText, lineToRemove, removeProduct } from './order-steps.flow.ts';
import { cancelOrder, showPickList, startOrder } from './order.flow.ts';
import { handleReply } from './reply-router.ts';
import { showStatus } from './status.flow.ts';
import { goTo, type Reply, type Turn } from './turn.ts';

const MENU_CHOICES = ['catalog', 'order', 'status', 'advisor'] as const;

export type MenuChoice = (typeof MENU_CHOICES)[number] | 'main';

export async function chooseMenuOption(turn: Turn, choice: MenuChoice): Promise<Reply> {
  switch (choice) {
    case 'catalog':
      return showCatalogPage(turn, 0);
    case 'order':
      return startOrder(turn);
    case 'status':
      return showStatus(turn);
    case 'advisor':
      return requestAdvisor(turn);
    case 'main':
      return showMenu(turn);
  }
}

async function handleMenuText(turn: Turn, text: string): Promise<Reply | null> {
  const n = parseOptionNumber(text, MENU_CHOICES.length);
  const choice = n !== null ? MENU_CHOICES[n - 1] : undefined;
  if (choice) return chooseMenuOption(turn, choice);
  if (detectIntent(text) === 'order') return (await tryOrderText(turn, text, { explicit: true })) ?? startOrder(turn);
  return tryOrderText(turn, text, { explicit: false });
}

async function handleResumeText(turn: Turn, text: string): Promise<Reply | null> {
  const state = turn.session.state;
  if (state.step !== 'resume') return null;
  if (wantsToRestart(text) || isNegative(text)) return restartOrder(turn);
  if (isAffirmative(text)) return resumeStep(turn, state.back);
  // Anything else ("2 garrafones", an address…) is read as if the question had not been asked.
  goTo(turn, state.back);
  return handleStepText(turn, text);
}

export async function restartOrder(turn: Turn): Promise<Reply> {
  turn.session.cart = [];
  turn.session.delivery = null;
  turn.session.queue = [];
  return showPickList(turn, 0);
}

async function handleStepText(turn: Turn, text: string): Promise<Reply | null> {
  switch (turn.session.state.step) {
    case 'menu':
    case 'advisor':
      return handleMenuText(turn, text);
    case 'catalog':
    case 'product':
      return handleCatalogText(turn, text);
    case 'address':
      return handleAddressText(turn, text);
    case 'confirm':
      return handleConfirmText(turn, text);
    case 'resume':
      return handleResumeText(turn, text);
    default:
      return handleOrderStepText(turn, text);
  }
}

/** What general intents mean when the step itself did not understand the text. */
async function handleIntent(turn: Turn, intent: Intent | null, text: string): Promise<Reply> {
  const step = turn.session.state.step;
  switch (intent) {
    case 'catalog':
      return showCatalogPage(turn, 0);
    case 'status':
      return showStatus(turn);
    case 'order':
      return startOrder(turn);
    case 'greeting':
      return step === 'menu' ? showMenu(turn, t.greetingBack(turn.customer.name)) : renderStep(turn, t.greetingBack(turn.customer.name));
    case 'thanks':
      return renderStep(turn, t.thanks);
    default:
      return renderStep(turn, t.notUnderstood(text));
  }
}

export async function handleText(turn: Turn, raw: string): Promise<Reply> {
  const text = raw.trim();
  if (text === '') return renderStep(turn, t.notUnderstoodEmpty);
  // While typing an address only a message that is just "cancelar"/"menú"/"asesor" is a command.
  const global = turn.session.state.step === 'address' ? strictGlobalIntent(text) : detectIntent(text);
  if (global === 'cancel') {
    const line = lineToRemove(turn, text);
    return line ? removeProduct(turn, line) : cancelOrder(turn);
  }
  if (global === 'advisor') return requestAdvisor(turn);
  if (global === 'menu') return showMenu(turn);
  const byStep = await handleStepText(turn, text);
  if (byStep) return byStep;
  return handleIntent(turn, global, text);
}

/** The reply to one inbound message; null means no reply at all (system notices). */
export async function respond(turn: Turn, content: InboundContent): Promise<Reply | null> {
  switch (content.type) {
    case 'system':
      return null;
    case 'text':
      return handleText(turn, content.text);
    case 'interactive':
      return handleReply(turn, content.replyId);
    case 'location':
      if (turn.session.state.step === 'address') return handleAddressPin(turn, content);
      return renderStep(turn, t.locationOutside);
    case 'media':
      if (content.caption?.trim() && (content.mediaKind === 'image' || content.mediaKind === 'video')) {
        return handleText(turn, content.caption);
      }
      return renderStep(turn, nonTextNotice(content));
    case 'reaction': {
      const notice = nonTextNotice(content);
      return notice ? renderStep(turn, notice) : null;
    }
    default:
      return renderStep(turn, nonTextNotice(content));
  }
}
