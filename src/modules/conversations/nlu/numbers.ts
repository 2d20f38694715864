// Spanish quantities: digits, decimals ("1.5", "1,5"), fractions ("1/2"), number words
// ("dos", "veinte"), "medio", "un cuarto", "kilo y medio", "media docena". Pure functions.
import { phoneticFold } from './normalize.ts';
import { unitOf } from './units.ts';

const WORDS: Record<string, number> = {
  cero: 0, un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7,
  ocho: 8, nueve: 9, dies: 10, diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15,
  dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19, veinte: 20, veintiuno: 21,
  veintiuna: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25,
  veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29, treinta: 30, cuarenta: 40,
  cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90, cien: 100, ciento: 100,
};

// Keys folded the same way user input is, so "sinco" or "dose" still read as numbers.
const FOLDED = new Map(Object.entries(WORDS).map(([w, n]) => [phoneticFold(w), n]));
const HALF = new Set(['medio', 'media']);
const QUARTER = new Set(['cuarto', 'cuartos']);
const DOZEN = new Set(['docena', 'docenas']);

/** A single token as a number: "2", "1.5", "1/2", "dos", "veinte". */
export function tokenToNumber(token: string): number | null {
  if (/^\d+(\.\d+)?$/.test(token)) return Number(token);
  const frac = /^(\d+)\/(\d+)$/.exec(token);
  if (frac) {
    const den = Number(frac[2]);
    return den === 0 ? null : Number(frac[1]) / den;
  }
  return FOLDED.get(phoneticFold(token)) ?? null;
}

const isNum = (t: string | undefined): t is string => t !== undefined && /^\d+(\.\d+)?$/.test(t);

// Keeps at most 3 decimals so float noise (0.1 + 0.2) never reaches a quantity.
const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);

/** Reads "y medio" / "y media" / "y cuarto" / "y un cuarto" at position i; returns [extra, consumed]. */
function andFraction(tokens: string[], i: number): [number, number] {
  if (tokens[i] !== 'y') return [0, 0];
  const next = tokens[i + 1];
  if (next !== undefined && HALF.has(next)) return [0.5, 2];
  if (next === 'cuarto') return [0.25, 2];
  if ((next === 'un' || next === '1') && tokens[i + 2] === 'cuarto') return [0.25, 3];
  return [0, 0];
}

/** Reads a number starting at i (with "treinta y dos" and "1 1/2"); returns [value, consumed]. */
function readNumber(tokens: string[], i: number): [number, number] | null {
  const first = tokens[i];
  if (first === undefined) return null;
  const n = tokenToNumber(first);
  if (n === null) return null;
  let value = n;
  let used = 1;
  const units = tokens[i + 2] !== undefined ? tokenToNumber(tokens[i + 2] ?? '') : null;
  if (n >= 30 && n % 10 === 0 && tokens[i + 1] === 'y' && units !== null && units > 0 && units < 10) {
    value += units;
    used = 3;
  }
  const frac = tokens[i + used];
  if (frac !== undefined && /^\d+\/\d+$/.test(frac)) {
    const f = tokenToNumber(frac);
    if (f !== null && f < 1) {
      value += f;
      used += 1;
    }
  }
  return [value, used];
}

/**
 * Rewrites quantity expressions into plain numeric tokens so later parsing only sees
 * "<number> <unit>": "kilo y medio" → "1.5 kilo", "dos kilos y medio" → "2.5 kilos",
 * "medio kilo" → "0.5 kilo", "un cuarto" → "0.25", "media docena" → "6".
 */
export function rewriteQuantities(tokens: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] ?? '';
    const num = readNumber(tokens, i);
    if (num) {
      let [value, used] = num;
      const next = tokens[i + used];
      if (next !== undefined && QUARTER.has(next)) {
        value *= 0.25;
        used += 1;
      } else if (next !== undefined && DOZEN.has(next)) {
        value *= 12;
        used += 1;
      } else if (next !== undefined && unitOf(next)) {
        const [extra, consumed] = andFraction(tokens, i + used + 1);
        if (consumed > 0) {
          out.push(fmt(value + extra), next);
          i += used + 1 + consumed;
          continue;
        }
      } else {
        const [extra, consumed] = andFraction(tokens, i + used);
        value += extra;
        used += consumed;
      }
      out.push(fmt(value));
      i += used;
      continue;
    }
    if (HALF.has(t)) {
      const dozen = DOZEN.has(tokens[i + 1] ?? '');
      out.push(dozen ? '6' : '0.5');
      i += dozen ? 2 : 1;
      continue;
    }
    if (t === 'cuarto') {
      out.push('0.25');
      i += 1;
      continue;
    }
    if (DOZEN.has(t)) {
      out.push('12');
      i += 1;
      continue;
    }
    if (unitOf(t) && !isNum(out[out.length - 1])) {
      const [extra, consumed] = andFraction(tokens, i + 1);
      if (consumed > 0) {
        out.push(fmt(1 + extra), t);
        i += 1 + consumed;
        continue;
      }
    }
    out.push(t);
    i += 1;
  }
  return out;
}

export const isNumericToken = isNum;
