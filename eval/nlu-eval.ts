// Scores understand() (and the product parsing that reads its request) on the corpus in
// eval/corpus/*.jsonl: intent accuracy overall, per region and per intent, slot accuracy, and
// every confusion. `npm run eval:nlu` prints it; test/conversations/nlu-corpus.test.ts keeps the
// scores at or above eval/floor.json.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizeText } from '../src/modules/conversations/nlu/normalize.ts';
import { parseOrderLines } from '../src/modules/conversations/nlu/order-lines.ts';
import { matchProduct } from '../src/modules/conversations/nlu/product-matcher.ts';
import { isMeasureUnit, productUnitCode } from '../src/modules/conversations/nlu/units.ts';
import { understand, type Quantity, type Region, type Understanding } from '../src/modules/conversations/nlu/understanding.ts';
import { zonedTime, zoneParts } from '../src/modules/conversations/nlu/when.ts';
import { DEMO_CATALOG, type DemoProduct } from './demo-catalog.ts';

type ExpectedQuantity = { value: number; unit?: string };
type Expected = {
  region: Region;
  text: string;
  intent: Understanding['intent'];
  slots: {
    items?: Array<{ product: string; quantity?: number; unit?: string }>;
    edit?: { kind: string; target?: string; quantity?: ExpectedQuantity; replacement?: string; replacementQuantity?: ExpectedQuantity };
    question?: { kind: string; product?: string; area?: string };
    when?: { from: string; to: string };
    orderCode?: string;
  };
};

// Every utterance is read on Tuesday 2026-12-01 at 10:00 in its region's (first) time zone.
export const TIME_ZONES: Record<Region, string> = {
  mx: 'America/Mexico_City', ar: 'America/Argentina/Buenos_Aires', co: 'America/Bogota', pe: 'America/Lima',
  cl: 'America/Santiago', ca: 'America/Guatemala',
};
const LOCAL_NOW_MINUTES = 10 * 60;

const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

export function loadCorpus(dir = CORPUS_DIR): Expected[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Expected),
    );
}

const byId = new Map(DEMO_CATALOG.map((p) => [p.id, p]));

/** Does this product text name the expected product? Unknown products must not match anything. */
function namesProduct(text: string | undefined, expected: string): boolean {
  if (text === undefined) return false;
  const outcome = matchProduct(text, DEMO_CATALOG);
  if (byId.has(expected)) return outcome.kind === 'unique' && outcome.product.id === expected;
  return outcome.kind !== 'unique' && normalizeText(text).includes(normalizeText(expected));
}

const sameQuantity = (got: Quantity | undefined, want: ExpectedQuantity | undefined): boolean =>
  want === undefined ? got === undefined : got !== undefined && got.value === want.value && (got.unit ?? null) === (want.unit ?? null);

function unitMatches(parsed: string | null, expected: string | undefined, product: DemoProduct | undefined): boolean {
  const measure = isMeasureUnit(parsed as never) ? parsed : null;
  // "medio de queso" is half of the unit the product is sold by.
  const effective = measure ?? (product && isMeasureUnit(productUnitCode(product.unit)) ? productUnitCode(product.unit) : null);
  return expected === undefined ? measure === null : effective === expected;
}

function itemsCorrect(u: Understanding, want: NonNullable<Expected['slots']['items']>): boolean {
  const lines = parseOrderLines(u.request);
  if (lines.length !== want.length) return false;
  return want.every((item, i) => {
    const line = lines[i];
    if (!line || !namesProduct(line.productQuery, item.product)) return false;
    const quantityOk = (line.quantity ?? null) === (item.quantity ?? null);
    return quantityOk && unitMatches(line.unit, item.unit, byId.get(item.product));
  });
}

