// Counting a chaos run from the outside: what the driver sent and got acked, what the inbox
// stored (the only look inside), and what reached the emulator — answered, lost, duplicated,
// out of order — per scenario, with the reasons a scenario fails.
import { digitsOnly } from '../../src/emulator/meta-webhooks.ts';
import { tokensIn, type EmulatedReply, type GoodMessage, type Ledger, type Scenario } from './chaos-driver.ts';

export type Tally = {
  scenario: Scenario;
  title: string;
  sent: number;
  acked: number;
  stored: number;
  answered: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  serverErrors: number;
  /** Scenario-specific findings shown under the table (bad messages answered, rows not read…). */
  notes: string[];
  problems: string[];
};

export const SCENARIO_TITLES: Record<Scenario, string> = {
  kill: 'kill -9 of web and worker under load',
  outage: '90 s Graph outage (500/503/429), recovery',
  slow: 'Graph slower than the client timeout',
  longJob: 'job longer than the dead-worker sweep',
  malformed: 'malformed messages next to good ones',
  poison: 'poison status, then normal statuses',
};

export type Extra = {
  /** Malformed: bad messages that got a reply, by variant. */
  badAnswered?: Map<string, number>;
  /** Poison: outbound rows of the scenario's company by status. */
  replyStatuses?: Map<string, number>;
};

const sample = (items: string[], n = 5) => (items.length > n ? `${items.slice(0, n).join(', ')} …` : items.join(', '));

export function tally(scenario: Scenario, ledger: Ledger, replies: EmulatedReply[], storedIds: Set<string>, extra: Extra = {}): Tally {
  const good = ledger.good.filter((m) => m.scenario === scenario);
  const numbers = new Set(good.map((m) => m.phoneNumberId));
  // Arrival order at the emulator: the order the customer's phone would show.
  const mine = replies.filter((r) => numbers.has(r.phoneNumberId));
  const arrivals = new Map<string, number[]>();
  mine.forEach((reply, index) => {
    for (const token of tokensIn(reply)) arrivals.set(token, [...(arrivals.get(token) ?? []), index]);
  });
  const answered = good.filter((m) => arrivals.has(m.token));
  const lost = good.filter((m) => !arrivals.has(m.token));
  const duplicated = good.filter((m) => (arrivals.get(m.token)?.length ?? 0) > 1);
  const extraCopies = duplicated.reduce((n, m) => n + arrivals.get(m.token)!.length - 1, 0);

  // A message is out of order when a later message of the same customer was answered first.
  const byCustomer = new Map<string, GoodMessage[]>();
  for (const m of good) byCustomer.set(m.waId, [...(byCustomer.get(m.waId) ?? []), m]);
  const outOfOrder: string[] = [];
  for (const messages of byCustomer.values()) {
    if (messages.length < 2) continue;
    const sorted = [...messages].sort((a, b) => a.seq - b.seq);
    sorted.forEach((m, i) => {
      const first = arrivals.get(m.token)?.[0];
      if (first === undefined) return;
      const overtaken = sorted.slice(i + 1).some((later) => (arrivals.get(later.token)?.[0] ?? Infinity) < first);
      if (overtaken) outOfOrder.push(`${m.token} (customer ${m.waId}, message ${m.seq + 1})`);
    });
  }

  const acked = good.filter((m) => m.acked);
  const stored = good.filter((m) => storedIds.has(m.id));
  const serverErrors = ledger.serverErrors.get(scenario) ?? 0;
  const notes: string[] = [];
  const problems: string[] = [];
  if (lost.length) problems.push(`lost ${lost.length}: ${sample(lost.map((m) => `${m.token} (customer ${m.waId}${m.acked ? '' : ', never acked'})`))}`);
  if (duplicated.length) {
    problems.push(`duplicated ${duplicated.length} (${extraCopies} extra copies): ${sample(duplicated.map((m) => `${m.token} ×${arrivals.get(m.token)!.length}`))}`);
  }
  if (outOfOrder.length) problems.push(`out of order ${outOfOrder.length}: ${sample(outOfOrder)}`);
  if (serverErrors) problems.push(`${serverErrors} answers 5xx to signed webhooks`);
  const refused = ledger.refused.get(scenario) ?? [];
  if (refused.length) problems.push(`${refused.length} webhooks never acked with 200: ${sample(refused, 3)}`);
  if (acked.length < good.length) problems.push(`acked ${acked.length} of ${good.length} good messages`);
  const unstored = acked.filter((m) => !storedIds.has(m.id));
  if (unstored.length) problems.push(`acked but not stored ${unstored.length}: ${sample(unstored.map((m) => m.token))}`);

  // Replies with a fault note were accepted while the emulator held the answer back.
  const held = mine.filter((r) => r.fault !== undefined).length;
  const opaque = mine.filter((r) => typeof r.body.biz_opaque_callback_data === 'string').length;
  if (mine.length) notes.push(`replies at the emulator ${mine.length} (${opaque} carrying biz_opaque_callback_data${held ? `, ${held} accepted while held by a fault` : ''})`);
  const unattributed = mine.filter((r) => tokensIn(r).length === 0 && good.some((m) => m.waId === r.waId)).length;
  if (unattributed) notes.push(`${unattributed} replies to these customers quote no message (not counted as answers)`);

  if (extra.badAnswered) {
    const bad = ledger.bad.filter((b) => b.scenario === scenario);
    const total = [...extra.badAnswered.values()].reduce((a, b) => a + b, 0);
    notes.push(`bad messages ${bad.length} (${[...new Set(bad.map((b) => b.variant))].join('; ')}), replies not allowed ${total}`);
    for (const [variant, n] of extra.badAnswered) if (n > 0) problems.push(`bad message answered (${variant}) ×${n}`);
  }
  if (extra.replyStatuses) {
    const entries = [...extra.replyStatuses];
    const notRead = entries.filter(([s]) => s !== 'read').reduce((a, [, n]) => a + n, 0);
    notes.push(`reply rows by status: ${entries.map(([s, n]) => `${s} ${n}`).join(', ') || 'none'}`);
    if (notRead > 0) problems.push(`${notRead} reply rows never reached read (statuses not applied behind the poison)`);
  }

  return {
    scenario,
    title: SCENARIO_TITLES[scenario],
    sent: good.length,
    acked: acked.length,
    stored: stored.length,
    answered: answered.length,
    lost: lost.length,
    duplicated: duplicated.length,
    outOfOrder: outOfOrder.length,
    serverErrors,
    notes,
    problems,
  };
}

