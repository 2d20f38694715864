import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from './helpers/net.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startGraphEmulator, type RunningGraphEmulator } from '../src/emulator/graph-emulator.ts';
import { newPhoneNumberId, testDatabaseUrl, testLogger } from './helpers/db.ts';
import { APP_SECRET, inboundPayload, postWebhook } from './helpers/meta-client.ts';

// The platform as a real separate process, killed with SIGKILL in the middle of a burst of
// messages and started again: every acknowledged message must still be answered exactly once.

const ADMIN = 'restart-admin-token-0123456789';
const KEY = randomBytes(32).toString('hex');
let emu: RunningGraphEmulator;
let port: number;
let child: ChildProcess | undefined;


async function startChild() {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: testDatabaseUrl(),
      PORT: String(port),
      HOST: '127.0.0.1',
      WHATSAPP_GRAPH_URL: emu.url,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'restart-verify',
      PLATFORM_ADMIN_TOKEN: ADMIN,
      TOKEN_ENCRYPTION_KEY: KEY,
      EMULATOR: 'false',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'fatal',
      WORKER_CONCURRENCY: '4',
      // A reply cut off mid-send waits this long for its status before it is sent again.
      OUTBOUND_UNKNOWN_GRACE_SECONDS: '4',
    },
    stdio: process.env.TEST_CHILD_OUTPUT ? 'inherit' : 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('platform did not start');
}

beforeAll(async () => {
  port = await freePort();
  // Status webhooks on, redelivered while the platform is down (Meta retries for days): they are
  // what tells the restarted platform which replies cut off mid-send had reached Meta.
  emu = await startGraphEmulator({
    port: 0,
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    appSecret: APP_SECRET,
    logger: testLogger(),
    statusWebhooks: true,
    webhookRetryDelaysMs: [200, 500, 1000, 2000, 3000, 5000, 8000, 10_000, 15_000],
    throughputPerSecond: 1000,
  });
  await startChild();
}, 60_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await emu.close();
});

describe('a crash in the middle of traffic', () => {
  it('loses no acknowledged message and answers each exactly once after restart', async () => {
    const phoneNumberId = newPhoneNumberId();
    emu.emulator.registerNumber({ phoneNumberId, token: 'restart-token-1' });
    const created = await fetch(`http://127.0.0.1:${port}/api/companies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: `r-${randomBytes(3).toString('hex')}`, name: 'Reinicio', plan: 'premium', channel: { phoneNumberId, accessToken: 'restart-token-1', throughputPerSecond: 1000 } }),
    });
    expect(created.status).toBe(201);

    const acked = new Map<string, string>(); // wamid → customer
    const base = `http://127.0.0.1:${port}`;
    let stop = false;
    const senders = Array.from({ length: 8 }, async (_, s) => {
      for (let i = 0; !stop && i < 200; i++) {
        const from = `52155${String(s).padStart(2, '0')}${String(i % 20).padStart(6, '0')}`;
        const { id, payload } = inboundPayload({ phoneNumberId, from, message: { type: 'text', text: i % 2 ? 'hola' : 'menu' } });
        const res = await postWebhook(base, payload).catch(() => undefined);
        if (res?.status === 200) acked.set(id, from);
      }
    });
    // Killed mid-traffic: once enough messages are in (however busy the machine is).
    for (const until = Date.now() + 20_000; acked.size < 40 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    await exited;
    expect(acked.size).toBeGreaterThan(20);

    // Durable before acknowledged: every message that got a 200 is in the inbox.
    const pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    const { rows } = await pool.query<{ provider_message_id: string; wa_id: string }>(
      `SELECT i.provider_message_id, i.wa_id FROM inbox_events i JOIN channels c ON c.id = i.channel_id WHERE c.phone_number_id = $1 AND i.kind = 'message'`,
      [phoneNumberId],
    );
    await pool.end();
    const stored = new Set(rows.map((r) => r.provider_message_id));
    for (const id of acked.keys()) expect(stored.has(id), `acknowledged ${id} stored`).toBe(true);

    await startChild();
    const expected = rows.length;
    const replies = () => emu.emulator.store.listOutbound({ phoneNumberId });
    // Settled: every reply arrived, or every message is handled and no reply is left to send.
    const check = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    const { rows: [company] } = await check.query<{ schema_name: string }>(
      'SELECT co.schema_name FROM companies co JOIN channels c ON c.company_id = co.id WHERE c.phone_number_id = $1',
      [phoneNumberId],
    );
    const count = async (sql: string, params: unknown[] = []) => Number((await check.query<{ n: string }>(sql, params)).rows[0]!.n);
    const settled = async () =>
      replies().length >= expected ||
      ((await count(
        `SELECT count(*) AS n FROM inbox_events i JOIN channels c ON c.id = i.channel_id
         WHERE c.phone_number_id = $1 AND i.kind = 'message' AND i.state = 'pending'`,
        [phoneNumberId],
      )) === 0 &&
        (await count(`SELECT count(*) AS n FROM "${company!.schema_name}".messages WHERE direction = 'outbound' AND status IN ('pending', 'sending', 'retry', 'unknown')`)) === 0);
    const deadline = Date.now() + 60_000;
    while (!(await settled()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1000));
    const unsettled = await count(
      `SELECT count(*) AS n FROM "${company!.schema_name}".messages WHERE direction = 'outbound' AND status NOT IN ('accepted', 'sent', 'delivered', 'read')`,
    );
    await check.end();
    const perCustomer = new Map<string, number>();
    for (const m of replies()) perCustomer.set(m.waId, (perCustomer.get(m.waId) ?? 0) + 1);
    const sentPer = new Map<string, number>();
    for (const r of rows) sentPer.set(r.wa_id, (sentPer.get(r.wa_id) ?? 0) + 1);
    // Every acknowledged message answered exactly once: a reply cut off mid-send is settled by
    // its status (it had reached Meta) or sent again once its grace passed without one.
    for (const [from, n] of sentPer) expect(perCustomer.get(from) ?? 0, `replies to ${from}`).toBe(n);
    expect(unsettled).toBe(0);
  }, 120_000);
});
