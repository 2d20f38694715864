// Cart edits in free text: set a quantity ("mejor que sean 4", "ponme sólo 2", "de la papa mejor
// 1 kilo"), replace ("cambia X por Y", "en vez de X mejor Y"), remove ("quita X", "sácame X",
// "ya no quiero X") and clear ("vacía el carrito", "empezá de nuevo"). Pure functions over the
// normalised words of a message, greetings and politeness already removed.
import { isFillerWord } from './order-lines.ts';
import { isNumericToken, rewriteQuantities } from './numbers.ts';
import { isMeasureUnit, unitOf } from './units.ts';

export type Quantity = { value: number; unit?: string };
export type CartEdit = {
  kind: 'set' | 'replace' | 'remove' | 'clear';
  target?: string;
  quantity?: Quantity;
  replacement?: string;
  replacementQuantity?: Quantity;
};

const CLEAR = [
  /\b(?:vacia|vaciar|vacie|vacien|vaciame|limpia|limpiar|limpie)\b.*\b(?:carrito|carro|canasta|canasto|pedido|todo|lista)\b/,
  /\b(?:borra|borre|borrar|borrame|borren|elimina|elimine|eliminar|quita|quite|quitar|saca|saque|sacar)\b(?:\s+\w+)?\s+(?:todo|el carrito|el carro|la canasta|la lista)\b/,
  /\b(?:empez|empec|empiez|comenz|comienz|comenc|arranc|inici)\w*\s+(?:de nuevo|otra vez|de cero|desde cero|todo de nuevo)\b/,
  /\b(?:reinicia|reiniciar|reinicie|resetea)\b/,
];
const REPLACE = /^(?:.*\s)?(?:cambia|cambiame|cambie|cambieme|cambiar|cambiale|cambiele|cambialo|cambiamelo|cambies|cambiemos)\s+(.+?)\s+por\s+(.+)$/;
const INSTEAD = /^(?:.*\s)?en\s+(?:vez|lugar)\s+de(?:l)?\s+(.+)$/;
const INSTEAD_AFTER = /^(?:mejor\s+)?(.+?)\s+en\s+(?:vez|lugar)\s+de(?:l)?\s+(.+)$/;
// What opens the new product after "en vez de X": "mejor", "ponme", a number.
const REPLACEMENT_OPENERS = new Set(['mejor', 'ponme', 'poneme', 'pon', 'pone', 'ponle', 'pongame', 'ponga', 'dame', 'deme',
  'mandame', 'mandeme', 'manda', 'quiero', 'traeme', 'traigame', 'agregame', 'agrega', 'echale', 'que', 'sean', 'sea']);
const REMOVE = /^(?:y\s+|tambien\s+|mejor\s+|ah\s+)?(?:quita|quitale|quitales|quitame|quiteme|quitele|quiteles|quite|quitar|quitenme|quitenle|saca|sacale|sacales|sacame|saque|saqueme|saquele|saquenle|sacar|borra|borrale|borrame|borre|borreme|borrele|elimina|eliminale|eliminame|elimine|eliminele|remueve|retira|retirame|retirele|descarta)\b\s*(.*)$/;
const REMOVE_PRONOUN = /^(?:quitalo|quitala|quitalos|quitalas|sacalo|sacala|sacalos|sacalas|borralo|borrala|eliminalo|eliminala)$/;
const DONT_WANT = /^(?:.*\s)?(?:ya\s+no|siempre\s+no|al\s+final\s+no|mejor\s+no|no)\s+(?:quiero|quisiera|voy\s+a\s+querer|me\s+mandes|me\s+traigas|necesito|ocupo|me\s+pongas|le\s+pongas|le\s+pones|le\s+ponga|le\s+pongan|le\s+eches|le\s+agregues|me\s+mande|me\s+traiga)\s+(.+)$|^(?:mejor\s+|y\s+|pero\s+)*sin\s+(.+)$/;
// "ya no quiero el pedido" is a cancellation, not a line to remove.
const NOT_A_LINE = new Set(['pedido', 'orden', 'compra', 'nada', 'eso', 'lo', 'la', 'nada mas', 'todo', 'el pedido', 'mi pedido']);
const CANCEL_WORD = /\b(?:cancel\w*|anul\w*)\b/;
const SET_WORDS = /\b(?:que\s+sean?|mejor|solo|solamente|nomas|nada\s+mas|no\s+mas|unicamente|(?:dejalo|dejala|dejelo|dejela|dejalos|dejelos)\s+en|dejame|dejeme)\b/;
const SET_STRONG = /\b(?:que\s+sean?|mejor|(?:dejalo|dejala|dejelo|dejela|dejalos|dejelos)\s+en)\b/;
const PUT = /^(?:ponme|poneme|pon|pone|ponle|pongame|ponga|ponele|dejame|deja|dejalo|dejala|dame|deme|mandame)\b/;
// Words of the edit itself, never part of a product's name.
const EDIT_WORDS = new Set(['mejor', 'solo', 'solamente', 'nomas', 'unicamente', 'sean', 'sea', 'que', 'no', 'si', 'pues', 'po', 'pe',
  'ponme', 'poneme', 'pon', 'pone', 'ponle', 'pongame', 'ponga', 'ponele', 'dejame', 'deja', 'dejalo', 'dejala', 'dame', 'deme',
  'mandame', 'cambia', 'cambiame', 'mas', 'nada', 'entonces', 'ya', 'bueno', 'ok', 'oye', 'mejor', 'ahora', 'mandeme', 'manda',
  'quiero', 'quisiera', 'traeme', 'traigame', 'agregame', 'agrega', 'echale', 'total', 'en', 'vez', 'lugar', 'dejelo', 'dejela',
  'dejalos', 'dejelos', 'dejeme', 'deje', 'le', 'les', 'pones', 'pongas', 'sin', 'pero']);

