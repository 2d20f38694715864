// Fuzzy product matching tolerant to accents, plurals, phonetic misspellings and small typos.
// Pure: the caller passes the candidate products.
import { allowedTypos, editDistance, normalizeText, wordKey } from './normalize.ts';
import { productWordKey } from './lexicon/products.ts';
import { isFillerWord } from './order-lines.ts';
import { unitOf } from './units.ts';

export type MatchCandidate = { id: string; name: string; unit?: string | null };
export type RankedProduct<T> = { product: T; score: number };
export type MatchOutcome<T> =
  | { kind: 'unique'; product: T }
  | { kind: 'ambiguous'; options: T[] }
  | { kind: 'none' };

const MIN_SCORE = 0.5;
const CLEAR_LEAD = 0.15;
const MAX_OPTIONS = 9;

/** Comparable keys of the meaningful words of a text; unit words become their unit code. */
function keysOf(text: string): string[] {
  return normalizeText(text)
    .split(' ')
    .filter((t) => t !== '' && !isFillerWord(t))
    .map((t) => unitOf(t) ?? productWordKey(wordKey(t)));
}

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const short = Math.min(a.length, b.length);
  if (/\d/.test(a) || /\d/.test(b)) return 0;
  const max = allowedTypos(short);
  // A typo seldom changes the first letter (spelling variants are already folded): without this
  // "lechuga" was "pechuga".
  if (max > 0 && a[0] === b[0] && editDistance(a, b, max) <= max) return 0.8;
  if (short >= 4 && (a.startsWith(b) || b.startsWith(a))) return 0.7;
  return 0;
}

const best = (key: string, pool: string[]): number => pool.reduce((m, k) => Math.max(m, tokenSimilarity(key, k)), 0);

function scoreProduct(query: string[], name: string[], unit: string[]): number {
  if (query.length === 0 || name.length === 0) return 0;
  // A query word may match the product's unit ("un garrafón" for "Agua 20 L" sold by garrafón),
  // but weaker than a word of its name.
  const perQuery = query.map((q) => Math.max(best(q, name), 0.6 * best(q, unit)));
  const queryCoverage = perQuery.reduce((a, b) => a + b, 0) / query.length;
  if (queryCoverage < MIN_SCORE) return 0;
  const nameCoverage = name.reduce((a, n) => a + best(n, query), 0) / name.length;
  return 0.75 * queryCoverage + 0.25 * nameCoverage;
}

export function rankProducts<T extends MatchCandidate>(query: string, products: readonly T[]): RankedProduct<T>[] {
  const q = keysOf(query);
  return products
    .map((product) => ({ product, score: scoreProduct(q, keysOf(product.name), product.unit ? keysOf(product.unit) : []) }))
    .filter((r) => r.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.product.name.localeCompare(b.product.name));
}

/** One product when the text clearly names it, several when it could be any of them, or none. */
export function matchProduct<T extends MatchCandidate>(query: string, products: readonly T[]): MatchOutcome<T> {
  const ranked = rankProducts(query, products);
  const [top, second] = ranked;
  if (!top) return { kind: 'none' };
  const q = keysOf(query).join(' ');
  const exact = ranked.filter((r) => keysOf(r.product.name).join(' ') === q);
  if (exact.length === 1 && exact[0]) return { kind: 'unique', product: exact[0].product };
  if (!second || top.score - second.score >= CLEAR_LEAD) return { kind: 'unique', product: top.product };
  const close = ranked.filter((r) => top.score - r.score < CLEAR_LEAD).slice(0, MAX_OPTIONS);
  return { kind: 'ambiguous', options: close.map((r) => r.product) };
}
