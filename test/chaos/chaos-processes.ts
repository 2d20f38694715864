// The real processes of a chaos run: a fresh database, the Graph API emulator as its own process
// (faults on demand), and the platform as separate `web` and `worker` processes that can be
// killed with SIGKILL and started again. Their output goes to .data/chaos/<name>.log.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

export const LOG_DIR = path.resolve('.data/chaos');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Empties the log folder: each run's logs stand alone (restarts of a process append). */
export function resetLogs(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
}

function logTo(name: string): WriteStream {
  mkdirSync(LOG_DIR, { recursive: true });
  const stream = createWriteStream(path.join(LOG_DIR, `${name}.log`), { flags: 'a' });
  stream.write(`\n=== ${name} started ${new Date().toISOString()} ===\n`);
  return stream;
}

/** A database of its own on DATABASE_URL's server (or the local one), dropped at the end. */
export async function createChaosDatabase() {
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `mostrador_chaos_${process.pid}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitOf(child);
  child.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

export type EmulatorProcess = { url: string; emulatorUrl: string; child: ChildProcess; stop(): Promise<void> };

/** bench/emulator-process.ts with status webhooks on and Meta-like webhook retries (tens of seconds). */
export async function startEmulatorProcess(opts: { webhookUrl: string; appSecret: string }): Promise<EmulatorProcess> {
  const log = logTo('emulator');
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/emulator-process.ts'], {
    env: {
      ...process.env,
      WEBHOOK_URL: opts.webhookUrl,
      APP_SECRET: opts.appSecret,
      STATUSES: 'true',
      STATUS_DELAY_MS: '20',
      THROUGHPUT: '1000',
      // Meta retries a webhook for days; these ~40 s outlast a restart of the web process.
      WEBHOOK_RETRY_DELAYS: '100,200,400,800,1600,3000,5000,5000,5000,5000,5000,5000,5000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log);
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}); see ${LOG_DIR}/emulator.log`)));
  });
  const urls = JSON.parse(first) as { url: string; emulatorUrl: string };
  return { ...urls, child, stop: () => stopChild(child, 5_000) };
}

export type Role = 'web' | 'worker';

/** Settings of the platform processes of a chaos run (the lead's reliability settings included). */
export function platformEnv(opts: { databaseUrl: string; port: number; graphUrl: string; appSecret: string; adminToken: string }) {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: opts.databaseUrl,
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    WHATSAPP_GRAPH_URL: opts.graphUrl,
    WHATSAPP_APP_SECRET: opts.appSecret,
    WHATSAPP_VERIFY_TOKEN: 'chaos-verify-token',
    PLATFORM_ADMIN_TOKEN: opts.adminToken,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    EMULATOR: 'false',
    DEMO_DATA: 'false',
    CHECK_CHANNELS_ON_START: 'false',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    DATABASE_POOL_SIZE: '24',
    WORKER_CONCURRENCY: '16',
    // Meta slower than this is the "slow Graph" scenario; the emulator answers it after 3 s.
    WHATSAPP_SEND_TIMEOUT_MS: '1000',
    OUTBOUND_RETRY_HORIZON_MINUTES: '1440',
    // Retries of a reply reach Meta within ~12 s of the outage's end, inside the run's deadline.
    OUTBOUND_RETRY_MAX_DELAY_SECONDS: '10',
    // Longer than statuses can be held back here: the kill -9 of the web process keeps them out
    // for its restart (up to ~20 s on a busy 2-core machine) plus the emulator's retry pauses.
    // A resend after a shorter grace would be a duplicate the platform could not have avoided.
    OUTBOUND_UNKNOWN_GRACE_SECONDS: '30',
    // The reconciler looks often, but only at work older than its default threshold (60 s): a
    // scenario healed by it shows as an alert, and a message it would heal only later as lost.
    RECONCILE_INTERVAL_MS: '2000',
  };
}

/** The platform as a `web` and a `worker` process (src/main.ts with PROCESS_ROLE), restartable. */
export function createPlatformProcesses(baseEnv: Record<string, string>) {
  const children = new Map<Role, ChildProcess>();
  // Processes this run stops or kills on purpose; any other exit is a crash worth reporting.
  const ending = new Set<ChildProcess>();
  const crashes: string[] = [];
  const base = `http://127.0.0.1:${baseEnv.PORT}`;

  async function start(role: Role, extraEnv: Record<string, string> = {}): Promise<void> {
    const log = logTo(role);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...baseEnv, ...extraEnv, PROCESS_ROLE: role },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(role, child);
    child.once('exit', (code, signal) => {
      if (!ending.has(child)) crashes.push(`${role} process (pid ${child.pid}) exited by itself with ${signal ?? `code ${code}`}; see ${LOG_DIR}/${role}.log`);
    });
    let started = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.write(`${line}\n`);
      if (line.includes('Mostrador started')) started = true;
    });
    child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${role} process exited with ${child.exitCode} while starting; see ${LOG_DIR}/${role}.log`);
      const ready = role === 'web' ? await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false) : started;
      if (ready && started) return;
      if (Date.now() > deadline) throw new Error(`${role} process not started after 60 s; see ${LOG_DIR}/${role}.log`);
      await sleep(100);
    }
  }

  return {
    base,
    start,
    pid: (role: Role) => children.get(role)?.pid,
    /** Exits this run did not cause. */
    crashes: () => [...crashes],
    /** kill -9: no shutdown, locks and claimed rows left behind as after a crash. */
    async kill(role: Role): Promise<void> {
      const child = children.get(role);
      if (!child) return;
      ending.add(child);
      const exited = exitOf(child);
      child.kill('SIGKILL');
      await exited;
    },
    /** SIGTERM, then SIGKILL after `graceMs`. */
    async stop(role: Role, graceMs = 20_000): Promise<void> {
      const child = children.get(role);
      if (!child) return;
      ending.add(child);
      await stopChild(child, graceMs);
    },
    async stopAll(): Promise<void> {
      for (const c of children.values()) ending.add(c);
      await Promise.all([...children.values()].map((c) => stopChild(c, 20_000)));
    },
  };
}

export type PlatformProcesses = ReturnType<typeof createPlatformProcesses>;
