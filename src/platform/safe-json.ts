// What PostgreSQL cannot hold, and what no real payload needs, made harmless before anything is
// stored: jsonb and text reject U+0000 and jsonb rejects unpaired UTF-16 surrogates (both can be
// sent escaped in valid JSON), and very deep nesting exhausts the server's stack. Strings and
// keys are cleaned (NUL dropped, an unpaired surrogate becomes U+FFFD, the way UTF-8 encoders
// treat it); depth is measured so a caller can refuse what is too deep.

// A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string without NUL and with each unpaired surrogate replaced by U+FFFD. */
export function cleanString(s: string): string {
  const noNul = s.includes('\0') ? s.replaceAll('\0', '') : s;
  return noNul.replace(LONE_SURROGATE, '\uFFFD');
}

/** Whether the string has what PostgreSQL cannot hold (NUL, an unpaired surrogate). */
export const hasUnstorable = (s: string) => s.includes('\0') || new RegExp(LONE_SURROGATE.source).test(s);

export class UnstorableKeyError extends Error {
  constructor() {
    super('a key holds a NUL or an unpaired surrogate');
  }
}

export class TooDeepError extends Error {
  constructor(readonly limit: number) {
    super(`nested deeper than ${limit} levels`);
  }
}

/**
 * A copy of a parsed JSON value with every string cleaned. Keys are structure, not text: one
 * holding NUL or an unpaired surrogate throws UnstorableKeyError (cleaning it could turn
 * "te\u0000xt" into a real "text" field). Throws TooDeepError past `maxDepth` levels of
 * arrays/objects (bounded, so hostile depth cannot overflow our stack).
 */
export function cleanJson(value: unknown, maxDepth: number, depth = 0): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) throw new TooDeepError(maxDepth);
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, maxDepth, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (hasUnstorable(k)) throw new UnstorableKeyError();
    out[k] = cleanJson(v, maxDepth, depth + 1);
  }
  return out;
}
