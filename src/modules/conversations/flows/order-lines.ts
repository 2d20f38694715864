// Orders typed as free text: "dos kilos de tomate y 1 de cebolla" becomes cart lines, asking
// "which one?" for ambiguous names and the quantity when a single product came without one.
import { findActiveProduct, listAllActiveProducts, type Product } from '../../catalog/index.ts';
import { t } from '../conversations.messages.ts';
import { detectIntent, smallTalk } from '../nlu/intents.ts';
import { parseOrderLines, type ParsedLine } from '../nlu/order-lines.ts';
import { matchProduct } from '../nlu/product-matcher.ts';
import type { QueuedLine } from '../sessions/session.types.ts';
import type { Outcome } from './flow.ts';
import { askQuantity, putInCart, showCart, showChoose, showPickList, startOrder } from './order-screens.ts';
import type { Turn } from './turn.ts';
import { requestOf } from './understood.ts';

type Resolution =
  | { kind: 'found'; line: QueuedLine; product: Product }
  | { kind: 'ambiguous'; line: QueuedLine; options: Product[] }
  | { kind: 'unknown'; line: QueuedLine };

async function resolveLines(turn: Turn, lines: QueuedLine[]): Promise<Resolution[]> {
  const products = await listAllActiveProducts(turn.tx);
  return lines.map((line) => {
    const m = matchProduct(line.productQuery, products);
    if (m.kind === 'unique') return { kind: 'found', line, product: m.product };
    if (m.kind === 'ambiguous') return { kind: 'ambiguous', line, options: m.options };
    return { kind: 'unknown', line };
  });
}

const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n') || null;

/**
 * Applies resolved lines: adds what is clear, asks about the first ambiguous line (the rest
 * wait in the session queue) or for the quantity of a lone product, and reports what was
 * not found. Ends on the screen that lets the customer continue.
 */
async function applyResolutions(turn: Turn, resolved: Resolution[], notice: string | null): Promise<Outcome> {
  const notes: string[] = notice ? [notice] : [];
  const unknown: string[] = [];
  const queue: QueuedLine[] = [];
  let choose: Extract<Resolution, { kind: 'ambiguous' }> | null = null;
  let ask: Product | null = null;
  let added = false;
  for (const r of resolved) {
    if (r.kind === 'unknown') unknown.push(r.line.productQuery);
    else if (r.kind === 'ambiguous') {
      if (choose) queue.push(r.line);
      else choose = r;
    } else if (r.line.quantity === null && resolved.length === 1) ask = r.product;
    else {
      const outcome = putInCart(turn, r.product, r.line.quantity ?? 1, r.line.unit, 'add');
      notes.push(outcome.message);
      added ||= outcome.ok;
    }
  }
  if (unknown.length > 0) notes.push(t.notFound(unknown));
  if (unknown.length === resolved.length) turn.unplaced = true;
  turn.session.queue = queue;
  const text = join(notes);
  if (choose) return showChoose(turn, choose.line.productQuery, choose.options, choose.line, text);
  if (ask) return askQuantity(turn, ask, 'add', text);
  if (added || turn.session.cart.length > 0) return showCart(turn, text);
  return showPickList(turn, 0, text);
}

/**
 * Reads the text as an order. `explicit`: the customer is clearly ordering (order intent or an
 * order step), so names we do not sell are reported; otherwise text that names no product is
 * left for the caller (null) to handle as something else.
 */
export async function tryOrderText(turn: Turn, text: string, opts: { explicit: boolean }): Promise<Outcome | null> {
  // "jaja", "ok", "gracias" are never products we lack.
  if (smallTalk(text) !== null) return null;
  // Greetings, filler and delivery times are not products ("para mañana" ≠ "Manzana").
  const lines: ParsedLine[] = parseOrderLines(requestOf(turn, text));
  if (lines.length === 0) return null;
  const resolved = await resolveLines(turn, lines);
  if (resolved.every((r) => r.kind === 'unknown')) {
    // "catálogo" or "gracias" typed while ordering are not products we lack.
    const intent = detectIntent(text);
    if (intent !== null && intent !== 'order') return null;
    if (!opts.explicit && lines.every((l) => l.quantity === null)) return null;
  }
  return applyResolutions(turn, resolved, null);
}

/**
 * True when every line of the text has a quantity and names exactly one product we sell:
 * "3 piezas de pan" typed where an address was expected is an order, "Calle 5 de Mayo" is not.
 */
export async function isClearOrder(turn: Turn, text: string): Promise<boolean> {
  const lines = parseOrderLines(requestOf(turn, text));
  if (lines.length === 0 || lines.some((l) => l.quantity === null)) return false;
  const resolved = await resolveLines(turn, lines);
  return resolved.every((r) => r.kind === 'found');
}

/** After a line is settled, goes on with the lines still waiting, or shows the cart. */
export async function continueOrder(turn: Turn, notice: string | null): Promise<Outcome> {
  const queue = turn.session.queue;
  if (queue.length === 0) return showCart(turn, notice);
  turn.session.queue = [];
  return applyResolutions(turn, await resolveLines(turn, queue), notice);
}

/** The customer picked one of the "which one?" options (or a product from an older list). */
export async function pickOption(turn: Turn, productId: string): Promise<Outcome> {
  const state = turn.session.state;
  const product = await findActiveProduct(turn.tx, productId);
  if (!product) return startOrder(turn, t.productGone);
  if (state.step !== 'choose' || !state.options.includes(productId) || state.quantity === null) {
    return askQuantity(turn, product, 'add');
  }
  const outcome = putInCart(turn, product, state.quantity, state.unit, 'add');
  if (!outcome.ok) return askQuantity(turn, product, 'add', outcome.message);
  return continueOrder(turn, outcome.message);
}

/** Text typed while choosing among options: a number, a name among them, or a new order. */
export async function handleChooseText(turn: Turn, text: string, pickNumber: number | null): Promise<Outcome | null> {
  const state = turn.session.state;
  if (state.step !== 'choose') return null;
  const chosen = pickNumber !== null ? state.options[pickNumber - 1] : undefined;
  if (chosen) return pickOption(turn, chosen);
  if (parseOrderLines(requestOf(turn, text)).some((l) => l.quantity !== null)) return tryOrderText(turn, text, { explicit: false });
  const options = (await listAllActiveProducts(turn.tx)).filter((p) => state.options.includes(p.id));
  const m = matchProduct(text, options);
  if (m.kind === 'unique') return pickOption(turn, m.product.id);
  return tryOrderText(turn, text, { explicit: false });
}
