// Order screens and cart changes: the product picker, the quantity prompt, "which one?",
// the cart summary and the cart editor.
import { countActiveProducts, findActiveProduct, findActiveProductsPage, formatAmount, type Product } from '../../catalog/index.ts';
import type { ListRow } from '../../messages/index.ts';
import { t } from '../conversations.messages.ts';
import { addToCart, cartIsFull, cartQuantityOf, lineTotal, MAX_CART_LINES, removeFromCart, setInCart } from '../sessions/cart.ts';
import { buttons, list, withNotice } from '../whatsapp-limits.ts';
import { show, type Outcome } from './flow.ts';
import { checkQuantity, soldByWeight } from './quantity-rules.ts';
import { goTo, type Turn } from './turn.ts';
import { chargesHint, closedNow, totalsText } from './checkout-rules.ts';
import { amountOf, cartLinesText, isSoldOut, LIST_ROWS, money, productRow, shopExamples, unitPrice } from './views.ts';

const PAGE = LIST_ROWS - 1;

const joined = (...notes: (string | null | undefined)[]) => notes.filter(Boolean).join('\n') || null;

/**
 * One page of active products as list rows: up to 10 when they all fit, otherwise 9 and a
 * "Ver más" row. Returns null when there are no active products. Small catalogs (one page)
 * cost a single query; the count is only needed to page.
 */
export async function productPage(turn: Turn, requested: number, mode: 'prod' | 'add' | 'pick', moreId: (page: number) => string) {
  const wanted = Math.max(0, requested);
  let items = await findActiveProductsPage(turn.tx, { offset: wanted * PAGE, limit: LIST_ROWS + 1 });
  let page = wanted;
  let pages = 1;
  if (wanted > 0 || items.length > LIST_ROWS) {
    const total = await countActiveProducts(turn.tx);
    pages = total <= LIST_ROWS ? 1 : Math.ceil((total - LIST_ROWS) / PAGE) + 1;
    page = Math.min(wanted, Math.max(0, pages - 1));
    if (page !== wanted) items = await findActiveProductsPage(turn.tx, { offset: page * PAGE, limit: LIST_ROWS + 1 });
  }
  if (items.length === 0) return null;
  const last = page >= pages - 1;
  const rows: ListRow[] = (last ? items.slice(0, LIST_ROWS) : items.slice(0, PAGE)).map((p) => productRow(turn, p, mode));
  if (!last) rows.push({ id: moreId(page + 1), title: t.moreRow, description: t.moreRowDescription(page + 1, pages) });
  return { rows, page, pages };
}

export async function showPickList(turn: Turn, requested: number, notice?: string | null): Promise<Outcome> {
  const result = await productPage(turn, requested, 'add', (p) => `pick:page:${p}`);
  if (!result) return show({ step: 'menu' }, [notice, t.emptyCatalog].filter(Boolean).join('\n\n'));
  goTo(turn, { step: 'pick', page: result.page });
  const body = t.pickBody(turn.session.cart.length, await shopExamples(turn, 2));
  return withNotice(notice, list(body, t.pickButton, t.productsSection, result.rows));
}

export async function startOrder(turn: Turn, notice?: string | null): Promise<Outcome> {
  if (turn.session.cart.length > 0) return showCart(turn, notice);
  // Outside the shop's hours: said before the customer picks anything (and, when the shop takes
  // no orders then, nothing to pick).
  const closed = closedNow(turn);
  if (closed && !closed.acceptsOrders) return show({ step: 'menu' }, joined(notice, closed.text));
  return showPickList(turn, 0, joined(notice, closed?.text));
}

/** The cart's totals with the shop's delivery rule, and what is missing for its minimum or free delivery. */
const cartTotals = (turn: Turn) => [totalsText(turn), chargesHint(turn)].filter(Boolean).join('\n');

export async function askQuantity(turn: Turn, product: Product, mode: 'add' | 'set', notice?: string | null): Promise<Outcome> {
  if (mode === 'add' && isSoldOut(product)) return startOrder(turn, joined(notice, t.soldOut(product.name)));
  goTo(turn, { step: 'quantity', productId: product.id, mode });
  if (mode === 'set') {
    const current = formatAmount(cartQuantityOf(turn.session.cart, product.id), product.unit);
    return withNotice(notice, buttons(t.askNewQuantity(product.name, current), [
      { id: `set:${product.id}:1`, title: '1' },
      { id: `set:${product.id}:2`, title: '2' },
      { id: `del:${product.id}`, title: t.removeButton },
    ]));
  }
  const body = t.askQuantity(product.name, unitPrice(turn, product), soldByWeight(product.unit));
  return withNotice(notice, buttons(body, [1, 2, 3].map((n) => ({ id: `qty:${product.id}:${n}`, title: String(n) }))));
}

