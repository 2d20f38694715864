// One chaos run: a fresh database, the emulator and the platform's web and worker processes,
// then two phases. Phase A (16 worker slots) runs concurrently the kill -9, 90 s outage, slow
// Graph, malformed and poison scenarios; phase B restarts the worker with one slot for the
// job that outlives the dead-worker sweep. Then everything is counted from the outside.
import pg from 'pg';
import { freePort } from '../helpers/net.ts';
import { createDriver, createEmulatorClient, createLedger, tokensIn, APP_SECRET, type Ledger, type Scenario } from './chaos-driver.ts';
import { createChaosDatabase, createPlatformProcesses, platformEnv, resetLogs, startEmulatorProcess, LOG_DIR } from './chaos-processes.ts';
import {
  killScenario,
  longJobScenario,
  malformedScenario,
  outageScenario,
  poisonScenario,
  sleep,
  slowScenario,
  OUTAGE_MS,
  type Context,
} from './chaos-scenarios.ts';
import { MALFORMED_VARIANTS } from './chaos-malformed.ts';
import { badAnswered, formatTable, tally, type Tally } from './chaos-tally.ts';

const ADMIN_TOKEN = 'chaos-admin-token-0123456789abcdef0123';
export const SCENARIOS: Scenario[] = ['kill', 'outage', 'slow', 'longJob', 'malformed', 'poison'];
// Bounds: the whole run stays under 5 minutes even when every scenario waits to its deadline
// (setup ~20 s, phase A ≤ 140 s, phase B ≤ 10 + 20 + 36 + 25 s, counting and teardown ~10 s).
const PHASE_A_DEADLINE_MS = OUTAGE_MS + 50_000;
const POISON_AT_MS = 40_000;
const LONG_JOB_SETTLE_MS = 25_000;
const QUIET_MS = 5_000;

/** `crashes`: platform processes that exited without being stopped or killed by the run. */
export type ChaosResult = { tallies: Tally[]; table: string; crashes: string[] };

