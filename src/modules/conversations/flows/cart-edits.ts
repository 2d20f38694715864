// Cart edits typed as text (nlu/understanding.ts `edit`): set a quantity ("mejor que sean 3",
// "ponme sólo 2 de tomate"), replace ("cambia el tomate por cebolla", "en vez de X mejor Y"),
// remove and clear — of a named product or, when none is named, the last line. The cart is shown
// after each change. At the quantity prompt an unnamed "que sean 3" answers that prompt.
import { findActiveProduct, listAllActiveProducts, type Product } from '../../catalog/index.ts';
import { t } from '../conversations.messages.ts';
import { matchProduct } from '../nlu/product-matcher.ts';
import type { Quantity, Understanding } from '../nlu/understanding.ts';
import { clearOrder } from '../sessions/cart.ts';
import type { CartLine } from '../sessions/session.types.ts';
import type { Outcome } from './flow.ts';
import { continueOrder } from './order-lines.ts';
import { askQuantity, putInCart, removeLine, showCart, showChoose } from './order-screens.ts';
import type { Turn } from './turn.ts';

type Edit = NonNullable<Understanding['edit']>;

const typedUnit = (q: Quantity | undefined): string | null => (q?.unit && q.unit !== 'unit' ? q.unit : null);

/** The cart line an edit is about: the named one, or the last one when none is named. */
function lineFor(turn: Turn, target: string | undefined): CartLine | null {
  const cart = turn.session.cart;
  if (!target) return cart[cart.length - 1] ?? null;
  const m = matchProduct(target, cart.map((l) => ({ id: l.productId, name: l.name })));
  return m.kind === 'unique' ? (cart.find((l) => l.productId === m.product.id) ?? null) : null;
}

/** A product of the catalog named in an edit: one, several to choose from, or none. */
async function catalogProduct(turn: Turn, text: string) {
  return matchProduct(text, await listAllActiveProducts(turn.tx));
}

async function setLine(turn: Turn, product: Product, q: Quantity): Promise<Outcome> {
  if (q.value === 0) return showCart(turn, removeLine(turn, product.id));
  const outcome = putInCart(turn, product, q.value, typedUnit(q), 'set');
  return outcome.ok ? showCart(turn, outcome.message) : askQuantity(turn, product, 'set', outcome.message);
}

async function setQuantityOf(turn: Turn, edit: Edit): Promise<Outcome | null> {
  const q = edit.quantity;
  if (!q) return null;
  const state = turn.session.state;
  // "mejor que sean 3" while asked for a quantity: the answer to that prompt.
  if (!edit.target && state.step === 'quantity') {
    const product = await findActiveProduct(turn.tx, state.productId);
    if (!product) return null;
    const outcome = putInCart(turn, product, q.value, typedUnit(q), state.mode);
    if (!outcome.ok) return askQuantity(turn, product, state.mode, outcome.message);
    return state.mode === 'set' ? showCart(turn, outcome.message) : continueOrder(turn, outcome.message);
  }
  const line = lineFor(turn, edit.target);
  if (line) {
    const product = await findActiveProduct(turn.tx, line.productId);
    if (!product) return showCart(turn, removeLine(turn, line.productId) ?? t.productGone);
    return setLine(turn, product, q);
  }
  if (!edit.target) return null;
  // "ponme sólo 2 de tomate" with no tomate yet: that many of it.
  const m = await catalogProduct(turn, edit.target);
  if (m.kind === 'unique') return setLine(turn, m.product, q);
  if (m.kind === 'ambiguous') return showChoose(turn, edit.target, m.options, { quantity: q.value, unit: typedUnit(q) });
  // A "target" that names nothing we sell ("pucha, mejor ponme solo 1") is an interjection: the last line.
  if (turn.session.cart.length > 0) return setQuantityOf(turn, { kind: 'set', quantity: q });
  return showCart(turn, t.notFound([edit.target]));
}

async function replaceLine(turn: Turn, edit: Edit): Promise<Outcome | null> {
  const old = lineFor(turn, edit.target);
  if (!edit.replacement) {
    // "cambia el tomate por 1 kilo": a new quantity, not a new product.
    return edit.replacementQuantity ? setQuantityOf(turn, { kind: 'set', target: edit.target, quantity: edit.replacementQuantity }) : null;
  }
  if (!old) return showCart(turn, edit.target ? t.notInCart(edit.target) : null);
  const m = await catalogProduct(turn, edit.replacement);
  if (m.kind === 'none') return showCart(turn, t.notFound([edit.replacement]));
  const removed = removeLine(turn, old.productId) ? t.replaced(old.name) : null;
  const q = edit.replacementQuantity ?? edit.quantity;
  if (m.kind === 'ambiguous') {
    return showChoose(turn, edit.replacement, m.options, { quantity: q?.value ?? null, unit: typedUnit(q) }, removed);
  }
  // Without a new quantity the old one carries over when it still makes sense for the product.
  const value = q?.value ?? Number(old.quantity);
  const unit = q ? typedUnit(q) : null;
  const outcome = putInCart(turn, m.product, value, unit, 'add');
  if (!outcome.ok) return askQuantity(turn, m.product, 'add', [removed, outcome.message].filter(Boolean).join('\n'));
  return showCart(turn, [removed, outcome.message].filter(Boolean).join('\n'));
}

/** Applies a typed cart edit; null when there is nothing it applies to (left to the other readings). */
export async function applyCartEdit(turn: Turn, edit: Edit): Promise<Outcome | null> {
  const cart = turn.session.cart;
  if (edit.kind === 'clear') {
    if (cart.length === 0) return null;
    clearOrder(turn.session);
    return showCart(turn, t.cartCleared);
  }
  if (edit.kind === 'set') return setQuantityOf(turn, edit);
  if (cart.length === 0) return null;
  if (edit.kind === 'remove') {
    const line = lineFor(turn, edit.target);
    if (!line) return showCart(turn, edit.target ? t.notInCart(edit.target) : null);
    return showCart(turn, removeLine(turn, line.productId));
  }
  return replaceLine(turn, edit);
}
