// Text normalization shared by intents, order-line parsing and product matching. Pure functions.

/** Lowercase, no accents, no emoji/punctuation (keeps digits, '.', ',' and '/' inside numbers). */
export function normalizeText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/(\d)\s*\/\s*(\d)/g, '$1/$2')
    .replace(/[^a-z0-9./\s]/g, ' ')
    .replace(/(^|\s)[./]+|[./]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Folds the spellings Spanish speakers mix up when typing fast (k/qu/c, s/z/c, b/v, y/ll, silent h)
 * so "kiero" and "quiero", "sebolla" and "cebolla" compare equal.
 */
export function phoneticFold(token: string): string {
  return token
    .replace(/qu/g, 'k')
    .replace(/c([eiy])/g, 's$1')
    .replace(/ch/g, 'x')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/v/g, 'b')
    .replace(/ll/g, 'y')
    .replace(/(^|[^sx])h/g, '$1')
    .replace(/(.)\1+/g, '$1');
}

/** Naive Spanish singular: "tomates" → "tomate", "garrafones" → "garrafon", "papas" → "papa". */
export function singularize(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) return token;
  if (/(ones|ores|ales|oles|ares|eres|anes)$/.test(token)) return token.slice(0, -2);
  if (token.endsWith('ces')) return `${token.slice(0, -3)}z`;
  if (token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/** A comparable key for one word: singular, then phonetically folded. */
export function wordKey(token: string): string {
  return phoneticFold(singularize(token));
}

/** Levenshtein distance with an early exit once `max` is exceeded. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** How many typos we forgive for words of this length. */
export function allowedTypos(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

/** True when two word keys (see wordKey) are the same word modulo small typos. */
export function sameKey(ka: string, kb: string): boolean {
  if (ka === kb) return true;
  const max = allowedTypos(Math.min(ka.length, kb.length));
  return max > 0 && editDistance(ka, kb, max) <= max;
}

/** True when two words are the same word modulo plural, spelling and small typos. */
export function sameWord(a: string, b: string): boolean {
  const ka = wordKey(a);
  const kb = wordKey(b);
  if (ka === kb) return true;
  const max = allowedTypos(Math.min(ka.length, kb.length));
  return max > 0 && editDistance(ka, kb, max) <= max;
}