async function createCompanies(base: string, ctx: Pick<Context, 'emulator'>): Promise<Record<Scenario, string>> {
  const numbers = {} as Record<Scenario, string>;
  for (const [i, scenario] of SCENARIOS.entries()) {
    const phoneNumberId = `80000000000000${i}`;
    const token = `chaos-token-${scenario}`;
    await ctx.emulator.registerNumber(phoneNumberId, token);
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const slug = `chaos-${scenario.toLowerCase()}`;
    const created = await fetch(`${base}/api/companies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ slug, name: `Caos ${scenario}`, plan: 'premium', channel: { phoneNumberId, accessToken: token, throughputPerSecond: 1000 } }),
    });
    if (created.status !== 201) throw new Error(`creating ${slug}: ${created.status} ${await created.text()}`);
    const products = Array.from({ length: 12 }, (_, k) => ({ name: `Producto ${k + 1}`, price: `${10 + k}.50`, unit: 'pieza', stock: 100_000 }));
    const loaded = await fetch(`${base}/api/companies/${slug}/products`, { method: 'POST', headers, body: JSON.stringify({ products }) });
    if (!loaded.ok) throw new Error(`products of ${slug}: ${loaded.status} ${await loaded.text()}`);
    numbers[scenario] = phoneNumberId;
  }
  return numbers;
}

async function storedIds(pool: pg.Pool, ids: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT provider_message_id AS id FROM inbox_events WHERE kind = 'message' AND provider_message_id = ANY($1::text[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

async function replyStatuses(pool: pg.Pool, slug: string): Promise<Map<string, number>> {
  const { rows: [company] } = await pool.query<{ schema_name: string }>('SELECT schema_name FROM companies WHERE slug = $1', [slug]);
  if (!company) return new Map();
  const { rows } = await pool.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM "${company.schema_name}".messages WHERE direction = 'outbound' GROUP BY status ORDER BY status`,
  );
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** Waits until every acked message of these scenarios is answered (and `also` holds), or the deadline. */
async function settle(ctx: Context, scenarios: Scenario[], deadline: number, also: () => Promise<boolean> = async () => true): Promise<boolean> {
  for (;;) {
    const seen = new Set((await ctx.emulator.replies()).flatMap(tokensIn));
    const waiting = ctx.ledger.good.filter((m) => scenarios.includes(m.scenario) && m.acked && !seen.has(m.token));
    if (waiting.length === 0 && (await also())) {
      // Anything sent twice would arrive now.
      await sleep(QUIET_MS);
      return true;
    }
    if (Date.now() > deadline) {
      ctx.progress(`gave up waiting: ${waiting.length} acked messages unanswered (${[...new Set(waiting.map((m) => m.scenario))].join(', ')})`);
      return false;
    }
    await sleep(2_000);
  }
}

/** Runs the selected scenarios (all by default) and counts them. */
export async function runChaos(selected: ReadonlySet<Scenario> = new Set(SCENARIOS)): Promise<ChaosResult> {
  const started = Date.now();
  const progress = (line: string) => console.log(`[chaos ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  resetLogs();
  const db = await createChaosDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const emu = await startEmulatorProcess({ webhookUrl: `${base}/webhook`, appSecret: APP_SECRET });
  const env = platformEnv({ databaseUrl: db.url, port, graphUrl: emu.url, appSecret: APP_SECRET, adminToken: ADMIN_TOKEN });
  const platform = createPlatformProcesses(env);
  try {
    await Promise.all([platform.start('web'), platform.start('worker')]);
    const emulator = createEmulatorClient(emu.emulatorUrl);
    const ledger: Ledger = createLedger();
    const numbers = await createCompanies(base, { emulator });
    const ctx: Context = { driver: createDriver(base, ledger), ledger, emulator, platform, pool, numbers, progress };
    progress(`platform up (web pid ${platform.pid('web')}, worker pid ${platform.pid('worker')}), 6 companies; logs in ${LOG_DIR}`);

    const phaseA: Array<[Scenario, () => Promise<void>]> = [
      ['kill', () => killScenario(ctx)],
      ['outage', () => outageScenario(ctx)],
      ['slow', () => slowScenario(ctx)],
      ['malformed', () => malformedScenario(ctx)],
      ['poison', () => sleep(POISON_AT_MS).then(() => poisonScenario(ctx))],
    ];
    const runA = phaseA.filter(([s]) => selected.has(s));
    if (runA.length > 0) {
      progress(`phase A: ${runA.map(([s]) => s).join(', ')}`);
      const t0 = Date.now();
      await Promise.all(runA.map(([, run]) => run()));
      if (selected.has('outage')) {
        progress(`phase A traffic sent; the outage ends at ${OUTAGE_MS / 1000} s`);
        await sleep(t0 + OUTAGE_MS - Date.now());
      }
      const poisonRead = async () =>
        !selected.has('poison') || [...(await replyStatuses(pool, 'chaos-poison'))].every(([status]) => status === 'read');
      await settle(ctx, runA.map(([s]) => s), t0 + PHASE_A_DEADLINE_MS, poisonRead);
      progress('phase A settled');
    }

    if (selected.has('longJob')) {
      progress('phase B: one worker slot, a job longer than the dead-worker sweep');
      await platform.stop('worker', 10_000);
      // The 9 s 500 must be seen as a 500, not as a timeout: the default send timeout (10 s).
      await platform.start('worker', { WORKER_CONCURRENCY: '1', WHATSAPP_SEND_TIMEOUT_MS: '10000' });
      await longJobScenario(ctx);
      await settle(ctx, ['longJob'], Date.now() + LONG_JOB_SETTLE_MS);
      progress('phase B settled');
    }

    const replies = await emulator.replies();
    const stored = await storedIds(pool, ledger.good.map((m) => m.id));
    const poisonStatuses = await replyStatuses(pool, 'chaos-poison');
    const extra = (scenario: Scenario) =>
      scenario === 'malformed' ? { badAnswered: badAnswered(ledger, scenario, replies, (v) => (MALFORMED_VARIANTS[v]?.replies === 'once' ? 1 : 0)) } : scenario === 'poison' ? { replyStatuses: poisonStatuses } : {};
    const tallies = SCENARIOS.filter((s) => selected.has(s)).map((scenario) => tally(scenario, ledger, replies, stored, extra(scenario)));
    const faults = await emulator.faults();
    const { rows: alerts } = await pool.query<{ kind: string; slug: string | null; n: number }>(
      `SELECT a.kind, c.slug, count(*)::int AS n FROM alerts a LEFT JOIN companies c ON c.id = a.company_id GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const table = [
      formatTable(tallies, (Date.now() - started) / 1000),
      `emulator faults applied: ${JSON.stringify(faults.totals)}`,
      `alerts raised by the platform: ${alerts.map((a) => `${a.kind} ×${a.n}${a.slug ? ` (${a.slug})` : ''}`).join(', ') || 'none'}`,
      ...platform.crashes().map((c) => `✗ ${c}`),
      `logs in ${LOG_DIR}`,
    ].join('\n');
    return { tallies, table, crashes: platform.crashes() };
  } finally {
    await platform.stopAll().catch(() => undefined);
    await emu.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}
