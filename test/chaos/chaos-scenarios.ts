// The fault scenarios. Each has a business number (and company) of its own, so faults are set
// per number and the scenarios that can share a run go concurrently. Times are from the start of
// their phase; every wait is bounded.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { STATUS_SHARDS } from '../../src/modules/inbox/inbox.repository.ts';
import { newWamid } from '../helpers/meta-client.ts';
import { envelope, unixNow, type Driver, type EmulatorClient, type Ledger, type Scenario } from './chaos-driver.ts';
import { MALFORMED_VARIANTS, malformedDelivery } from './chaos-malformed.ts';
import type { PlatformProcesses } from './chaos-processes.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export type Context = {
  driver: Driver;
  ledger: Ledger;
  emulator: EmulatorClient;
  platform: PlatformProcesses;
  pool: pg.Pool;
  numbers: Record<Scenario, string>;
  progress: (line: string) => void;
};

const CUSTOMER_PREFIX: Record<Scenario | 'bad', string> = { kill: '1', outage: '2', slow: '3', longJob: '4', malformed: '5', bad: '6', poison: '7' };
/** A customer's number (wa_id): distinct per scenario and index. */
export const customer = (scenario: Scenario | 'bad', n: number) => `52${CUSTOMER_PREFIX[scenario]}${String(n).padStart(9, '0')}`;

/** Runs `fn` at `atMs` after `t0`. */
const at = (t0: number, atMs: number, fn: () => Promise<unknown>) => sleep(t0 + atMs - Date.now()).then(fn);

/** A steady stream of single-message customers: `perSecond` for `forMs`. */
async function singles(ctx: Context, scenario: Scenario, perSecond: number, forMs: number, firstCustomer: number): Promise<void> {
  const sends: Promise<unknown>[] = [];
  const t0 = Date.now();
  for (let i = 0; Date.now() - t0 < forMs; i++) {
    sends.push(ctx.driver.sendGood(scenario, ctx.numbers[scenario], customer(scenario, firstCustomer + i), 0));
    await sleep(t0 + ((i + 1) * 1000) / perSecond - Date.now());
  }
  await Promise.all(sends);
}

/** `customers` conversations of `messages` each (`gapMs` apart), their starts spread over `spreadMs`. */
function conversations(ctx: Context, scenario: Scenario, customers: number, messages: number, gapMs: number, spreadMs: number): Promise<unknown> {
  const t0 = Date.now();
  return Promise.all(
    Array.from({ length: customers }, (_, c) =>
      at(t0, (c * spreadMs) / customers, () => ctx.driver.sendConversation(scenario, ctx.numbers[scenario], customer(scenario, c), messages, gapMs)),
    ),
  );
}

/**
 * kill -9 of the web process at 8 s and of the worker at 18 s, each started again 1 s later,
 * under 15 msg/s plus 30 customers writing 3 messages each. The emulator answers this number
 * after 150 ms (an ordinary Meta latency), so the worker is always in the middle of sends whose
 * messages Meta already has when it dies (their statuses will come); for the 1.5 s before the
 * worker's kill the sends stall unaccepted instead, so it also dies with sends that never reached
 * Meta (no status will ever come: they must be sent again, once).
 */
export async function killScenario(ctx: Context): Promise<void> {
  const phone = ctx.numbers.kill;
  const latency = { phone_number_id: phone, mode: 'slow', delay_ms: 150 };
  await ctx.emulator.setFault(latency);
  const t0 = Date.now();
  const load = Promise.all([singles(ctx, 'kill', 15, 26_000, 1_000), conversations(ctx, 'kill', 30, 3, 1_500, 22_000)]);
  await at(t0, 8_000, async () => {
    ctx.progress('kill -9 web');
    await ctx.platform.kill('web');
    await sleep(1_000);
    await ctx.platform.start('web');
    ctx.progress('web restarted');
  });
  await at(t0, 16_500, async () => {
    await ctx.emulator.setFault({ phone_number_id: phone, mode: 'stall', accept: false, delay_ms: 5_000 });
    await sleep(1_500);
    ctx.progress('kill -9 worker');
    await ctx.platform.kill('worker');
    await ctx.emulator.setFault(latency);
    await sleep(1_000);
    await ctx.platform.start('worker');
    ctx.progress('worker restarted');
  });
  await load;
  await ctx.emulator.clearFault(phone);
}

export const OUTAGE_MS = 90_000;

/** Every send of this number fails for 90 s, 500s, 503s and 429s in turn, while customers keep writing. */
export async function outageScenario(ctx: Context): Promise<void> {
  await ctx.emulator.setFault({
    phone_number_id: ctx.numbers.outage,
    mode: 'error',
    errors: ['500', '429', '503', '500:1', '429:80007', '500:131000'],
    duration_ms: OUTAGE_MS,
  });
  await Promise.all([singles(ctx, 'outage', 1, 75_000, 1_000), conversations(ctx, 'outage', 10, 3, 6_000, 27_000)]);
}

