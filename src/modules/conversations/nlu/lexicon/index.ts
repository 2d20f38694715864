// The regional word lists merged into one phrase table, built once at load. A message is cut
// into the longest known phrases left to right; what is left are the words that carry the request.
import { normalizeText, wordKey } from '../normalize.ts';
import { arUy } from './ar-uy.ts';
import { ca } from './ca.ts';
import { cl } from './cl.ts';
import { co } from './co.ts';
import { common } from './common.ts';
import type { Lexicon } from './lexicon.types.ts';
import { mx } from './mx.ts';
import { pe } from './pe.ts';

export type { Lexicon } from './lexicon.types.ts';
export const LEXICONS: readonly Lexicon[] = [common, mx, arUy, co, pe, cl, ca];

export type WordClass =
  | 'deny' | 'affirm' | 'thanks' | 'ack' | 'greeting' | 'politeness' | 'vocative' | 'joiner' | 'filler' | 'opener' | 'laugh';

// When a phrase is in two lists (in one region or across regions) the first class here wins:
// "va" is an acknowledgement everywhere, "ya" a yes in Peru and Chile.
const PRECEDENCE: ReadonlyArray<[WordClass, (l: Lexicon) => readonly string[]]> = [
  ['deny', (l) => l.deny],
  ['affirm', (l) => l.affirm],
  ['thanks', (l) => l.thanks],
  ['ack', (l) => l.ack],
  ['greeting', (l) => l.greetings],
  ['politeness', (l) => l.politeness],
  ['opener', (l) => l.orderOpeners],
  ['vocative', (l) => l.vocatives],
  ['filler', (l) => l.fillers],
  ['joiner', (l) => l.joiners],
];

const ABBREVIATIONS = new Map<string, string[]>();
for (const lex of LEXICONS) {
  for (const [short, long] of Object.entries(lex.abbreviations)) {
    if (!ABBREVIATIONS.has(short)) ABBREVIATIONS.set(short, long.split(' '));
  }
}
const isNumber = (t: string | undefined): boolean => t !== undefined && /^\d/.test(t);

/**
 * Expands chat abbreviations ("xfa", "q", "tmb", "pa", "d") in normalised tokens. Letters that are
 * also units stay units after a number ("2 k de papa"); "ta" is "está" only before another word.
 */
export function expandAbbreviations(tokens: readonly string[]): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (t === 'ta' && i + 1 < tokens.length) out.push('esta');
    else if ((t === 'k' || t === 'x' || t === 'd') && isNumber(prev)) out.push(t);
    else if (t === 'x' && isNumber(tokens[i + 1])) out.push(t);
    else out.push(...(ABBREVIATIONS.get(t) ?? [t]));
  });
  return out;
}

type Phrase = { keys: string[]; cls: WordClass };
const PHRASES = new Map<string, Phrase[]>();
const seen = new Set<string>();
for (const [cls, list] of PRECEDENCE) {
  for (const lex of LEXICONS) {
    for (const text of list(lex)) {
      const keys = expandAbbreviations(normalizeText(text).split(' ').filter(Boolean)).map(wordKey);
      const id = keys.join(' ');
      if (keys.length === 0 || seen.has(id)) continue;
      seen.add(id);
      const first = keys[0] ?? '';
      const bucket = PHRASES.get(first) ?? [];
      bucket.push({ keys, cls });
      PHRASES.set(first, bucket);
    }
  }
}
for (const bucket of PHRASES.values()) bucket.sort((a, b) => b.keys.length - a.keys.length);

const LAUGH = /^(?:a?(?:j+[aeiou]+)+j*|(?:h+[aeiou]+){2,}h*|j+s+j[sj]*|(?:js){2,}j?|x+d+|lol|lmao|jaj+)$/;

export type Segment = { cls: WordClass | null; words: string[] };

/** Cuts normalised tokens into the longest known phrases; unknown words get class null. */
export function segment(tokens: readonly string[]): Segment[] {
  const keys = tokens.map(wordKey);
  const out: Segment[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] ?? '';
    if (LAUGH.test(t) && (t.length >= 3 || t === 'xd')) {
      out.push({ cls: 'laugh', words: [t] });
      i += 1;
      continue;
    }
    const match = PHRASES.get(keys[i] ?? '')?.find((p) => p.keys.every((k, j) => keys[i + j] === k));
    if (match) {
      out.push({ cls: match.cls, words: tokens.slice(i, i + match.keys.length) });
      i += match.keys.length;
    } else {
      out.push({ cls: null, words: [t] });
      i += 1;
    }
  }
  return out;
}
