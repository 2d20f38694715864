// "Hacer un pedido": products and quantities, the cart, checkout (address, summary,
// confirmation) and "¿Seguimos con tu pedido?" after a pause. The screens and handlers live in
// order-screens.ts, order-lines.ts, order-steps.ts and checkout.ts; this is the table.
import { findProductsByIds } from '../../catalog/index.ts';
import { MENU_OPTIONS, t } from '../conversations.messages.ts';
import { parseOptionNumber, wantsToRestart } from '../nlu/intents.ts';
import { clearOrder } from '../sessions/cart.ts';
import type { BaseState } from '../sessions/session.types.ts';
import { buttons, withNotice } from '../whatsapp-limits.ts';
import { cancelOrder } from './cancel.ts';
import { pickupAllowed } from './checkout-rules.ts';
import { askAddress, askNewAddress, choosePickup, chooseSavedAddress, confirmOrder, handleAddressPin, handleAddressText, handleConfirmText, showSummary, usePin } from './checkout.ts';
import { idArg, intArg, reread, show, toMenu, when, type FlowDef, type Outcome, type TextOutcome } from './flow.ts';
import { handleChooseText, pickOption } from './order-lines.ts';
import { askQuantityFor, removeProduct, showCart, showChoose, showEdit, showPickList, startOrder } from './order-screens.ts';
import { addQuantity, finishOrder, handleCartText, handleEditText, handlePickText, handleQuantityText, setQuantity } from './order-steps.ts';
import { goTo, type Turn } from './turn.ts';
import { saysNo, saysYes } from './understood.ts';
import { cartLinesText, cartTotalText, shopExamples } from './views.ts';

/** A tap's product id, when that product is in the cart. */
const lineId = (turn: Turn, v: string | undefined): string | null => {
  const id = idArg(v);
  return id !== null && turn.session.cart.some((l) => l.productId === id) ? id : null;
};

/** Runs `f` when both tap arguments are there, else null (a stale or malformed tap). */
const both = <A, B>(a: A | null, b: B | null, f: (a: A, b: B) => Promise<Outcome> | Outcome) => (a !== null && b !== null ? f(a, b) : null);

/** "¿Seguimos con tu pedido?" with the cart, for a customer back after a while. */
function showResume(turn: Turn, back: BaseState, notice: string | null): Outcome {
  goTo(turn, { step: 'resume', back });
  const cart = turn.session.cart;
  return withNotice(notice, buttons(t.resumeBody(cartLinesText(turn, cart), cartTotalText(turn, cart)), [
    { id: 'resume:yes', title: t.resumeYes },
    { id: 'resume:restart', title: t.resumeRestart },
  ]));
}

/** "Empezar de nuevo": an empty order, from the product list. */
function restartOrder(turn: Turn): Promise<Outcome> {
  clearOrder(turn.session);
  return showPickList(turn, 0);
}

function readResumeText(turn: Turn, back: BaseState, text: string): Promise<Outcome> | TextOutcome {
  if (wantsToRestart(text) || saysNo(turn, text)) return restartOrder(turn);
  if (saysYes(turn, text)) return show(back);
  // Anything else ("2 garrafones", an address…) is read as if the question had not been asked.
  return reread(back);
}

/** "Which one?" again: the options still sold, or the product list when none is. */
async function renderChoose(turn: Turn, state: { query: string; options: string[]; quantity: number | null; unit: string | null }, notice: string | null) {
  const active = (await findProductsByIds(turn.tx, state.options)).filter((p) => p.isActive);
  if (active.length === 0) return showPickList(turn, 0, notice);
  return showChoose(turn, state.query, active, state, notice);
}