const productWords = (tokens: readonly string[]): string[] =>
  tokens.filter((t) => !EDIT_WORDS.has(t) && !isFillerWord(t) && !isNumericToken(t) && !isMeasureUnit(unitOf(t)));

/** The first quantity in the words ("3", "dos kilos", "medio kilo", "3 libras") and the words left. */
export function readQuantity(tokens: readonly string[]): { quantity?: Quantity; rest: string[] } {
  const words = rewriteQuantities([...tokens]);
  const qi = words.findIndex((t) => isNumericToken(t));
  if (qi < 0) {
    // "kilo y medio" is rewritten to a number; a lone "kilo" means one.
    const ui = words.findIndex((t) => isMeasureUnit(unitOf(t)));
    if (ui < 0) return { rest: words };
    return { quantity: { value: 1, unit: unitOf(words[ui] ?? '') ?? undefined }, rest: words.filter((_, i) => i !== ui) };
  }
  const unit = unitOf(words[qi + 1] ?? '');
  const measure = isMeasureUnit(unit);
  const quantity: Quantity = measure && unit ? { value: Number(words[qi]), unit } : { value: Number(words[qi]) };
  return { quantity, rest: words.filter((_, i) => i !== qi && !(measure && i === qi + 1)) };
}

const phrase = (tokens: readonly string[]): string | undefined => {
  const words = productWords(tokens);
  return words.length > 0 ? words.join(' ') : undefined;
};

/** A product with an optional quantity: "1 kilo de tomate" → tomate, 1 kg. */
function productWithQuantity(tokens: readonly string[]): { product?: string; quantity?: Quantity } {
  const { quantity, rest } = readQuantity(tokens);
  const product = phrase(rest);
  return { ...(product ? { product } : {}), ...(quantity ? { quantity } : {}) };
}

function replaceEdit(targetWords: string[], newWords: string[]): CartEdit | null {
  const target = phrase(targetWords);
  const next = productWithQuantity(newWords);
  // "cambia el jitomate por 1 kilo": a new quantity for the same line.
  if (!next.product && next.quantity) return { kind: 'set', ...(target ? { target } : {}), quantity: next.quantity };
  if (!next.product) return null;
  const edit: CartEdit = { kind: 'replace', replacement: next.product };
  if (target) edit.target = target;
  if (next.quantity) edit.replacementQuantity = next.quantity;
  return edit;
}

/** The cart edit a message asks for, or null. */
export function readCartEdit(tokens: readonly string[]): CartEdit | null {
  const s = tokens.join(' ');
  if (s === '') return null;
  if (CLEAR.some((re) => re.test(s))) return { kind: 'clear' };

  const replace = REPLACE.exec(s);
  if (replace) return replaceEdit((replace[1] ?? '').split(' '), (replace[2] ?? '').split(' '));
  const instead = INSTEAD.exec(s);
  if (instead) {
    const words = (instead[1] ?? '').split(' ');
    const cut = words.findIndex((w, i) => i > 0 && (REPLACEMENT_OPENERS.has(w) || isNumericToken(w) || /^(un|una|dos|tres|medio|media)$/.test(w)));
    const edit = cut > 0 ? replaceEdit(words.slice(0, cut), words.slice(cut)) : words.length > 1 ? replaceEdit(words.slice(0, 1), words.slice(1)) : null;
    if (edit) return edit;
  }
  const insteadAfter = INSTEAD_AFTER.exec(s);
  if (insteadAfter) {
    const edit = replaceEdit((insteadAfter[2] ?? '').split(' '), (insteadAfter[1] ?? '').split(' '));
    if (edit) return edit;
  }

  if (REMOVE_PRONOUN.test(s)) return { kind: 'remove' };
  const remove = REMOVE.exec(s);
  if (remove) {
    const target = phrase((remove[1] ?? '').split(' ').filter(Boolean));
    return target ? { kind: 'remove', target } : { kind: 'remove' };
  }
  const dontWant = DONT_WANT.exec(s);
  if (dontWant) {
    const rest = (dontWant[1] ?? dontWant[2] ?? '').trim();
    const target = phrase(rest.split(' '));
    // "ya no quiero nada, cancelá": the whole order, not a line.
    const first = rest.split(' ')[0] ?? '';
    if (target && !NOT_A_LINE.has(rest) && !NOT_A_LINE.has(target) && !['nada', 'eso', 'todo'].includes(first) && !CANCEL_WORD.test(rest)) {
      return { kind: 'remove', target };
    }
  }

  if (SET_WORDS.test(s) || PUT.test(s)) {
    const { quantity, rest } = readQuantity([...tokens]);
    if (!quantity) return null;
    const target = phrase(rest);
    // "ponme 2 kilos de papa" adds; "ponme sólo 2" or "mejor 2 kilos de papa" corrects.
    const corrects = SET_STRONG.test(s) || (SET_WORDS.test(s) && (!target || PUT.test(s) || /^(?:no\s+)?(?:solo|nomas|solamente)\b/.test(s)));
    if (!corrects) return null;
    return target ? { kind: 'set', target, quantity } : { kind: 'set', quantity };
  }
  return null;
}
