// Checks on what the model wrote before a customer reads it: amounts of money must be ones the
// tools handed out (or the agent said before, already checked), and no part of the instructions
// may be repeated back.

const AMOUNT = /(?:US\$|\$|S\/\.?|Q\.?|₡|Bs\.?)\s?(\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)|(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?(?:pesos|soles|quetzales|colones|d[oó]lares|bol[ií]vares|mxn|ars|cop|pen|clp|usd)\b/gi;

/** "1,234.50" | "1.234,50" | "45" → cents. */
export function toCentsLoose(raw: string): number | null {
  const s = raw.replace(/\s/g, '');
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const whole = (m[1] ?? '').replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return null;
  const frac = (m[2] ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(frac || '0');
}

export function amountsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const c = toCentsLoose(m[1] ?? m[2] ?? '');
    if (c !== null) out.push(c);
  }
  return out;
}

/** Amounts in `reply` that no tool gave (nor an earlier, checked reply). */
export function inventedAmounts(reply: string, allowed: Set<number>): number[] {
  return amountsIn(reply).filter((c) => !allowed.has(c));
}

const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9ñ ]+/g, ' ').replace(/\s+/g, ' ').trim();

/** Whether the reply repeats a sentence of the instructions (35 characters or more of one, in order). */
export function leaksInstructions(reply: string, instructions: string[]): boolean {
  const r = norm(reply);
  for (const block of instructions) {
    for (const sentence of block.split(/[.\n:]+/)) {
      const n = norm(sentence);
      if (n.length < 35) continue;
      for (let i = 0; i + 35 <= n.length; i += 15) if (r.includes(n.slice(i, i + 35))) return true;
    }
  }
  return false;
}

// Insults and abuse: answered briefly and kindly without calling the model.
const ABUSE = /\b(idiota|imb[eé]cil|est[uú]pid[oa]|pendej[oa]|put[oa]s?|mierda|chinga(?:d[oa]|te|tumadre)?|culer[oa]|huev[oó]n|boludo|pelotudo|malparid[oa]|gonorrea|hijueputa|hdp|marica|cabr[oó]n|tarad[oa]|in[uú]til de mierda)\b/i;
export const isAbuse = (text: string) => ABUSE.test(text);
