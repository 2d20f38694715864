// "Repetir mi último pedido": the cart rebuilt from the customer's last order at today's prices
// and stock, then the usual cart, address and confirmation. No steps of its own.
import { Prisma } from '../../../generated/tenant/client.ts';
import { findProductsByIds, type Product } from '../../catalog/index.ts';
import { findOrderByCode, listRecentOrders } from '../../orders/index.ts';
import { MENU_OPTIONS, t } from '../conversations.messages.ts';
import { addToCart, clearOrder, MAX_CART_LINES } from '../sessions/cart.ts';
import type { CartLine } from '../sessions/session.types.ts';
import { show, type FlowDef, type Outcome } from './flow.ts';
import { soldByWeight } from './quantity-rules.ts';
import type { Turn } from './turn.ts';
import { amountOf, unitPrice } from './views.ts';

// Compared word by word with the typo tolerance of the intents ("lo mizmo de la otra ves").
// "lo mismo" alone is not here: "me da lo mismo" means "whichever".
const PHRASES = [
  'lo mismo de la otra vez', 'lo mismo que la otra vez', 'lo mismo de la vez pasada', 'lo mismo que la vez pasada',
  'lo mismo de la ultima vez', 'lo mismo que la ultima vez', 'lo mismo de siempre', 'lo mismo que siempre',
  'lo mismo de antes', 'lo mismo que antes', 'lo mismo que pedi', 'otra vez lo mismo', 'de nuevo lo mismo',
  'quiero lo mismo', 'dame lo mismo', 'mandame lo mismo', 'traeme lo mismo', 'pedir lo mismo', 'pido lo mismo',
  'lo de siempre', 'lo de la otra vez', 'lo de la vez pasada', 'lo de la ultima vez',
  'mismo pedido', 'pedido de siempre', 'repetir pedido', 'repetir mi pedido', 'repetir el pedido',
  'repetir mi ultimo pedido', 'repetir el ultimo pedido', 'repetir la orden', 'repetir mi orden', 'repetir mi compra',
  'repite mi pedido', 'repite el pedido', 'repiteme el pedido',
];

/** Whether the customer has ordered before: asked once per session, kept in it. */
async function hasOrdered(turn: Turn): Promise<boolean> {
  turn.session.ordered ??= (await listRecentOrders(turn.tx, turn.customer.id, 1)).length > 0;
  return turn.session.ordered;
}

/** What of `wanted` can be sold today: all of it, what is left in stock (whole pieces), or 0. */
function availableNow(p: Product, wanted: Prisma.Decimal): Prisma.Decimal {
  if (p.stock === null || p.stock.gte(wanted)) return wanted;
  const left = soldByWeight(p.unit) ? p.stock : p.stock.floor();
  return Prisma.Decimal.max(left, 0);
}

type Rebuilt = { cart: CartLine[]; notes: string[] };

/** The last order's lines at today's prices and stock, and what the customer should know about it. */
function rebuild(turn: Turn, items: { productId: string; productName: string; unit: string; unitPrice: Prisma.Decimal; quantity: Prisma.Decimal }[], products: Map<string, Product>): Rebuilt {
  const gone: string[] = [];
  const soldOut: string[] = [];
  const capped: string[] = [];
  const repriced: string[] = [];
  let cart: CartLine[] = [];
  let full = false;
  for (const item of items) {
    const p = products.get(item.productId);
    if (!p || !p.isActive) {
      gone.push(item.productName);
      continue;
    }
    const quantity = availableNow(p, item.quantity);
    if (quantity.lte(0)) {
      soldOut.push(p.name);
      continue;
    }
    if (cart.length >= MAX_CART_LINES) {
      full = true;
      break;
    }
    if (quantity.lt(item.quantity)) capped.push(amountOf(quantity, p));
    if (!p.price.eq(item.unitPrice)) repriced.push(t.priceChange(p.name, unitPrice(turn, { price: item.unitPrice, unit: item.unit }), unitPrice(turn, p)));
    cart = addToCart(cart, p, quantity);
  }
  const notes = [
    gone.length > 0 ? t.repeatGone(gone) : null,
    soldOut.length > 0 ? t.repeatSoldOut(soldOut) : null,
    capped.length > 0 ? t.repeatCapped(capped) : null,
    repriced.length > 0 ? t.repeatPriceChanged(repriced) : null,
    full ? t.cartFull(MAX_CART_LINES) : null,
  ];
  return { cart, notes: notes.filter((n): n is string => n !== null) };
}

async function repeatLastOrder(turn: Turn): Promise<Outcome> {
  const [last] = await listRecentOrders(turn.tx, turn.customer.id, 1);
  turn.session.ordered = last !== undefined;
  const order = last ? await findOrderByCode(turn.tx, last.orderCode) : null;
  if (!order) return show({ step: 'menu' }, t.repeatNoOrders);
  const products = new Map((await findProductsByIds(turn.tx, order.items.map((i) => i.productId))).map((p) => [p.id, p]));
  const { cart, notes } = rebuild(turn, order.items, products);
  // Nothing of it is sold today: the order in progress, if any, stays as it was.
  if (cart.length === 0) return show({ step: 'pick', page: 0 }, t.repeatNothingLeft(order.orderCode));
  const replaced = turn.session.cart.length > 0;
  clearOrder(turn.session);
  turn.session.cart = cart;
  return show({ step: 'cart' }, [t.repeatIntro(order.orderCode), replaced ? t.repeatReplaced : null, ...notes].filter(Boolean).join('\n'));
}

export const repeatOrderFlow: FlowDef = {
  name: 'repeat',
  start: repeatLastOrder,
  // Only for customers who have ordered; last in the menu, so the numbers of the others stay put.
  menuOption: { key: 'repeat', ...MENU_OPTIONS.repeat, visible: hasOrdered },
  understands: { phrases: PHRASES, first: true },
  steps: {},
};
