// What the customer wants, from free text with typos. Pure functions.
import { normalizeText, sameKey, sameWord, wordKey } from './normalize.ts';
import { tokenToNumber } from './numbers.ts';

export type Intent = 'advisor' | 'cancel' | 'status' | 'catalog' | 'menu' | 'order' | 'greeting' | 'thanks';

// First rule that matches wins, so the more specific wishes come first
// ("quiero cancelar mi pedido" is a cancel, "donde viene mi pedido" is a status question).
const RULES: ReadonlyArray<[Intent, string[]]> = [
  ['advisor', ['asesor', 'asesora', 'humano', 'humana', 'agente', 'operador', 'operadora', 'hablar con', 'alguien',
    // Not "ejecutivo" nor a bare "encargado": with two typos forgiven they read "efectivo" ("pago en
    // efectivo") and "encargar" ("quería encargar 2 bidones"), and both asked for a person.
    'una persona', 'persona real', 'el encargado', 'la encargada', 'al encargado', 'un encargado',
    'atencion a clientes', 'soporte']],
  ['cancel', ['cancelar', 'cancela', 'cancelalo', 'cancelo', 'ya no quiero', 'olvidalo', 'anular', 'anula']],
  ['status', ['mi pedido', 'mis pedidos', 'mi orden', 'mis ordenes', 'estado', 'estatus', 'status', 'donde viene',
    'donde esta', 'donde va', 'cuando llega', 'ya viene', 'rastrear', 'seguimiento', 'ya salio']],
  ['catalog', ['catalogo', 'productos', 'que venden', 'que tienen', 'que tienes', 'que hay', 'precios', 'precio',
    'ver productos']],
  ['menu', ['menu', 'inicio', 'volver', 'regresar', 'opciones', 'menu principal']],
  ['order', ['pedir', 'pedido', 'hacer un pedido', 'ordenar', 'orden', 'comprar', 'encargar', 'quiero', 'quisiera',
    'necesito', 'me das', 'me mandas', 'me traes']],
  ['greeting', ['hola', 'ola', 'holi', 'buenas', 'buenos dias', 'buen dia', 'que tal', 'hey', 'saludos', 'hi']],
  ['thanks', ['gracias', 'grax', 'thx', 'muy amable']],
];

// Keys of the rule words are computed once; a message's keys once per call.
const PHRASES = RULES.map(([intent, phrases]) => [intent, phrases.map((p) => p.split(' ').map(wordKey))] as const);

function containsPhrase(keys: string[], phrase: string[]): boolean {
  for (let i = 0; i + phrase.length <= keys.length; i++) {
    if (phrase.every((w, j) => sameKey(keys[i + j] ?? '', w))) return true;
  }
  return false;
}

const keysOfText = (text: string): string[] => normalizeText(text).split(' ').filter(Boolean).map(wordKey);

export function detectIntent(text: string): Intent | null {
  const tokens = keysOfText(text);
  if (tokens.length === 0) return null;
  for (const [intent, phrases] of PHRASES) {
    if (phrases.some((p) => containsPhrase(tokens, p))) return intent;
  }
  return null;
}

/** A test for texts containing any of the phrases, with the tolerance of `detectIntent`. */
export function phraseMatcher(phrases: readonly string[]): (text: string) => boolean {
  const compiled = phrases.map((p) => normalizeText(p).split(' ').map(wordKey));
  return (text) => {
    const tokens = keysOfText(text);
    return tokens.length > 0 && compiled.some((p) => containsPhrase(tokens, p));
  };
}

const MENU_FILLER = new Set(['opcion', 'la', 'el', 'numero', 'num', 'no', 'quiero', 'elijo']);

