// What the customer types or taps during an order: quantities, cart actions, edits.
import { findActiveProduct } from '../../catalog/index.ts';
import { t } from '../conversations.messages.ts';
import { asksForMore, isAffirmative, isNegative, parseOptionNumber, wantsToAddMore, wantsToChange, wantsToFinish } from '../nlu/intents.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { parseBareQuantity, parseOrderLines } from '../nlu/order-lines.ts';
import { matchProduct } from '../nlu/product-matcher.ts';
import { finishOrder } from './checkout.flow.ts';
import { continueOrder, handleChooseText, tryOrderText } from './order-lines.flow.ts';
import { askQuantity, askQuantityFor, putInCart, removeLine, showCart, showEdit, showPickList, startOrder } from './order.flow.ts';
import type { Reply, Turn } from './turn.ts';

const REMOVE_WORDS = /^(quitar|quita|quitame|quite|sin|elimina|eliminar|borra|borrar|saca|sacar|cancela|cancelar|cancelame)\b\s*/;

/** Sets the cart quantity of a product (a tap on set:<id>:<n> or a typed number while editing). */
export async function setQuantity(turn: Turn, productId: string, quantity: number): Promise<Reply> {
  if (quantity === 0) return removeProduct(turn, productId);
  const product = await findActiveProduct(turn.tx, productId);
  if (!product) return showCart(turn, removeLine(turn, productId) ?? t.productGone);
  const outcome = putInCart(turn, product, quantity, null, 'set');
  return outcome.ok ? showCart(turn, outcome.message) : askQuantity(turn, product, 'set', outcome.message);
}

export async function removeProduct(turn: Turn, productId: string): Promise<Reply> {
  return showCart(turn, removeLine(turn, productId));
}

/** A tap on qty:<id>:<n> from the quantity prompt. */
export async function addQuantity(turn: Turn, productId: string, quantity: number): Promise<Reply> {
  const product = await findActiveProduct(turn.tx, productId);
  if (!product) return startOrder(turn, t.productGone);
  const outcome = putInCart(turn, product, quantity, null, 'add');
  if (!outcome.ok) return askQuantity(turn, product, 'add', outcome.message);
  return continueOrder(turn, outcome.message);
}

async function handleQuantityText(turn: Turn, text: string): Promise<Reply | null> {
  const state = turn.session.state;
  if (state.step !== 'quantity') return null;
  const q = parseBareQuantity(text);
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

/**
 * "quita el tomate", "sin cebolla", "cancela el garrafón": the cart line the customer wants
 * out, or null when the text does not name exactly one of them.
 */
export function lineToRemove(turn: Turn, text: string): string | null {
  const norm = normalizeText(text);
  const removal = REMOVE_WORDS.exec(norm);
  if (!removal || turn.session.cart.length === 0) return null;
  const rest = norm.slice(removal[0].length);
  if (parseOrderLines(rest).length === 0) return null;
  const m = matchProduct(rest, turn.session.cart.map((l) => ({ id: l.productId, name: l.name })));
  return m.kind === 'unique' ? m.product.id : null;
}

async function handleEditText(turn: Turn, text: string): Promise<Reply | null> {
  const n = parseOptionNumber(text, Math.min(turn.session.cart.length, 7));
  const line = n !== null ? turn.session.cart[n - 1] : undefined;
  if (line) return askQuantityFor(turn, line.productId, 'set');
  return handleCartText(turn, text);
}

async function handleCartText(turn: Turn, text: string): Promise<Reply | null> {
  const removal = lineToRemove(turn, text);
  if (removal) return removeProduct(turn, removal);
  // The cart asks "¿Quieres agregar algo más?": no / "listo" → checkout, yes → more products.
  if (wantsToFinish(text) || isNegative(text)) return finishOrder(turn);
  if (isAffirmative(text)) return showPickList(turn, 0);
  if (wantsToAddMore(text)) return showPickList(turn, 0);
  if (wantsToChange(text)) return showEdit(turn);
  return tryOrderText(turn, text, { explicit: false });
}

async function handlePickText(turn: Turn, text: string): Promise<Reply | null> {
  const state = turn.session.state;
  if (state.step === 'pick' && asksForMore(text)) return showPickList(turn, state.page + 1);
  if (turn.session.cart.length > 0 && wantsToFinish(text)) return finishOrder(turn);
  return tryOrderText(turn, text, { explicit: true });
}

/** Text during an order step; null when the step has nothing to say about it. */
export async function handleOrderStepText(turn: Turn, text: string): Promise<Reply | null> {
  const state = turn.session.state;
  switch (state.step) {
    case 'pick':
      return handlePickText(turn, text);
    case 'choose':
      return handleChooseText(turn, text, parseOptionNumber(text, state.options.length));
    case 'quantity':
      return handleQuantityText(turn, text);
    case 'cart':
      return handleCartText(turn, text);
    case 'edit':
      return handleEditText(turn, text);
    default:
      return null;
  }
}