export const orderFlow: FlowDef = {
  name: 'order',
  start: (turn) => startOrder(turn),
  menuOption: { key: 'order', ...MENU_OPTIONS.order },
  understands: { intent: 'order' },
  cancel: cancelOrder,
  menu: toMenu,
  hint: () => t.hintCart,
  steps: {
    pick: {
      render: (turn, s, notice) => showPickList(turn, s.page, notice),
      text: handlePickText,
      resumable: true,
      hint: async (turn) => t.hintPick(turn.session.cart.length, (await shopExamples(turn, 1))[0]),
    },
    choose: {
      render: renderChoose,
      text: (turn, s, text) => handleChooseText(turn, text, parseOptionNumber(text, s.options.length)),
      resumable: true,
      hint: () => t.hintChoose,
    },
    quantity: {
      render: (turn, s, notice) => askQuantityFor(turn, s.productId, s.mode, notice),
      text: handleQuantityText,
      taps: {
        // Only the prompt being answered: an older prompt's button would add to the wrong line.
        qty: (turn, [id, n], s) => (s.mode === 'add' && idArg(id) === s.productId ? when(intArg(n), (q) => addQuantity(turn, s.productId, q)) : null),
      },
      resumable: true,
      hint: () => t.qtyPrompt,
    },
    cart: { render: (turn, _s, notice) => showCart(turn, notice), text: (turn, _s, text) => handleCartText(turn, text), resumable: true },
    edit: { render: (turn, _s, notice) => showEdit(turn, notice), text: (turn, _s, text) => handleEditText(turn, text), resumable: true },
    address: {
      render: (turn, _s, notice) => askAddress(turn, notice),
      text: handleAddressText,
      pin: (turn, _s, pin) => handleAddressPin(turn, pin),
      taps: {
        addr: (turn, [a]) => {
          if (a === 'new') return askNewAddress(turn);
          if (a === 'pickup') return pickupAllowed(turn) ? choosePickup(turn) : askAddress(turn, t.staleButton);
          if (a === 'pin') return turn.session.pin ? usePin(turn, turn.session.pin) : askAddress(turn, t.staleButton);
          return when(idArg(a), (id) => chooseSavedAddress(turn, id));
        },
      },
      freeText: true,
      resumable: true,
    },
    confirm: {
      render: (turn, _s, notice) => showSummary(turn, notice),
      text: (turn, _s, text) => handleConfirmText(turn, text),
      // A pin sent at the summary: the order goes there instead.
      pin: (turn, _s, pin) => handleAddressPin(turn, pin),
      // confirm:yes only counts on the summary: a tap on an older one never orders twice.
      taps: { confirm: (turn, [a], _s, here) => (a === 'yes' ? confirmOrder(turn) : a === 'change' ? showEdit(turn) : a === 'cancel' ? here.cancel() : null) },
      resumable: true,
      hint: () => t.hintConfirm,
    },
    resume: {
      render: (turn, s, notice) => showResume(turn, s.back, notice),
      text: (turn, s, text) => readResumeText(turn, s.back, text),
      taps: { resume: (turn, [a], s) => (a === 'yes' ? show(s.back) : a === 'restart' ? restartOrder(turn) : null) },
      hint: () => t.hintResume,
    },
  },
  // Ids of product lists and cart buttons: still meaningful on an older message.
  taps: {
    add: (turn, [a]) => when(idArg(a), (id) => askQuantityFor(turn, id, 'add')),
    pick: (turn, [a, n]) => (a === 'page' ? when(intArg(n), (page) => showPickList(turn, page)) : when(idArg(a), (id) => pickOption(turn, id))),
    set: (turn, [a, n]) => both(lineId(turn, a), intArg(n), (id, q) => setQuantity(turn, id, q)),
    del: (turn, [a]) => when(lineId(turn, a), (id) => removeProduct(turn, id)),
    edit: (turn, [a]) => when(lineId(turn, a), (id) => askQuantityFor(turn, id, 'set')),
    cart: (turn, [a], _s, here) => {
      if (a === 'more') return showPickList(turn, 0);
      if (a === 'finish') return finishOrder(turn);
      if (a === 'cancel') return here.cancel();
      if (a === 'edit') return showEdit(turn);
      if (a === 'address') return turn.session.cart.length > 0 ? askAddress(turn) : null;
      return null;
    },
  },
};
