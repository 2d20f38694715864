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

export class TooDeepError extends Error {
  constructor(readonly limit: number) {
    super(`nested deeper than ${limit} levels`);
  }
}

/**
 * A copy of a parsed JSON value with every string and key cleaned. Throws TooDeepError past
 * `maxDepth` levels of arrays/objects (iteratively bounded, so hostile depth cannot overflow our stack).
 */
export function cleanJson(value: unknown, maxDepth: number, depth = 0): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) throw new TooDeepError(maxDepth);
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, maxDepth, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[cleanString(k)] = cleanJson(v, maxDepth, depth + 1);
  return out;
}