/** Meta accepts every send of this number but answers after 3 s, past the client's 1 s timeout, until 35 s. */
export async function slowScenario(ctx: Context): Promise<void> {
  const phone = ctx.numbers.slow;
  await ctx.emulator.setFault({ phone_number_id: phone, mode: 'slow', delay_ms: 3_000 });
  const t0 = Date.now();
  await Promise.all([singles(ctx, 'slow', 1, 20_000, 1_000), conversations(ctx, 'slow', 5, 2, 4_000, 10_000)]);
  await at(t0, 35_000, () => ctx.emulator.clearFault(phone));
}

/** Webhooks with good messages and one bad message each (every variant twice), then one with every variant. */
export async function malformedScenario(ctx: Context): Promise<void> {
  const phone = ctx.numbers.malformed;
  let goodCustomers = 0;
  let badCustomers = 0;
  const deliver = async (variants: string[]) => {
    const good = [0, 1].map(() => ({ waId: customer('malformed', goodCustomers++), id: newWamid(), token: ctx.driver.tokenOf('malformed') }));
    const bad = variants.map((variant) => ({ variant, waId: customer('bad', badCustomers++), token: ctx.driver.tokenOf('malformed') }));
    const messages = good.map((g) => ({ scenario: 'malformed' as const, id: g.id, phoneNumberId: phone, waId: g.waId, token: g.token, seq: 0, acked: false }));
    ctx.ledger.good.push(...messages);
    ctx.ledger.bad.push(...bad.map((b) => ({ scenario: 'malformed' as const, ...b })));
    const delivery = malformedDelivery(phone, good.map((g) => ({ waId: g.waId, id: g.id, text: `quiero ${g.token}` })), bad);
    const acked = await ctx.driver.deliver('malformed', delivery.body);
    for (const m of messages) m.acked = acked;
  };
  const variants = Object.keys(MALFORMED_VARIANTS);
  for (let round = 0; round < 2; round++) {
    for (const variant of variants) {
      await deliver([variant]);
      await sleep(1_200);
    }
  }
  await deliver(variants);
}

/**
 * Poison statuses (errors[].code 1e20, past any integer column) for ids in every status shard,
 * then customers whose replies get ordinary sent/delivered/read statuses in those shards.
 */
export async function poisonScenario(ctx: Context): Promise<void> {
  const phone = ctx.numbers.poison;
  const ids = await idsInEveryShard(ctx.pool, 2);
  for (const id of ids) {
    const payload = envelope(phone, {
      statuses: [{ id, status: 'failed', timestamp: unixNow(), recipient_id: customer('poison', 0), errors: [{ code: '__POISON__', title: 'x', message: 'x' }] }],
    });
    // 1e20 exactly as written: JSON.stringify would spell it out in digits.
    await ctx.driver.deliver('poison', JSON.stringify(payload).replace('"__POISON__"', '1e20'));
  }
  ctx.progress(`${ids.length} poison statuses delivered`);
  await sleep(1_000);
  await Promise.all([singles(ctx, 'poison', 2, 6_000, 1_000), conversations(ctx, 'poison', 3, 2, 3_000, 3_000)]);
}

/** Message ids falling in every status shard (`perShard` each), by the inbox's own shard formula. */
async function idsInEveryShard(pool: pg.Pool, perShard: number): Promise<string[]> {
  const chosen = new Map<number, string[]>();
  while (chosen.size < STATUS_SHARDS || [...chosen.values()].some((ids) => ids.length < perShard)) {
    const candidates = Array.from({ length: 64 }, () => `wamid.poison${randomBytes(20).toString('base64url')}`);
    const { rows } = await pool.query<{ id: string; shard: number }>(
      `SELECT id, hashtext(id) & ${STATUS_SHARDS - 1} AS shard FROM unnest($1::text[]) AS id`,
      [candidates],
    );
    for (const r of rows) {
      const list = chosen.get(r.shard) ?? [];
      if (list.length < perShard) list.push(r.id);
      chosen.set(r.shard, list);
    }
  }
  return [...chosen.values()].flat();
}

/**
 * A job running past the dead-worker sweep: one worker slot, this number's sends answered with
 * a 500 after 9 s; message 1, 20 s later message 2 of the same customer, Meta healthy again at
 * 36 s (so a job retrying in place outlives a 30 s sweep window too). Both must be answered, in order.
 */
export async function longJobScenario(ctx: Context): Promise<void> {
  const phone = ctx.numbers.longJob;
  await ctx.emulator.setFault({ phone_number_id: phone, mode: 'error', errors: ['500'], delay_ms: 9_000 });
  const t0 = Date.now();
  await ctx.driver.sendGood('longJob', phone, customer('longJob', 0), 0);
  await at(t0, 20_000, () => ctx.driver.sendGood('longJob', phone, customer('longJob', 0), 1));
  await at(t0, 36_000, () => ctx.emulator.clearFault(phone));
}