/**
 * Replies beyond what each variant allows (`never`: any; `once`: all but one) that reached the
 * customer of a bad message (by the digits of its number), by variant.
 */
export function badAnswered(ledger: Ledger, scenario: Scenario, replies: EmulatedReply[], allowed: (variant: string) => number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const bad of ledger.bad.filter((b) => b.scenario === scenario)) {
    const n = replies.filter((r) => digitsOnly(r.waId) === bad.waId || tokensIn(r).includes(bad.token)).length;
    counts.set(bad.variant, (counts.get(bad.variant) ?? 0) + Math.max(0, n - allowed(bad.variant)));
  }
  return counts;
}

const COLUMNS = ['sent', 'acked', 'stored', 'answered', 'lost', 'duplicated', 'outOfOrder', 'serverErrors'] as const;
const HEADERS = ['sent', 'acked', 'stored', 'answered', 'lost', 'dup', 'order', '5xx'];

export function formatTable(tallies: Tally[], elapsedSeconds: number): string {
  const width = Math.max(...tallies.map((t) => t.title.length), 'total'.length) + 2;
  const row = (label: string, cells: Array<string | number>, verdict: string) =>
    `${label.padEnd(width)}${cells.map((c) => String(c).padStart(9)).join('')}  ${verdict}`;
  const lines = [row('scenario', HEADERS, 'result'), '-'.repeat(width + HEADERS.length * 9 + 8)];
  for (const t of tallies) lines.push(row(t.title, COLUMNS.map((c) => t[c]), t.problems.length ? 'FAIL' : 'ok'));
  lines.push('-'.repeat(width + HEADERS.length * 9 + 8));
  const failed = tallies.filter((t) => t.problems.length).length;
  lines.push(row('total', COLUMNS.map((c) => tallies.reduce((n, t) => n + t[c], 0)), failed ? `${failed} FAILED` : 'ok'));
  lines.push('');
  for (const t of tallies) {
    if (t.notes.length === 0 && t.problems.length === 0) continue;
    lines.push(`${t.title}:`);
    for (const n of t.notes) lines.push(`    ${n}`);
    for (const p of t.problems) lines.push(`  ✗ ${p}`);
  }
  lines.push('', `chaos run took ${elapsedSeconds.toFixed(0)} s`);
  return lines.join('\n');
}
