// What one customer message means, in one pure call: the intent, the request with greetings,
// politeness and time words removed, a cart edit, a question, a requested delivery window, an
// order code. The flows read this (issue 9); the word lists are per region in lexicon/.
// Order of reading: order code and time are cut out of the text first (so "mañana" is never a
// product), then greetings/politeness, then whole-message short answers (sí, no, ok, jaja,
// gracias), then edits, cancellation, a person, status, questions, catalog, menu, and last items.
import { detectIntent } from './intents.ts';
import { readCartEdit } from './edits.ts';
import { expandAbbreviations, segment, type Segment, type WordClass } from './lexicon/index.ts';
import { normalizeText } from './normalize.ts';
import { isNumericToken, rewriteQuantities } from './numbers.ts';
import { readQuestion } from './questions.ts';
import { isMeasureUnit, unitOf } from './units.ts';
import { findRequestedWindow } from './when.ts';

export type { Region } from './lexicon/lexicon.types.ts';
export type Quantity = { value: number; unit?: 'kg' | 'g' | 'l' | 'ml' | 'unit' | string };
/** A requested delivery window in absolute time. */
export type RequestedWindow = { text: string; from: Date; to: Date };
export type Understanding = {
  intent:
    | 'order' // items to add ("quiero 2 garrafones", "mandame 1 kilo de papa")
    | 'edit' // cart edit, see `edit`
    | 'question' // see `question`
    | 'status' | 'cancel' | 'advisor' | 'catalog' | 'menu' | 'repeat_order'
    | 'greeting' | 'thanks' | 'affirm' | 'deny' | 'ack' /* 👍 ok va */ | 'laugh' /* jaja */
    | 'unknown';
  /** The request with greetings, politeness and filler removed ("hola che, mandame 2 kilos de
   *  papa para mañana xfa" → "2 kilos de papa"); time expressions removed too. What flows match
   *  products against. */
  request: string;
  greeting: boolean; // a greeting was present (even when the intent is another)
  polite: boolean; // please/thanks present
  edit?: {
    kind: 'set' | 'replace' | 'remove' | 'clear';
    target?: string /* product text; absent = last line */;
    quantity?: Quantity;
    replacement?: string /* product text for replace */;
    replacementQuantity?: Quantity;
  };
  question?: {
    kind: 'price' | 'availability' | 'hours' | 'delivery' | 'delivery_area' | 'payment' | 'location' | 'other';
    product?: string;
    area?: string;
  };
  when?: RequestedWindow; // "para mañana en la tarde", "el sábado temprano", "después de las 6"
  orderCode?: string; // "P-1003" as written, normalised upper-case
  affirm?: boolean; // yes-like/no-like, for confirmations (also set for intent affirm/deny)
};
export type UnderstandContext = { now: Date; timeZone: string };

