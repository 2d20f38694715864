import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from './chaos-driver.ts';
import { runChaos, SCENARIOS, type ChaosResult } from './chaos-run.ts';

// `npm run test:chaos`: the platform as real web and worker processes, the Graph API emulator as
// a third one failing on demand, and signed webhooks from this process. One run (about 3
// minutes, at most 5) feeds every scenario; each is judged on its own counts: nothing lost,
// nothing answered twice, nothing out of order, no 5xx to a signed webhook.
// CHAOS_SCENARIOS=kill,longJob (names below) runs only those, e.g. while fixing one of them.

const wanted = process.env.CHAOS_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = wanted?.filter((s) => !(SCENARIOS as string[]).includes(s)) ?? [];
if (unknown.length > 0) throw new Error(`CHAOS_SCENARIOS: unknown ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
const selected = new Set<Scenario>(wanted?.length ? (wanted as Scenario[]) : SCENARIOS);
const runs = (s: Scenario) => it.runIf(selected.has(s));

let result: ChaosResult;

beforeAll(async () => {
  result = await runChaos(selected);
  console.log(`\n${result.table}\n`);
}, 320_000);

function expectClean(scenario: Scenario) {
  const t = result.tallies.find((x) => x.scenario === scenario)!;
  expect(t.sent, `${t.title}: messages sent`).toBeGreaterThan(0);
  expect(t.problems, t.title).toEqual([]);
}

describe('chaos: the platform under faults, counted from outside', () => {
  runs('kill')('kill -9 of the web and the worker process under load: every acked message answered once, in order', () => expectClean('kill'));
  runs('outage')('a 90 s Graph outage of 500s and 429s: every reply arrives after recovery, none dropped or repeated', () => expectClean('outage'));
  runs('slow')('a Graph slower than the client timeout: no reply reaches the customer twice', () => expectClean('slow'));
  runs('longJob')('a job running longer than the dead-worker sweep: both messages answered, in order', () => expectClean('longJob'));
  runs('malformed')('malformed messages next to good ones: good ones stored, acked and answered, bad ones never answered, no 5xx', () => expectClean('malformed'));
  runs('poison')('a poison status: later statuses of its shard are still applied (replies reach read)', () => expectClean('poison'));
  it('no platform process dies on its own', () => expect(result.crashes).toEqual([]));
});
