// The processes a benchmark drives: a fresh database, the Graph API emulator in its own process,
// and the platform as `web` + `worker` (or one process doing both), with companies registered.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { freePort } from '../test/helpers/net.ts';

export const APP_SECRET = 'bench-app-secret';
export const ADMIN = 'bench-admin-token-0123456789abcdef';
export const BENCH_DATABASE = 'mostrador_bench';
// In production the platform serves /metrics only with a Bearer token (older versions ignore it).
export const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type PlatformOptions = {
  single: boolean;
  workers: number;
  workerNice: number;
  statuses: boolean;
  companies: number;
  profile: boolean;
  /** More settings for the platform's processes (the AI benchmark's model server). */
  env?: Record<string, string>;
};

export type Outbound = { waId: string; receivedAt: string };

async function createBenchDatabase(): Promise<string> {
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${BENCH_DATABASE}`;
  return u.toString();
}

export async function startBenchPlatform(o: PlatformOptions) {
  const dbUrl = await createBenchDatabase();
  const dbPool = new pg.Pool({ connectionString: dbUrl, max: 1 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const emuProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/emulator-process.ts'], {
    env: { ...process.env, WEBHOOK_URL: `${base}/webhook`, APP_SECRET, STATUSES: String(o.statuses) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const emu = JSON.parse(await new Promise<string>((resolve, reject) => {
    createInterface({ input: emuProcess.stdout! }).once('line', resolve);
    emuProcess.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  })) as { url: string; emulatorUrl: string };
  const emuApi = {
    registerNumber: (phoneNumberId: string, token: string) =>
      fetch(`${emu.emulatorUrl}/numbers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone_number_id: phoneNumberId, token }) }),
    count: async () => ((await fetch(`${emu.emulatorUrl}/messages/count`).then((r) => r.json())) as { count: number }).count,
    list: async () => ((await fetch(`${emu.emulatorUrl}/messages`).then((r) => r.json())) as { messages: Outbound[] }).messages,
  };
  const profile = o.profile ? ['--cpu-prof', '--cpu-prof-dir=.data/profiles'] : [];
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
    METRICS_TOKEN,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    EMULATOR: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: String(o.workers),
    WORKER_NICE: String(o.workerNice),
    DATABASE_POOL_SIZE: String(Math.max(20, o.workers + 8)),
    ...o.env,
  };
  // Default: the documented scaled deployment, a `web` and a `worker` process; single: one
  // process doing both (what `npm start` does).
  const roles = o.single ? ['all'] : ['web', 'worker'];
  const children: ChildProcess[] = roles.map((role) =>
    spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], { env: { ...env, PROCESS_ROLE: role }, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  const stop = async () => {
    await dbPool.end();
    await Promise.all([...children, emuProcess].map((c) => new Promise((r) => {
      if (c.exitCode !== null || c.signalCode !== null) return r(undefined);
      c.once('exit', r);
      c.kill('SIGTERM');
    })));
  };
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/readyz`).then((r) => r.status === 200).catch(() => false);
      if (ok) break;
      if (i > 600) throw new Error('platform did not become ready');
      await sleep(100);
    }
    const numbers: string[] = [];
    for (let i = 0; i < o.companies; i++) {
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
    return { base, dbPool, emuProcess, emuApi, children, roles, numbers, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>;