// Emoji that answer by themselves.
const EMOJI: ReadonlyArray<[RegExp, WordClass]> = [
  [/[\u{1F44D}\u{1F44C}\u{1F64C}\u{2705}\u{2714}\u{1F197}\u{1F91D}\u{1F4AA}]/u, 'ack'],
  [/[\u{1F44E}\u{274C}\u{1F645}]/u, 'deny'],
  [/[\u{1F602}\u{1F923}\u{1F606}\u{1F605}\u{1F639}]/u, 'laugh'],
  [/[\u{1F64F}]/u, 'thanks'],
  [/[\u{1F44B}]/u, 'greeting'],
];
const ORDER_CODE = /(?:^|[^a-z0-9])(p)(?:\s*-\s*|)(\d{1,7})(?![\d])|(?:^|[^a-z0-9])(p)\s+(\d{3,7})(?![\d])/i;
// What may open a message or close it without being the request.
const EDGE: ReadonlySet<WordClass | null> = new Set(['greeting', 'vocative', 'politeness', 'thanks', 'filler']);
const TAGS = new Set(['pues', 'po', 'pe', 'poh', 're', 'entonces', 'bueno', 'y', 'e', 'tambien', 'oye', 'mira', 'mire', 'vea']);
// Connectors left dangling once a time or a greeting is cut out ("2 garrafones para").
const DANGLING = new Set(['para', 'pal', 'el', 'la', 'los', 'las', 'de', 'del', 'pero', 'y', 'e', 'que', 'a', 'al', 'por', 'hoy', 'en', 'mismo', 'dia', 'este', 'esta']);
const SHORT: ReadonlySet<WordClass | null> = new Set(['affirm', 'deny', 'ack', 'laugh', 'thanks', 'joiner', 'vocative', 'greeting', 'politeness', 'filler']);
const ORDER_WORDS = /\b(?:pedir|pedido|pedidos|ordenar|orden|comprar|encargar|encargo|compra|pido)\b/;
const STATUS = /\b(?:mis?|nuestro)\s+(?:pedidos?|ordenes|orden|compra|envio|paquete)\b|\b(?:el|del)\s+(?:pedido|orden)\b|\bfalta\s+mucho\b|\b(?:ya\s+viene|ya\s+sale|ya\s+salio|en\s+camino|cuando\s+llega|a\s+que\s+hora\s+llega|donde\s+viene|rastrear|seguimiento)\b/;
const STATUS_OF_DELIVERY = /\b(?:como\s+va|como\s+viene|ya\s+viene|ya\s+sale|ya\s+salio|donde\s+viene|donde\s+va|cuando\s+llega|a\s+que\s+hora\s+llega)\s+(?:mi|el)\s+(?:domicilio|delivery|despacho|envio)\b/;
const STATUS_QUESTION = /\b(?:como\s+va|como\s+viene|que\s+paso\s+con|ya|cuando|donde|estado|status|estatus|falta|salio|llega|viene|despacharon|enviaron|mandaron|camino)\b/;
const CANCEL = /\b(?:cancel\w*|anul\w*|olvidalo|ya\s+no\s+(?:lo|la|los)\s+quiero|(?:ya\s+)?no\s+quiero\s+(?:nada(?!\s+mas)|el\s+pedido|mi\s+pedido|la\s+orden)|no\s+lo\s+quiero)\b/;
const ADVISOR = /\b(?:asesor\w*|humano|humana|una\s+persona|persona\s+real|agente|operador\w*|encargad[oa]|ejecutiv[oa]|hablar\s+con|comunica\w*\s+con|atender\s+una\s+persona|alguien\s+(?:del|de\s+la|que\s+me\s+atienda)|soporte)\b/;
const REPEAT = /\b(?:lo\s+mismo|lo\s+de\s+siempre|el\s+de\s+siempre|repet\w*|repit\w*|igual\s+que\s+(?:la|el)\s+(?:ultima|ultimo|otra|pasad[oa])|como\s+la\s+(?:ultima|otra)\s+vez|mi\s+ultimo\s+pedido|el\s+ultimo\s+pedido)\b/;
const CATALOG = /\b(?:catalogo|catalgo|lista\s+de\s+precios|(?:que|q)\s+(?:productos|cosas)?\s*(?:tienen|tienes|tenes|tiene|venden|vendes|manejan|manejas|ofrecen|hay)(?:\s+(?:para\s+vender|de\s+venta|hoy))?$|(?:que|q)\s+(?:productos|cosas)\s+\w+|ver\s+(?:los\s+)?productos|sus\s+productos)\b/;

const words = (segments: readonly Segment[]): string[] => segments.flatMap((s) => s.words);

function emojiClasses(text: string): WordClass[] {
  return EMOJI.filter(([re]) => re.test(text)).map(([, cls]) => cls);
}

/** Removes what opens and closes a message without being the request. */
function core(segments: readonly Segment[]): Segment[] {
  let start = 0;
  let end = segments.length;
  const edge = (s: Segment | undefined): boolean => s !== undefined && (EDGE.has(s.cls) || (s.words.length === 1 && TAGS.has(s.words[0] ?? '')));
  while (start < end && edge(segments[start])) start++;
  while (end > start && (edge(segments[end - 1]) || segments[end - 1]?.words.join(' ') === 'nomas')) end--;
  // Politeness and fillers mean nothing anywhere ("mandame 2 porfa y 1 de papa").
  return segments.slice(start, end).filter((s) => s.cls !== 'politeness' && s.cls !== 'filler');
}

function trimDangling(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && DANGLING.has(tokens[start] ?? '')) start++;
  while (end > start && (DANGLING.has(tokens[end - 1] ?? '') || TAGS.has(tokens[end - 1] ?? ''))) end--;
  return tokens.slice(start, end);
}