/** "1", "dos", "opción 3", "la 4" → 1..max; anything else → null. */
export function parseOptionNumber(text: string, max: number): number | null {
  const tokens = normalizeText(text).split(' ').filter((t) => t !== '' && !MENU_FILLER.has(t));
  if (tokens.length !== 1) return null;
  const n = tokenToNumber(tokens[0] ?? '');
  return n !== null && Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

const YES = ['si', 'sip', 'simon', 'claro', 'ok', 'okay', 'okey', 'va', 'dale', 'sale', 'confirmo', 'confirmar',
  'confirmado', 'correcto', 'de acuerdo', 'listo', 'perfecto', 'esta bien', 'asi esta bien', 'adelante', 'seguir',
  'sigamos', 'continuar', 'yes', 'por supuesto', 'si confirmo', 'si por favor', 'todo bien'];
const NO = ['no', 'nop', 'nel', 'no gracias', 'negativo'];
const MORE = ['mas', 'ver mas', 'siguiente', 'siguientes', 'otros', 'mas productos', 'continua'];
const FINISH = ['finalizar', 'terminar', 'es todo', 'eso es todo', 'seria todo', 'nada mas', 'ya es todo', 'listo',
  'finalizar pedido', 'terminar pedido', 'ya', 'ya no'];
const CHANGE = ['cambiar', 'cambio', 'modificar', 'editar', 'corregir', 'quitar', 'cambiar pedido'];
const ADD_MORE = ['agregar', 'agregar mas', 'anadir', 'otro', 'otra cosa', 'algo mas', 'mas cosas', 'seguir pidiendo'];
const RESTART = ['empezar de nuevo', 'de nuevo', 'reiniciar', 'nuevo pedido', 'otro pedido', 'empezar'];

const FILLER_TAIL = /\b(por favor|porfa|gracias|please)\b/g;

function isOneOf(text: string, options: string[]): boolean {
  const norm = normalizeText(text).replace(FILLER_TAIL, ' ').replace(/\s+/g, ' ').trim();
  if (norm === '') return false;
  const tokens = norm.split(' ');
  return options.some((o) => {
    const words = o.split(' ');
    return words.length === tokens.length && words.every((w, i) => sameWord(tokens[i] ?? '', w));
  });
}

export const isAffirmative = (text: string): boolean => isOneOf(text, YES);
export const isNegative = (text: string): boolean => isOneOf(text, NO);
export const asksForMore = (text: string): boolean => isOneOf(text, MORE);
export const wantsToFinish = (text: string): boolean => isOneOf(text, FINISH);
export const wantsToChange = (text: string): boolean => isOneOf(text, CHANGE);
export const wantsToAddMore = (text: string): boolean => isOneOf(text, ADD_MORE);
export const wantsToRestart = (text: string): boolean => isOneOf(text, RESTART);

/** Global words must be the whole message when the customer is typing free text (an address). */
export function strictGlobalIntent(text: string): Intent | null {
  const norm = normalizeText(text);
  const tokens = norm.split(' ').filter(Boolean);
  if (tokens.length === 0 || tokens.length > 4) return null;
  const intent = detectIntent(norm);
  return intent === 'cancel' || intent === 'menu' || intent === 'advisor' ? intent : null;
}

// Small talk: messages made only of thanks, laughter, an "ok" or emoji. They ask for nothing, so
// they get a short friendly line, not "No entendí" and the whole menu.
export type SmallTalk = 'thanks' | 'laugh' | 'ack' | 'emoji';

const THANKS_WORDS = ['gracias', 'grax', 'thx', 'thanks', 'agradezco', 'agradecido', 'agradecida', 'amable'];
const ACK_WORDS = ['ok', 'okay', 'okey', 'oki', 'okis', 'vale', 'va', 'sale', 'perfecto', 'perfect', 'bien', 'entendido',
  'enterado', 'enterada', 'genial', 'excelente', 'dale', 'orale', 'sip', 'claro', 'super', 'listo', 'bueno', 'acuerdo'];
// Words that only join the others: "muchas gracias por todo", "ok muy bien", "de acuerdo".
const JOINERS = new Set(['muchas', 'muchisimas', 'mil', 'muy', 'por', 'todo', 'te', 'lo', 'y', 'de', 'si', 'pues', 'ah', 'oh', 'a']);
const LAUGH = /^(?:a?(?:j+[aeiou]+)+j*|(?:h+[aeiou]+){2,}h*|j+s+j[sj]*|x+d+|lol|lmao)$/;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** What kind of small talk the whole message is, or null when it says anything else. */
export function smallTalk(text: string): SmallTalk | null {
  const words = normalizeText(text).split(' ').filter(Boolean);
  if (words.length === 0) return PICTOGRAPH.test(text) ? 'emoji' : null;
  if (words.length > 6) return null;
  const kinds = words.map((w): SmallTalk | 'joiner' | null => {
    if (THANKS_WORDS.some((x) => sameWord(w, x))) return 'thanks';
    if (LAUGH.test(w) && (w.length >= 3 || w === 'xd')) return 'laugh';
    if (ACK_WORDS.includes(w)) return 'ack';
    return JOINERS.has(w) ? 'joiner' : null;
  });
  if (kinds.includes(null) || kinds.every((k) => k === 'joiner')) return null;
  if (kinds.includes('thanks')) return 'thanks';
  return kinds.includes('laugh') ? 'laugh' : 'ack';
}
