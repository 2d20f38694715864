// Questions answered from data: price and availability of products from the catalog (the nearest
// products offered when the shop does not carry one), and questions about the shop from its
// settings (business-answers.ts) — never "No entendí". Where the data is missing, the customer
// is told a person will confirm and offered one.
import { listAllActiveProducts, type Product } from '../../catalog/index.ts';
import { t } from '../conversations.messages.ts';
import { normalizeText, sameKey, wordKey } from '../nlu/normalize.ts';
import { isFillerWord } from '../nlu/order-lines.ts';
import { matchProduct } from '../nlu/product-matcher.ts';
import type { Understanding } from '../nlu/understanding.ts';
import { buttons, text } from '../whatsapp-limits.ts';
import { showCurrent, type Outcome } from './flow.ts';
import { askQuantity, showChoose, showPickList } from './order-screens.ts';
import { businessAnswer } from './business-answers.ts';
import type { Turn } from './turn.ts';
import { isSoldOut, unitPrice } from './views.ts';

type Question = NonNullable<Understanding['question']>;

// Steps where answering with the product's quantity prompt keeps the customer where they were
// going; elsewhere (address, summary) the answer goes above the step they are at.
const BROWSING = new Set(['menu', 'catalog', 'product', 'pick', 'cart', 'choose', 'edit']);

const keys = (s: string): string[] => normalizeText(s).split(' ').filter((w) => w !== '' && !isFillerWord(w)).map(wordKey);

/** Every word asked about is in the product's name: "queso oaxaca" is Queso Oaxaca, "queso manchego" is not. */
function coversQuery(query: string, name: string): boolean {
  const q = keys(query);
  const n = keys(name);
  return q.length > 0 && q.every((k) => /^\d/.test(k) || n.some((m) => sameKey(k, m) || (k.length >= 4 && (m.startsWith(k) || k.startsWith(m)))));
}

/** Products sharing a word with what was asked ("queso manchego" → Queso Oaxaca); else the first few of the catalog. */
function nearest(query: string, products: Product[]): Product[] {
  const q = keys(query);
  const near = products.filter((p) => keys(p.name).some((n) => q.some((k) => sameKey(k, n))));
  return (near.length > 0 ? near : products.filter((p) => !isSoldOut(p))).slice(0, 3);
}

/** The other readings still see the step; browsing steps move on to the product's quantity prompt. */
async function aboutProduct(turn: Turn, question: Question, query: string): Promise<Outcome> {
  const products = await listAllActiveProducts(turn.tx);
  const m = matchProduct(query, products);
  const browsing = BROWSING.has(turn.session.state.step);
  if (m.kind === 'unique' && coversQuery(query, m.product.name)) {
    const p = m.product;
    const line = isSoldOut(p) ? t.soldOutNow(p.name) : question.kind === 'availability' ? t.haveIt(p.name, unitPrice(turn, p)) : t.priceOf(p.name, unitPrice(turn, p));
    if (!browsing) return showCurrent(turn, line);
    return isSoldOut(p) ? showPickList(turn, 0, line) : askQuantity(turn, p, 'add', line);
  }
  if (m.kind === 'ambiguous') {
    const options = m.options.filter((p) => coversQuery(query, p.name));
    if (options.length > 1) return browsing ? showChoose(turn, query, options, { quantity: null, unit: null }, t.weHaveOptions(query)) : showCurrent(turn, t.weHaveOptions(query) + '\n' + options.map((p) => `• *${p.name}* — ${unitPrice(turn, p)}`).join('\n'));
  }
  const others = nearest(query, products).map((p) => `${p.name} (${unitPrice(turn, p)})`);
  const line = t.dontCarry(query, others);
  return browsing ? showPickList(turn, 0, line) : showCurrent(turn, line);
}

/** "Te confirmo con una persona del equipo…", with the advisor one tap away. */
const askTheTeam = () =>
  buttons(t.askTheTeam, [
    { id: 'menu:advisor', title: t.talkToPerson },
    { id: 'menu:main', title: t.mainMenu },
  ]);

/** The answer to a question, or null when it is not one we answer (the other readings decide). */
export async function answerQuestion(turn: Turn, question: Question, request: string): Promise<Outcome | null> {
  if (question.kind === 'price' || question.kind === 'availability') {
    const query = (question.product ?? request).trim();
    if (query === '' || keys(query).length === 0) {
      const state = turn.session.state;
      // "¿cuánto cuesta?" at a product's quantity prompt is about that product.
      if (state.step === 'quantity' || state.step === 'product') return showCurrent(turn, null);
      return BROWSING.has(state.step) ? showPickList(turn, 0, t.askWhichProduct) : null;
    }
    return aboutProduct(turn, question, query);
  }
  if (question.kind === 'other') return askTheTeam();
  const answer = businessAnswer(question.kind, turn.company.businessInfo, {
    now: turn.now,
    timeZone: turn.company.timezone,
    shop: turn.company,
    ...(question.area ? { area: question.area } : {}),
  });
  if (!answer) return askTheTeam();
  // At the menu the answer stands alone with a line on how to order; mid-order, above the step.
  if (turn.session.state.step === 'menu' && turn.session.cart.length === 0) return text(`${answer}\n\n${t.keepOrdering}`);
  return showCurrent(turn, answer);
}
