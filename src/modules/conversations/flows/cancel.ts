// What "cancelar" means: "cancela el tomate" takes that line out; otherwise the order in
// progress (cart, address, lines waiting) is dropped and the menu shown; with none in progress,
// the placed order that can still be cancelled (asked first), or who to ask.
import { t } from '../conversations.messages.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { parseOrderLines } from '../nlu/order-lines.ts';
import { matchProduct } from '../nlu/product-matcher.ts';
import { clearOrder } from '../sessions/cart.ts';
import { show, type WordHandler } from './flow.ts';
import { applyCartEdit } from './cart-edits.ts';
import { removeProduct } from './order-screens.ts';
import { cancelPlacedOrder } from './placed-orders.ts';
import { understood } from './understood.ts';
import type { Turn } from './turn.ts';

const REMOVE_WORDS = /^(quitar|quita|quitame|quite|sin|elimina|eliminar|borra|borrar|saca|sacar|cancela|cancelar|cancelame)\b\s*/;

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

/**
 * "cancelar" at a step. `midOrder`: the step is part of an order, so there is always something
 * to cancel; elsewhere only a cart is ("No tienes ningún pedido en curso" otherwise).
 */
export function cancelling(opts: { midOrder: boolean }): WordHandler {
  return async (turn, text) => {
    const line = lineToRemove(turn, text);
    if (line) return removeProduct(turn, line);
    const meaning = text ? understood(turn, text) : null;
    // "ya no quiero el tomate": that line, not the whole order.
    const edit = meaning?.edit;
    if (edit?.kind === 'remove' && edit.target && turn.session.cart.length > 0) {
      const removed = await applyCartEdit(turn, edit);
      if (removed) return removed;
    }
    // "cancela el P-1003": that placed order, whatever is in the cart.
    if (meaning?.orderCode) return (await cancelPlacedOrder(turn, meaning.orderCode)) ?? show({ step: 'menu' }, t.nothingToCancel);
    const inProgress = opts.midOrder || turn.session.cart.length > 0;
    if (inProgress) {
      clearOrder(turn.session);
      return show({ step: 'menu' }, t.cancelled);
    }
    // Nothing being built: the order placed last, if it can still be cancelled.
    return (await cancelPlacedOrder(turn, undefined)) ?? show({ step: 'menu' }, t.nothingToCancel);
  };
}

export const cancelOrder = cancelling({ midOrder: true });
export const cancelIfAny = cancelling({ midOrder: false });
