// What the customer types or taps during an order: quantities, cart actions, edits.
import { findActiveProduct } from '../../catalog/index.ts';
import { t } from '../conversations.messages.ts';
import { asksForMore, parseOptionNumber, wantsToAddMore, wantsToChange, wantsToFinish } from '../nlu/intents.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { parseBareQuantity } from '../nlu/order-lines.ts';
import { show, type Outcome, type StateOf } from './flow.ts';
import { lineToRemove } from './cancel.ts';
import { continueOrder, tryOrderText } from './order-lines.ts';
import { askQuantity, askQuantityFor, putInCart, removeLine, removeProduct, showCart, showEdit, showPickList, startOrder } from './order-screens.ts';
import type { Turn } from './turn.ts';
import { requestOf, saysNo, saysYes } from './understood.ts';

/** "Finalizar pedido": the summary when the address is known already, else the address question. */
export const finishOrder = (turn: Turn): Outcome => show(turn.session.delivery ? { step: 'confirm' } : { step: 'address', addressIds: [] });

/** Sets the cart quantity of a product (a tap on set:<id>:<n> or a typed number while editing). */
export async function setQuantity(turn: Turn, productId: string, quantity: number): Promise<Outcome> {
  if (quantity === 0) return removeProduct(turn, productId);
  const product = await findActiveProduct(turn.tx, productId);
  if (!product) return showCart(turn, removeLine(turn, productId) ?? t.productGone);
  const outcome = putInCart(turn, product, quantity, null, 'set');
  return outcome.ok ? showCart(turn, outcome.message) : askQuantity(turn, product, 'set', outcome.message);
}

/** A tap on qty:<id>:<n> from the quantity prompt. */
export async function addQuantity(turn: Turn, productId: string, quantity: number): Promise<Outcome> {
  const product = await findActiveProduct(turn.tx, productId);
  if (!product) return startOrder(turn, t.productGone);
  const outcome = putInCart(turn, product, quantity, null, 'add');
  if (!outcome.ok) return askQuantity(turn, product, 'add', outcome.message);
  return continueOrder(turn, outcome.message);
}

export async function handleQuantityText(turn: Turn, state: StateOf<'quantity'>, text: string): Promise<Outcome | null> {
  const q = parseBareQuantity(text) ?? parseBareQuantity(requestOf(turn, text) || text);
  if (q === null) {
    if (state.mode === 'set' && /^(quitar|quita|eliminar|borrar|ninguno|nada)$/.test(normalizeText(text))) {
      return removeProduct(turn, state.productId);
    }
    return tryOrderText(turn, text, { explicit: false });
  }
  if (state.mode === 'set' && q.quantity === 0) return removeProduct(turn, state.productId);
  const product = await findActiveProduct(turn.tx, state.productId);
  if (!product) return startOrder(turn, t.productGone);
  const outcome = putInCart(turn, product, q.quantity, q.unit, state.mode);
  if (!outcome.ok) return askQuantity(turn, product, state.mode, outcome.message);
  return state.mode === 'set' ? showCart(turn, outcome.message) : continueOrder(turn, outcome.message);
}

export async function handleEditText(turn: Turn, text: string): Promise<Outcome | null> {
  const n = parseOptionNumber(text, Math.min(turn.session.cart.length, 7));
  const line = n !== null ? turn.session.cart[n - 1] : undefined;
  if (line) return askQuantityFor(turn, line.productId, 'set');
  return handleCartText(turn, text);
}

export async function handleCartText(turn: Turn, text: string): Promise<Outcome | null> {
  const removal = lineToRemove(turn, text);
  if (removal) return removeProduct(turn, removal);
  // The cart asks "¿Quieres agregar algo más?": no / "listo" → checkout, yes → more products.
  if (wantsToFinish(text) || saysNo(turn, text)) return finishOrder(turn);
  if (saysYes(turn, text)) return showPickList(turn, 0);
  if (wantsToAddMore(text)) return showPickList(turn, 0);
  if (wantsToChange(text)) return showEdit(turn);
  return tryOrderText(turn, text, { explicit: false });
}

export async function handlePickText(turn: Turn, state: StateOf<'pick'>, text: string): Promise<Outcome | null> {
  if (asksForMore(text)) return showPickList(turn, state.page + 1);
  if (turn.session.cart.length > 0 && wantsToFinish(text)) return finishOrder(turn);
  return tryOrderText(turn, text, { explicit: true });
}
