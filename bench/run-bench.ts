// Benchmark: the platform as its own processes (web + worker), the Graph API emulator in
// another, and the load generator in this one. Drives signed Meta webhooks at /webhook and
// prints figures.
// Usage: npm run bench -- [--messages 6000] [--rate 200] [--ack-seconds 10] [--customers 3000]
//                         [--companies 8] [--concurrency 64] [--statuses] [--workers 16] [--single] [--profile]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { freePort } from '../test/helpers/net.ts';
import pg from 'pg';
import { createInterface } from 'node:readline';
import { inboundPayload, escapeUnicode, sign } from '../test/helpers/meta-client.ts';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? 'true' : all[i + 1]!]] : [])),
);
const num = (k: string, d: number) => (args[k] ? Number(args[k]) : d);
const MESSAGES = num('messages', 6000);
const RATE = num('rate', 200);
const ACK_SECONDS = num('ack-seconds', 10);
const CUSTOMERS = num('customers', 3000);
const COMPANIES = num('companies', 8);
const CONCURRENCY = num('concurrency', 64);
const WORKERS = num('workers', 16);
const STATUSES = args.statuses === 'true';
const SINGLE = args.single === 'true';
// CPU priority of the worker process (nice value; the platform's default WORKER_NICE is 10).
const WORKER_NICE = num('worker-nice', 10);
const APP_SECRET = 'bench-app-secret';
const ADMIN = 'bench-admin-token-0123456789';
const TEXTS = ['hola', '1', 'catalogo', 'menu', 'mi pedido', 'kiero ver el catalogo', 'ola', '3'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The load generator posts with node:http and a keep-alive agent: fetch costs several times the
// CPU per request, and on two cores that CPU would be taken from the platform being measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function postJson(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

// CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 elsewhere.
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return 0;
  }
}

async function benchDatabase(): Promise<string> {
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query('DROP DATABASE IF EXISTS mostrador_bench WITH (FORCE)');
  await c.query('CREATE DATABASE mostrador_bench');
  await c.end();
  const u = new URL(admin);
  u.pathname = '/mostrador_bench';
  return u.toString();
}