const localTime = (d: Date, tz: string): string => {
  const p = zoneParts(d, tz);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}`;
};

/** Which of the expected slots the understanding got wrong (empty: all right). */
function slotErrors(e: Expected, u: Understanding, tz: string): string[] {
  const errors: string[] = [];
  const w = e.slots;
  if (w.items && w.items.length > 0 && !itemsCorrect(u, w.items)) errors.push('items');
  if (w.edit) {
    const g = u.edit;
    const ok =
      g !== undefined && g.kind === w.edit.kind &&
      (w.edit.target === undefined ? g.target === undefined : namesProduct(g.target, w.edit.target)) &&
      (w.edit.replacement === undefined ? g.replacement === undefined : namesProduct(g.replacement, w.edit.replacement)) &&
      sameQuantity(g.quantity, w.edit.quantity) && sameQuantity(g.replacementQuantity, w.edit.replacementQuantity);
    if (!ok) errors.push('edit');
  }
  if (w.question) {
    const g = u.question;
    const ok =
      g !== undefined && g.kind === w.question.kind &&
      (w.question.product === undefined || namesProduct(g.product, w.question.product)) &&
      (w.question.area === undefined || (g.area !== undefined && normalizeText(g.area).includes(normalizeText(w.question.area))));
    if (!ok) errors.push('question');
  }
  if (w.when) {
    if (!u.when || localTime(u.when.from, tz) !== w.when.from || localTime(u.when.to, tz) !== w.when.to) errors.push('when');
  } else if (e.intent === 'order' && u.when) errors.push('when');
  if ((w.orderCode ?? null) !== (u.orderCode ?? null)) errors.push('orderCode');
  return errors;
}

type Score = { total: number; right: number };
export type EvalReport = {
  utterances: number;
  intent: { overall: number; regions: Record<string, number>; intents: Record<string, number> };
  slots: { overall: number; kinds: Record<string, number>; checked: number };
  confusions: Array<{ region: string; text: string; expected: string; got: string; slots: string[] }>;
  microsPerMessage: number;
};

const ratio = (s: Score): number => (s.total === 0 ? 1 : s.right / s.total);
const bump = (map: Map<string, Score>, key: string, right: boolean): void => {
  const s = map.get(key) ?? { total: 0, right: 0 };
  s.total += 1;
  if (right) s.right += 1;
  map.set(key, s);
};
const ratios = (map: Map<string, Score>): Record<string, number> =>
  Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, ratio(s)]));

export function evaluateCorpus(corpus: readonly Expected[] = loadCorpus()): EvalReport {
  const overall: Score = { total: 0, right: 0 };
  const slots: Score = { total: 0, right: 0 };
  const regions = new Map<string, Score>();
  const intents = new Map<string, Score>();
  const slotKinds = new Map<string, Score>();
  const confusions: EvalReport['confusions'] = [];
  let spent = 0;
  for (const e of corpus) {
    const tz = TIME_ZONES[e.region];
    const d = zonedTime(2026, 12, 1, LOCAL_NOW_MINUTES, tz);
    const started = performance.now();
    const u = understand(e.text, { now: d, timeZone: tz });
    spent += performance.now() - started;
    const intentOk = u.intent === e.intent;
    overall.total += 1;
    if (intentOk) overall.right += 1;
    bump(regions, e.region, intentOk);
    bump(intents, e.intent, intentOk);
    const kinds = Object.keys(e.slots).filter((k) => k !== 'items' || (e.slots.items?.length ?? 0) > 0);
    const errors = slotErrors(e, u, tz);
    if (kinds.length > 0 || errors.length > 0) {
      slots.total += 1;
      if (errors.length === 0) slots.right += 1;
      for (const k of kinds) bump(slotKinds, k, !errors.includes(k));
    }
    if (!intentOk || errors.length > 0) confusions.push({ region: e.region, text: e.text, expected: e.intent, got: u.intent, slots: errors });
  }
  return {
    utterances: corpus.length,
    intent: { overall: ratio(overall), regions: ratios(regions), intents: ratios(intents) },
    slots: { overall: ratio(slots), kinds: ratios(slotKinds), checked: slots.total },
    confusions,
    microsPerMessage: corpus.length === 0 ? 0 : Math.round((spent * 1000) / corpus.length),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatReport(r: EvalReport): string {
  const lines = [`NLU corpus: ${r.utterances} utterances`, `intent accuracy: ${pct(r.intent.overall)}`, '', 'per region:'];
  for (const [k, v] of Object.entries(r.intent.regions)) lines.push(`  ${k.padEnd(14)} ${pct(v)}`);
  lines.push('', 'per intent:');
  for (const [k, v] of Object.entries(r.intent.intents)) lines.push(`  ${k.padEnd(14)} ${pct(v)}`);
  lines.push('', `slot accuracy: ${pct(r.slots.overall)} (${r.slots.checked} utterances with slots)`);
  for (const [k, v] of Object.entries(r.slots.kinds)) lines.push(`  ${k.padEnd(14)} ${pct(v)}`);
  lines.push('', `confusions (${r.confusions.length}):`);
  for (const c of r.confusions) {
    const what = c.expected === c.got ? `${c.expected}, slots wrong: ${c.slots.join(', ')}` : `${c.expected} → ${c.got}${c.slots.length ? `; slots wrong: ${c.slots.join(', ')}` : ''}`;
    lines.push(`  [${c.region}] "${c.text}": ${what}`);
  }
  lines.push('', `understand(): ${r.microsPerMessage} µs per message on average (first run includes warm-up)`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${formatReport(evaluateCorpus())}\n`);
}
