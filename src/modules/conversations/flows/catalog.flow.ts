// "Ver catálogo": pages of products and a product's detail (with its photo).
import { findActiveProduct, listAllActiveProducts } from '../../catalog/index.ts';
import { MENU_OPTIONS, t } from '../conversations.messages.ts';
import { asksForMore, isAffirmative, wantsToAddMore } from '../nlu/intents.ts';
import { parseOrderLines } from '../nlu/order-lines.ts';
import { matchProduct } from '../nlu/product-matcher.ts';
import { buttons, list, withNotice } from '../whatsapp-limits.ts';
import { cancelIfAny } from './cancel.ts';
import { idArg, intArg, show, toMenu, when, type FlowDef, type Outcome } from './flow.ts';
import { tryOrderText } from './order-lines.ts';
import { askQuantityFor, productPage } from './order-screens.ts';
import { goTo, type Turn } from './turn.ts';
import { isSoldOut, productRow, shopExamples, unitPrice } from './views.ts';

export async function showCatalogPage(turn: Turn, requested: number, notice?: string | null): Promise<Outcome> {
  const result = await productPage(turn, requested, 'prod', (p) => `cat:page:${p}`);
  if (!result) return show({ step: 'menu' }, [notice, t.emptyCatalog].filter(Boolean).join('\n\n'));
  goTo(turn, { step: 'catalog', page: result.page });
  const body = t.catalogBody(turn.company.name, result.page, result.pages, (await shopExamples(turn, 1))[0]);
  return withNotice(notice, list(body, t.catalogButton, t.productsSection, result.rows));
}

export async function showProductDetail(turn: Turn, productId: string, notice?: string | null): Promise<Outcome> {
  const product = await findActiveProduct(turn.tx, productId);
  if (!product) return showCatalogPage(turn, 0, t.productGone);
  goTo(turn, { step: 'product', productId: product.id });
  const soldOut = isSoldOut(product);
  const body = t.productDetail(product.name, product.description, unitPrice(turn, product), soldOut);
  const actions = [
    ...(soldOut ? [] : [{ id: `add:${product.id}`, title: t.addToOrder }]),
    { id: 'menu:catalog', title: t.seeCatalog },
    { id: 'menu:main', title: t.mainMenu },
  ];
  return withNotice(notice, buttons(body, actions, { headerImageUrl: product.imageUrl }));
}

/** A product named in text: its detail, a short list when several match, or null. */
async function showNamedProduct(turn: Turn, text: string): Promise<Outcome | null> {
  const m = matchProduct(text, await listAllActiveProducts(turn.tx));
  if (m.kind === 'unique') return showProductDetail(turn, m.product.id);
  if (m.kind === 'none') return null;
  const rows = m.options.map((p) => productRow(turn, p, 'prod'));
  goTo(turn, { step: 'catalog', page: 0 });
  return list(t.chooseBody(text), t.chooseButton, t.productsSection, rows);
}

/** Text while browsing: "más" pages on, "2 garrafones" orders, a product name shows it. */
async function handleCatalogText(turn: Turn, text: string): Promise<Outcome | null> {
  const state = turn.session.state;
  if (state.step === 'catalog' && asksForMore(text)) return showCatalogPage(turn, state.page + 1);
  if (state.step === 'product' && (wantsToAddMore(text) || isAffirmative(text))) return askQuantityFor(turn, state.productId, 'add');
  if (parseOrderLines(text).some((l) => l.quantity !== null)) {
    const ordered = await tryOrderText(turn, text, { explicit: false });
    if (ordered) return ordered;
  }
  return showNamedProduct(turn, text);
}

export const catalogFlow: FlowDef = {
  name: 'catalog',
  start: (turn) => showCatalogPage(turn, 0),
  menuOption: { key: 'catalog', ...MENU_OPTIONS.catalog },
  understands: { intent: 'catalog' },
  cancel: cancelIfAny,
  menu: toMenu,
  hint: () => t.hintCatalog,
  steps: {
    catalog: { render: (turn, s, notice) => showCatalogPage(turn, s.page, notice), text: (turn, _s, text) => handleCatalogText(turn, text) },
    product: { render: (turn, s, notice) => showProductDetail(turn, s.productId, notice), text: (turn, _s, text) => handleCatalogText(turn, text) },
  },
  taps: {
    cat: (turn, [a, n]) => (a === 'page' ? when(intArg(n), (page) => showCatalogPage(turn, page)) : null),
    prod: (turn, [a]) => when(idArg(a), (id) => showProductDetail(turn, id)),
  },
};