// How a payment remark travels inside an order ("…, pago en efectivo"): not a product.
const PAYMENT_REMARK = /\b(?:pag[oa]|pagare|pagaria|pagamos|pagar|pagaremos)\s+(?:en|con|por|al)\s+(?:efectivo|tarjeta|transferencia|yape|plin|nequi|daviplata|mercado\s+pago|sinpe|qr|debito|credito|recibir|contra\s+entrega)\b/g;

/** The request for products: the core without its opener ("mandame", "me regalas") and loose ends. */
function requestOf(segments: readonly Segment[]): { request: string[]; opened: boolean } {
  let i = 0;
  let opened = false;
  while (i < segments.length && (segments[i]?.cls === 'opener' || TAGS.has(segments[i]?.words[0] ?? ''))) {
    if (segments[i]?.cls === 'opener') opened = true;
    i++;
  }
  const rest = segments.slice(i).filter((s) => s.cls !== 'vocative' && s.cls !== 'thanks');
  let request = words(rest).join(' ').replace(PAYMENT_REMARK, ' ').split(' ').filter(Boolean);
  // "otro garrafón", "otra coca": one more.
  if ((request[0] === 'otro' || request[0] === 'otra') && request.length > 1) {
    request = ['1', ...request.slice(1)];
    opened = true;
  }
  return { request: trimDangling(request), opened };
}

// "quisiera saber si tienen garrafones", "me podría decir cuánto cuesta…": the question after it.
const ASKS_TO_KNOW = /^(?:(?:quisiera|queria|quiero|me\s+gustaria|necesito|deseo)\s+saber|(?:me\s+)?(?:podrias|podria|puedes|puede|pueden|podrian)\s+(?:decir|informar|confirmar|indicar|pasar\s+el\s+dato\s+de)|me\s+(?:dices|dice|dicen|informa|informas|confirma|confirmas)|una\s+(?:pregunta|consulta))\s+(?:si\s+)?/;

// Yes-words that next to a thanks only close the chat ("ya, gracias", "órale gracias", "listo veci, muchas gracias").
const CLOSING_YES = new Set(['ya', 'ya po', 'ya pe', 'orale', 'listo', 'dale', 'sale', 'va pues', 'vaya pues', 'listo pues', 'bueno']);

function shortAnswer(classes: ReadonlySet<WordClass | null>, segments: readonly Segment[] = []): Understanding['intent'] | null {
  if (classes.has('deny')) return 'deny';
  const closing = segments.every((s) => s.cls !== 'affirm' || CLOSING_YES.has(s.words.join(' ')));
  if (classes.has('thanks') && closing) return 'thanks';
  if (classes.has('affirm')) return 'affirm';
  if (classes.has('thanks')) return 'thanks';
  if (classes.has('laugh')) return 'laugh';
  if (classes.has('ack')) return 'ack';
  if (classes.has('greeting')) return 'greeting';
  return null;
}

