// When a message does not move the conversation (not understood, a sticker, an old button):
// a short, kind notice and the current step's options again. Never silence.
import type { InboundContent } from '../../channels/messages.types.ts';
import { t } from '../conversations.messages.ts';
import type { BaseState } from '../sessions/session.types.ts';
import { buttons, withNotice } from '../whatsapp-limits.ts';
import { showCatalogPage, showProductDetail } from './catalog.flow.ts';
import { askAddress, showSummary } from './checkout.flow.ts';
import { showMenu } from './menu.flow.ts';
import { askQuantityFor, showCart, showChoose, showEdit, showPickList } from './order.flow.ts';
import { findProductsByIds } from '../../catalog/index.ts';
import { goTo, type Reply, type Turn } from './turn.ts';
import { cartLinesText, cartTotalText } from './views.ts';

async function renderBase(turn: Turn, state: BaseState, notice: string | null): Promise<Reply> {
  switch (state.step) {
    case 'menu':
    case 'advisor':
      return showMenu(turn, notice);
    case 'catalog':
      return showCatalogPage(turn, state.page, notice);
    case 'product':
      return showProductDetail(turn, state.productId, notice);
    case 'pick':
      return showPickList(turn, state.page, notice);
    case 'choose': {
      const options = await findProductsByIds(turn.tx, state.options);
      const active = options.filter((p) => p.isActive);
      if (active.length === 0) return showPickList(turn, 0, notice);
      return showChoose(turn, state.query, active, state, notice);
    }
    case 'quantity':
      return askQuantityFor(turn, state.productId, state.mode, notice);
    case 'cart':
      return showCart(turn, notice);
    case 'edit':
      return showEdit(turn, notice);
    case 'address':
      return askAddress(turn, notice);
    case 'confirm':
      return showSummary(turn, notice);
  }
}

/** The current step's message again, with a notice above it. */
export async function renderStep(turn: Turn, notice: string | null): Promise<Reply> {
  const state = turn.session.state;
  if (state.step === 'resume') return showResume(turn, state.back, notice);
  return renderBase(turn, state, notice);
}

export async function resumeStep(turn: Turn, back: BaseState): Promise<Reply> {
  goTo(turn, back);
  return renderBase(turn, back, null);
}

/** "¿Seguimos con tu pedido?" with the cart, for a customer back after a while. */
export function showResume(turn: Turn, back: BaseState, notice?: string | null): Reply {
  goTo(turn, { step: 'resume', back });
  const cart = turn.session.cart;
  return withNotice(notice, buttons(t.resumeBody(cartLinesText(turn, cart), cartTotalText(turn, cart)), [
    { id: 'resume:yes', title: t.resumeYes },
    { id: 'resume:restart', title: t.resumeRestart },
  ]));
}

/** A kind answer for messages that are not text; null when nothing should be said. */
export function nonTextNotice(content: InboundContent): string | null {
  switch (content.type) {
    case 'media':
      if (content.mediaKind === 'audio') return t.audio;
      return t[content.mediaKind];
    case 'reaction':
      return content.emoji ? t.reaction : null;
    case 'contacts':
      return t.contacts;
    case 'order':
      return t.waCart;
    case 'unsupported':
      return t.unsupported;
    case 'location':
      return t.locationOutside;
    default:
      return null;
  }
}
