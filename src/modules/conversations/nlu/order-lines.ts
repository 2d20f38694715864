// Free text → order lines: "dos kilos de tomate y 1 de cebolla" →
// [{ productQuery: 'tomate', quantity: 2, unit: 'kg' }, { productQuery: 'cebolla', quantity: 1, unit: 'kg' }].
import { normalizeText, wordKey } from './normalize.ts';
import { isNumericToken, rewriteQuantities } from './numbers.ts';
import { isMeasureUnit, unitOf, type UnitCode } from './units.ts';

export type ParsedLine = { productQuery: string; quantity: number | null; unit: UnitCode | null };

// Words around the product that carry no product meaning. Compared by folded key, so
// "kiero" or "porfa" typed any way are ignored too.
const FILLER = [
  'quiero', 'quisiera', 'queria', 'me', 'das', 'da', 'dame', 'damelo', 'mandas', 'manda', 'mandame',
  'mande', 'mandan', 'envia', 'enviame', 'envian', 'trae', 'traeme', 'traigan', 'traiga', 'por', 'favor',
  'porfa', 'porfavor', 'porfis', 'pf', 'plis', 'please', 'necesito', 'ocupo', 'pedir', 'pido', 'pedido',
  'ordenar', 'comprar', 'agregar', 'agrega', 'agregame', 'agregue', 'anade', 'anademe', 'pon', 'ponme',
  'sumale', 'tambien', 'ademas', 'de', 'del', 'la', 'el', 'lo', 'los', 'las', 'unos', 'unas', 'al', 'a',
  'para', 'mi', 'que', 'hola', 'buenas', 'buenos', 'dias', 'tardes', 'noches', 'gracias', 'solo', 'nada',
  'otro', 'otra', 'otros', 'otras', 'hacer', 'ver', 'tienes', 'tienen', 'hay', 'venden', 'si', 'ok',
  'este', 'esta', 'eso', 'esos', 'esas', 'asi', 'en', 'con', 'mas', 'y', 'e', 'tu', 'su', 'favorcito',
];
const FILLER_KEYS = new Set(FILLER.map(wordKey));

export const isFillerWord = (token: string): boolean => FILLER_KEYS.has(wordKey(token));

const SEPARATORS = new Set(['y', 'e', 'mas', 'tambien', 'ademas']);

function splitChunks(tokens: string[]): string[][] {
  const chunks: string[][] = [[]];
  for (const t of tokens) {
    if (SEPARATORS.has(t)) chunks.push([]);
    else chunks[chunks.length - 1]?.push(t);
  }
  return chunks.filter((c) => c.length > 0);
}

function parseChunk(tokens: string[], previous: ParsedLine | undefined): ParsedLine | null {
  const qi = tokens.findIndex((t) => isNumericToken(t));
  let quantity = qi >= 0 ? Number(tokens[qi]) : null;
  // A unit right after another number describes the product ("una coca de 2 litros"), it is not
  // the quantity's unit.
  const ui = qi >= 0 && unitOf(tokens[qi + 1] ?? '')
    ? qi + 1
    : tokens.findIndex((t, i) => unitOf(t) !== null && !(i !== qi + 1 && isNumericToken(tokens[i - 1])));
  const unit = ui >= 0 ? unitOf(tokens[ui] ?? '') : null;
  // Weight/volume words are quantities, not product names; containers ("garrafón", "paquete")
  // often are how the customer names the product, so they stay in the query.
  const rest = tokens.filter((t, i) => i !== qi && !(i === ui && isMeasureUnit(unit)) && !isFillerWord(t));
  if (rest.length === 0) return null;
  if (quantity === null && isMeasureUnit(unit)) quantity = 1;
  // "2 kilos de tomate y 1 de cebolla": the second line means kilos too.
  const inherited =
    unit === null && quantity !== null && tokens[qi + 1] === 'de' && previous && isMeasureUnit(previous.unit)
      ? previous.unit
      : unit;
  return { productQuery: rest.join(' '), quantity, unit: inherited };
}

/** Splits a message into product lines. Lines with no product words are dropped. */
export function parseOrderLines(text: string): ParsedLine[] {
  const prepared = text.replace(/(\d),(\d)/g, '$1.$2').replace(/[,;\n+&]+/g, ' y ');
  const tokens = rewriteQuantities(normalizeText(prepared).split(' ').filter(Boolean));
  const lines: ParsedLine[] = [];
  for (const chunk of splitChunks(tokens)) {
    const line = parseChunk(chunk, lines[lines.length - 1]);
    if (line) lines.push(line);
  }
  return lines;
}

/** A bare quantity ("2", "dos", "medio kilo", "500 gramos", "kilo y medio"), or null. */
export function parseBareQuantity(text: string): { quantity: number; unit: UnitCode | null } | null {
  const tokens = rewriteQuantities(normalizeText(text.replace(/(\d),(\d)/g, '$1.$2')).split(' ').filter(Boolean));
  const sign = /(^|\s)-\s*\d/.test(text) ? -1 : 1;
  const qi = tokens.findIndex((t) => isNumericToken(t));
  if (qi < 0) return null;
  const unitToken = tokens.find((t) => unitOf(t) !== null);
  const others = tokens.filter((t, i) => i !== qi && t !== unitToken && !isFillerWord(t));
  if (others.length > 0) return null;
  return { quantity: sign * Number(tokens[qi]), unit: unitToken ? unitOf(unitToken) : null };
}