/** What one customer message means. Pure; fast enough for every message (tables are built at load). */
export function understand(text: string, ctx: UnderstandContext): Understanding {
  let rest = text.slice(0, 2000);
  const code = ORDER_CODE.exec(rest);
  const orderCode = code ? `P-${code[2] ?? code[4]}` : undefined;
  if (code) rest = rest.slice(0, code.index) + ' '.repeat(code[0].length) + rest.slice(code.index + code[0].length);
  const found = findRequestedWindow(rest, ctx);
  if (found) for (const sp of found.spans) rest = rest.slice(0, sp.start) + ' '.repeat(sp.end - sp.start) + rest.slice(sp.end);

  // Commas and new lines separate products ("3 kilos de papa, 1 de tomate") once punctuation is gone.
  rest = rest.replace(/(\d),(\d)/g, '$1.$2').replace(/[,;\n]+/g, ' y ');
  const tokens = expandAbbreviations(normalizeText(rest).split(' ').filter(Boolean));
  const segments = segment(tokens);
  const emoji = emojiClasses(text);
  const classes = new Set<WordClass | null>([...segments.map((s) => s.cls), ...emoji]);
  const out: Understanding = {
    intent: 'unknown',
    request: '',
    greeting: classes.has('greeting'),
    polite: classes.has('politeness') || classes.has('thanks'),
  };
  if (found) out.when = found.window;
  if (orderCode) out.orderCode = orderCode;

  // A message made only of yes/no/ok/laughs/thanks/greetings answers by itself.
  if (!orderCode && !found && segments.every((s) => SHORT.has(s.cls))) {
    const intent = shortAnswer(classes, segments);
    if (intent) {
      out.intent = intent;
      if (intent === 'affirm' || intent === 'deny') out.affirm = intent === 'affirm';
      return out;
    }
  }

  const full = core(segments);
  let kept = full;
  // A leading yes/no before a request ("sí, mandame 2", "no, que sean dos kilos") answers too.
  const lead = kept[0]?.cls;
  if (lead === 'affirm' || lead === 'deny' || lead === 'ack') {
    if (lead !== 'ack') out.affirm = lead === 'affirm';
    kept = kept.slice(1).filter((s, i) => !(i === 0 && (s.cls === 'vocative' || s.words[0] === 'y')));
  }
  const asks = ASKS_TO_KNOW.exec(words(kept).join(' '));
  if (asks) {
    // The question itself is what is left once "quisiera saber si" is cut.
    const question = readQuestion(words(kept).join(' ').slice(asks[0].length).split(' ').filter(Boolean));
    if (question) {
      out.intent = 'question';
      out.question = question;
      out.request = question.product ?? '';
      return out;
    }
  }
  const coreWords = words(kept);
  const s = coreWords.join(' ');
  const { request, opened } = requestOf(kept);
  out.request = request.join(' ');

  // The typo-tolerant phrase rules of detectIntent are the slow part: asked only when ours found nothing.
  let memo: ReturnType<typeof detectIntent> | undefined;
  const fallback = (): ReturnType<typeof detectIntent> => (memo === undefined ? (memo = s === '' ? null : detectIntent(s)) : memo);
  if (orderCode) {
    out.intent = CANCEL.test(s) ? 'cancel' : 'status';
    return out;
  }
  // Edits read the whole core: "siempre no quiero el queso" starts with a no that belongs to it.
  const edit = readCartEdit(words(full)) ?? readCartEdit(coreWords);
  if (edit) {
    out.intent = 'edit';
    out.edit = edit;
    return out;
  }
  const first = rewriteQuantities(request.slice(0, 6))[0];
  const startsWithQuantity = isNumericToken(first) || isMeasureUnit(unitOf(first ?? ''));
  // "quería encargar 2 bidones": an opener and a quantity order, whatever the typo-tolerant rules say.
  if (opened && startsWithQuantity && !CANCEL.test(s)) {
    out.intent = 'order';
    return out;
  }
  const whole = words(full).join(' ');
  if (CANCEL.test(whole) || fallback() === 'cancel') out.intent = 'cancel';
  else if (ADVISOR.test(s) || fallback() === 'advisor') out.intent = 'advisor';
  else if (REPEAT.test(s)) out.intent = 'repeat_order';
  // Tested on every word: "¿cómo va mi domicilio?" starts like the greeting "¿cómo va?".
  else if (STATUS_OF_DELIVERY.test(tokens.join(' '))) out.intent = 'status';
  else if (STATUS.test(s) && (STATUS_QUESTION.test(s) || /^(?:mis?\s+)?(?:pedidos?|orden)$/.test(s) || !ORDER_WORDS.test(s.replace(STATUS, '')))) {
    out.intent = /\b(?:un|otro|nuevo)\s+pedido\b/.test(s) ? 'order' : 'status';
  }
  if (out.intent !== 'unknown') return out;

  // "quiero hacer un pedido a domicilio" asks to order, not about delivery.
  if (opened && ORDER_WORDS.test(s)) {
    out.intent = 'order';
    return out;
  }
  const question = readQuestion(coreWords);
  if (question) {
    out.intent = 'question';
    out.question = question;
    return out;
  }
  if (CATALOG.test(s)) out.intent = 'catalog';
  else if (fallback() === 'menu') out.intent = 'menu';
  else if (opened || startsWithQuantity || ORDER_WORDS.test(s) || fallback() === 'order') out.intent = 'order';
  else if (fallback() === 'catalog') out.intent = 'catalog';
  else if (found && request.length > 0) out.intent = 'order';
  else if (coreWords.length === 0 || kept.every((k) => SHORT.has(k.cls))) out.intent = shortAnswer(classes) ?? 'unknown';
  return out;
}
