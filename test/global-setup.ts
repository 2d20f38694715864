import pg from 'pg';
import { migrateSchema } from '../src/platform/db/migrator.ts';
import { canConnect } from '../src/platform/db/pools.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded-postgres.ts';
import { createLogger } from '../src/platform/logger.ts';

// Tests run against a real PostgreSQL: DATABASE_URL when given, else the machine's server at
// 127.0.0.1:5432, else an embedded one. Each run uses its own database (so two runs on one
// machine never drop each other's tables) and drops it at the end.
const TEST_DB = `mostrador_test_${process.pid}`;


let stopEmbedded: (() => Promise<void>) | undefined;
let adminUrlUsed: string | undefined;

export async function setup() {
  let adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(adminUrl))) {
    if (process.env.DATABASE_URL) throw new Error(`DATABASE_URL is not reachable: ${adminUrl}`);
    const embedded = await startEmbeddedPostgres({
      dir: './.data/test-postgres',
      port: 54330,
      logger: createLogger('warn'),
    });
    stopEmbedded = embedded.stop;
    adminUrl = embedded.url;
  }
  adminUrlUsed = adminUrl;
  const url = new URL(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DB}`);
  await admin.end();
  url.pathname = `/${TEST_DB}`;
  process.env.TEST_DATABASE_URL = url.toString();
  const pool = new pg.Pool({ connectionString: url.toString() });
  await migrateSchema(pool, 'central', 'public');
  await pool.end();
}

export async function teardown() {
  if (adminUrlUsed) {
    const admin = new pg.Client({ connectionString: adminUrlUsed });
    await admin.connect();
    // This run's database and the per-file ones test/helpers/platform.ts made from its name.
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2', [TEST_DB, `${TEST_DB}\\_%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  if (stopEmbedded) await stopEmbedded();
}