export async function askQuantityFor(turn: Turn, productId: string, mode: 'add' | 'set', notice?: string | null): Promise<Outcome> {
  const product = await findActiveProduct(turn.tx, productId);
  if (!product) return startOrder(turn, t.productGone);
  return askQuantity(turn, product, mode, notice);
}

export function showChoose(turn: Turn, query: string, options: Product[], pending: { quantity: number | null; unit: string | null }, notice?: string | null): Outcome {
  goTo(turn, { step: 'choose', query, options: options.map((o) => o.id), quantity: pending.quantity, unit: pending.unit });
  const rows = options.slice(0, LIST_ROWS).map((p) => productRow(turn, p, 'pick'));
  return withNotice(notice, list(t.chooseBody(query), t.chooseButton, t.productsSection, rows));
}

export type AddOutcome = { ok: boolean; message: string };

/** Adds (or sets) a quantity of a product in the cart, enforcing quantity rules and stock. */
export function putInCart(turn: Turn, product: Product, typed: number, typedUnit: string | null, mode: 'add' | 'set'): AddOutcome {
  const check = checkQuantity(product, typed, typedUnit);
  if (!check.ok) return { ok: false, message: check.message };
  const cart = turn.session.cart;
  if (cartIsFull(cart, product.id)) return { ok: false, message: t.cartFull(MAX_CART_LINES) };
  const total = mode === 'add' ? cartQuantityOf(cart, product.id).add(check.quantity) : check.quantity;
  if (product.stock !== null && product.stock.lte(0)) return { ok: false, message: t.soldOut(product.name) };
  if (product.stock !== null && product.stock.lt(total)) {
    return { ok: false, message: t.stockShort(amountOf(product.stock, product), product.stock.eq(1)) };
  }
  turn.session.cart = mode === 'add' ? addToCart(cart, product, check.quantity) : setInCart(cart, product, total);
  return { ok: true, message: mode === 'add' ? t.added(amountOf(check.quantity, product)) : t.updated(amountOf(total, product)) };
}

export function removeLine(turn: Turn, productId: string): string | null {
  const line = turn.session.cart.find((l) => l.productId === productId);
  if (!line) return null;
  turn.session.cart = removeFromCart(turn.session.cart, productId);
  return t.removed(line.name);
}

export async function showCart(turn: Turn, notice?: string | null): Promise<Outcome> {
  const cart = turn.session.cart;
  if (cart.length === 0) return showPickList(turn, 0, joined(notice, t.cartEmpty));
  goTo(turn, { step: 'cart' });
  return withNotice(notice, buttons(t.cartBody(cartLinesText(turn, cart), cartTotals(turn)), [
    { id: 'cart:more', title: t.addMore },
    { id: 'cart:finish', title: t.finishOrder },
    { id: 'cart:cancel', title: t.cancel },
  ]));
}

const EDIT_LINE_ROWS = 7;

export async function showEdit(turn: Turn, notice?: string | null): Promise<Outcome> {
  const cart = turn.session.cart;
  if (cart.length === 0) return showPickList(turn, 0, joined(notice, t.cartEmpty));
  goTo(turn, { step: 'edit' });
  const rows: ListRow[] = cart.slice(0, EDIT_LINE_ROWS).map((l) => ({
    id: `edit:${l.productId}`,
    title: l.name,
    description: t.editRowDescription(formatAmount(l.quantity, l.unit), money(turn, lineTotal(l))),
  }));
  rows.push({ id: 'cart:more', title: t.addProductsRow });
  if (turn.session.delivery) rows.push({ id: 'cart:address', title: t.changeAddressRow });
  rows.push({ id: 'cart:finish', title: t.finishOrder });
  const body = t.editBody(cartLinesText(turn, cart), cartTotals(turn));
  return withNotice(notice, list(body, t.editButton, t.editButton, rows));
}

/** Takes a line out of the cart and shows what is left. */
export async function removeProduct(turn: Turn, productId: string): Promise<Outcome> {
  return showCart(turn, removeLine(turn, productId));
}