async function main() {
  const dbUrl = await benchDatabase();
  const dbPool = new pg.Pool({ connectionString: dbUrl, max: 1 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const emuProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/emulator-process.ts'], {
    env: { ...process.env, WEBHOOK_URL: `${base}/webhook`, APP_SECRET, STATUSES: String(STATUSES) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const emu = JSON.parse(await new Promise<string>((resolve, reject) => {
    createInterface({ input: emuProcess.stdout! }).once('line', resolve);
    emuProcess.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  })) as { url: string; emulatorUrl: string };
  type Outbound = { waId: string; receivedAt: string };
  const emuApi = {
    registerNumber: (phoneNumberId: string, token: string) =>
      fetch(`${emu.emulatorUrl}/numbers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone_number_id: phoneNumberId, token }) }),
    count: async () => ((await fetch(`${emu.emulatorUrl}/messages/count`).then((r) => r.json())) as { count: number }).count,
    list: async () => ((await fetch(`${emu.emulatorUrl}/messages`).then((r) => r.json())) as { messages: Outbound[] }).messages,
  };
  const profile = args.profile === 'true' ? ['--cpu-prof', '--cpu-prof-dir=.data/profiles'] : [];
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    WHATSAPP_GRAPH_URL: emu.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'bench-verify',
    PLATFORM_ADMIN_TOKEN: ADMIN,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    EMULATOR: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: String(WORKERS),
    WORKER_NICE: String(WORKER_NICE),
    DATABASE_POOL_SIZE: String(Math.max(20, WORKERS + 8)),
  };
  // Default: the documented scaled deployment, a `web` and a `worker` process; --single runs
  // one process doing both (what `npm start` does).
  const roles = SINGLE ? ['all'] : ['web', 'worker'];
  const children = roles.map((role) =>
    spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], { env: { ...env, PROCESS_ROLE: role }, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/readyz`).then((r) => r.status === 200).catch(() => false);
      if (ok) break;
      if (i > 600) throw new Error('platform did not become ready');
      await sleep(100);
    }
    const numbers: string[] = [];
    for (let i = 0; i < COMPANIES; i++) {
      const phoneNumberId = `7${String(i).padStart(14, '0')}`;
      const token = `bench-token-${i}`;
      await emuApi.registerNumber(phoneNumberId, token);
      const slug = `bench-${i}`;
      const res = await fetch(`${base}/api/companies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ slug, name: `Tienda ${i}`, plan: 'premium', channel: { phoneNumberId, accessToken: token, throughputPerSecond: 1000 } }),
      });
      if (res.status >= 300) throw new Error(`company create failed: ${res.status} ${await res.text()}`);
      await fetch(`${base}/api/companies/${slug}/products`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ products: Array.from({ length: 12 }, (_, k) => ({ name: `Producto ${k + 1}`, price: `${10 + k}.50`, unit: 'pieza', stock: 1000 })) }),
      });
      numbers.push(phoneNumberId);
    }
    await sleep(300);

    type Sent = { waId: string; at: number };
    const sent: Sent[] = [];
    const customerOf = (n: number) => ({ phone: numbers[n % numbers.length]!, waId: `52155${String(n).padStart(8, '0')}` });
    async function post(n: number, text: string, dupOf?: { id: string; payload: unknown; body: string }) {
      const c = customerOf(n);
      const built = dupOf ?? (() => {
        const { id, payload } = inboundPayload({ phoneNumberId: c.phone, from: c.waId, name: 'Cliente Bench', message: { type: 'text', text } });
        return { id, payload, body: escapeUnicode(JSON.stringify(payload)) };
      })();
      const t0 = performance.now();
      const at = Date.now();
      const status = await postJson(`${base}/webhook`, built.body, { 'content-type': 'application/json', 'x-hub-signature-256': sign(built.body, APP_SECRET) });
      if (status !== 200) throw new Error(`webhook ${status}`);
      if (!dupOf) sent.push({ waId: c.waId, at });
      return { ms: performance.now() - t0, built };
    }
    async function waitReplies(expected: number, timeoutMs: number) {
      const until = Date.now() + timeoutMs;
      while ((await emuApi.count()) < expected && Date.now() < until) await sleep(100);
      await sleep(500); // anything extra (a duplicate reply) would show up now
      return emuApi.count();
    }

    // The server's own view of acknowledgement time (histogram in /metrics), free of the load
    // generator's event-loop lag: quantiles are bucket upper bounds.
    const ackBuckets = async () => {
      const text = await fetch(`${base}/metrics`).then((r) => r.text());
      return [...text.matchAll(/^mostrador_webhook_ack_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)].map((m) => ({ le: m[1]!, n: Number(m[2]) }));
    };
    const serverQuantile = (before: { le: string; n: number }[], after: { le: string; n: number }[], q: number) => {
      const counts = after.map((b, i) => ({ le: b.le, n: b.n - (before[i]?.n ?? 0) }));
      const total = counts[counts.length - 1]?.n ?? 0;
      const hit = counts.find((b) => b.n >= q * total);
      return hit ? (hit.le === '+Inf' ? '> 1000' : `≤ ${Number(hit.le) * 1000}`) : 'n/a';
    };
    // Warm-up (not measured): 2 s at the phase A rate, so both processes run optimised code with
    // their statements prepared before anything is timed.
    const warmup = RATE * 2;
    const warming: Promise<unknown>[] = [];
    for (let i = 0; i < warmup; i++) {
      warming.push(post((CUSTOMERS - 1 - i) % CUSTOMERS, TEXTS[i % TEXTS.length]!));
      await sleep(1000 / RATE);
    }
    await Promise.all(warming);
    await waitReplies(warmup, 60_000);
    const bucketsBefore = await ackBuckets();

    // Phase A: acknowledgement latency at a fixed rate.
    const ackMs: number[] = [];
    const totalA = RATE * ACK_SECONDS;
    const startA = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < totalA; i++) {
      const due = startA + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inflight.push(post(i % CUSTOMERS, TEXTS[i % TEXTS.length]!).then((r) => void ackMs.push(r.ms)));
    }
    await Promise.all(inflight);
    const bucketsAfter = await ackBuckets();
    const gotA = (await waitReplies(warmup + totalA, 120_000)) - warmup;

    // Phase B: sustained throughput, as fast as the platform takes it, with 3% redeliveries.
    const before = await emuApi.count();
    const ackB: number[] = [];
    let next = 0;
    let dups = 0;
    // CPU used during phase B by each process, to show where the two cores go per message.
    const pgBackends = async () =>
      (await dbPool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = 'mostrador_bench' AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
    const cpuNow = async () => ({
      web: cpuSeconds(children[0]?.pid),
      worker: SINGLE ? 0 : cpuSeconds(children[1]?.pid),
      postgres: (await pgBackends()).reduce((sum, pid) => sum + cpuSeconds(pid), 0),
      emulator: cpuSeconds(emuProcess.pid),
      generator: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    });
    const cpuBefore = await cpuNow();
    const tB = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < MESSAGES) {
          const i = next++;
          const r = await post((i * 7919) % CUSTOMERS, TEXTS[i % TEXTS.length]!);
          ackB.push(r.ms);
          if (i % 33 === 0) {
            await post(0, '', r.built);
            dups++;
          }
        }
      }),
    );
    const ingestSeconds = (Date.now() - tB) / 1000;
    const gotB = (await waitReplies(before + MESSAGES, 300_000)) - before;
    const all = await emuApi.list();
    const phaseB = all.slice(before);
    const lastReply = Math.max(...phaseB.map((r) => Date.parse(r.receivedAt)));
    const cpuAfter = await cpuNow();
    const cpuMs = (k: keyof typeof cpuAfter) => ((cpuAfter[k] - cpuBefore[k]) * 1000) / MESSAGES;
    const e2eSeconds = (lastReply - tB) / 1000;

    // Pair each message with its reply (one reply per message, in order per customer).
    const byCustomer = new Map<string, number[]>();
    for (const r of all) byCustomer.set(r.waId, [...(byCustomer.get(r.waId) ?? []), Date.parse(r.receivedAt)]);
    const sentBy = new Map<string, number[]>();
    for (const s of sent) sentBy.set(s.waId, [...(sentBy.get(s.waId) ?? []), s.at]);
    const latB: number[] = [];
    let lost = 0;
    let extra = 0;
    for (const [waId, times] of sentBy) {
      const got = (byCustomer.get(waId) ?? []).sort((a, b) => a - b);
      if (got.length < times.length) lost += times.length - got.length;
      if (got.length > times.length) extra += got.length - times.length;
      times.forEach((t, k) => {
        if (got[k] !== undefined && t >= tB) latB.push(got[k]! - t);
      });
    }
    // With status webhooks on: wait until they are all applied, then say how far the replies got.
    let statusLine: string | undefined;
    if (STATUSES) {
      const statusEvents = async (state: 'pending' | 'processed') =>
        Number((await dbPool.query<{ n: string }>(`SELECT count(*) AS n FROM inbox_events WHERE kind = 'status' AND state = $1`, [state])).rows[0]!.n);
      for (let waited = 0; waited < 60_000 && (await statusEvents('pending')) > 0; waited += 250) await sleep(250);
      const counts = new Map<string, number>();
      const { rows: schemas } = await dbPool.query<{ schema_name: string }>('SELECT schema_name FROM companies');
      for (const { schema_name } of schemas) {
        const { rows } = await dbPool.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM "${schema_name}".messages WHERE direction = 'outbound' GROUP BY status`,
        );
        for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + r.n);
      }
      const applied = await statusEvents('processed');
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      statusLine = `   statuses: ${applied} status webhooks applied; replies by status: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')} (of ${total})`;
    }
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
    const lines = [
      `Mostrador benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      `processes: ${roles.join(' + ')}${WORKER_NICE && !SINGLE ? ` (worker at nice ${WORKER_NICE})` : ''}, emulator, load generator; companies ${COMPANIES} (1000 msg/s per number), customers ${CUSTOMERS}, worker concurrency ${WORKERS}, status webhooks ${STATUSES ? 'on' : 'off'}`,
      ``,
      `A. acknowledgement at ${RATE} msg/s for ${ACK_SECONDS} s (${totalA} webhooks, after ${warmup} unmeasured to warm up)`,
      `   ack seen by the sender   p50 ${f(pct(ackMs, 50))} ms   p99 ${f(pct(ackMs, 99))} ms   max ${f(Math.max(...ackMs))} ms   replies ${gotA}/${totalA}`,
      `   ack measured by the server   p50 ${serverQuantile(bucketsBefore, bucketsAfter, 0.5)} ms   p99 ${serverQuantile(bucketsBefore, bucketsAfter, 0.99)} ms`,
      `B. sustained: ${MESSAGES} messages (+${dups} redeliveries) with ${CONCURRENCY} concurrent senders`,
      `   ingest ${f(MESSAGES / ingestSeconds)} msg/s (ack p50 ${f(pct(ackB, 50))} ms, p99 ${f(pct(ackB, 99))} ms)`,
      `   end to end ${f(gotB / e2eSeconds)} msg/s (${gotB} replies in ${f(e2eSeconds)} s, inbound stored → reply accepted by the emulator)`,
      `   reply latency p50 ${f(pct(latB, 50))} ms   p99 ${f(pct(latB, 99))} ms`,
      `   CPU per message: ${SINGLE ? `platform ${f(cpuMs('web'))}` : `web ${f(cpuMs('web'))}, worker ${f(cpuMs('worker'))}`}, PostgreSQL ${f(cpuMs('postgres'))} ms` +
        ` (platform + database ${f(cpuMs('web') + cpuMs('worker') + cpuMs('postgres'))} ms); emulator ${f(cpuMs('emulator'))}, load generator ${f(cpuMs('generator'))} ms`,
      `   lost ${lost}   duplicated ${extra}   (messages sent ${sent.length}, replies ${all.length})`,
      ...(statusLine ? [statusLine] : []),
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    await dbPool.end();
    await Promise.all([...children, emuProcess].map((c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); })));
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
