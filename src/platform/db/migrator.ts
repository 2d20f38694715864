import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

// Applies hand-written SQL migrations (Prisma's folder layout:
// prisma/<central|tenant>/migrations/<timestamp>_<name>/migration.sql) to one schema, under a
// per-schema advisory lock, inside one transaction, recording each applied migration with its
// checksum in that schema's `_migrations` table. Idempotent; an edited applied migration is an error.

export type MigrationSet = 'central' | 'tenant';
type Migration = { name: string; sql: string; checksum: string };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cache = new Map<MigrationSet, Migration[]>();

export function loadMigrations(set: MigrationSet): Migration[] {
  const cached = cache.get(set);
  if (cached) return cached;
  const dir = path.join(root, 'prisma', set, 'migrations');
  const list = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
        .map((name) => {
          const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
          return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
        })
    : [];
  cache.set(set, list);
  return list;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Runs inside the caller's transaction when `client` is already in one. */
export async function migrateSchemaInTx(client: pg.PoolClient, set: MigrationSet, schema: string): Promise<string[]> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  const q = quoteIdent(schema);
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`mostrador:migrate:${schema}`]);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${q}`);
  await client.query(`SET LOCAL search_path TO ${q}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${q}."_migrations" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
  );
  const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${q}."_migrations"`);
  const applied = new Map(rows.map((r) => [r.name, r.checksum]));
  const done: string[] = [];
  for (const m of loadMigrations(set)) {
    const seen = applied.get(m.name);
    if (seen !== undefined) {
      if (seen !== m.checksum) throw new Error(`Migration ${m.name} in schema ${schema} was edited after being applied`);
      continue;
    }
    await client.query(m.sql);
    await client.query(`INSERT INTO ${q}."_migrations"(name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
    done.push(m.name);
  }
  await client.query('SET LOCAL search_path TO public');
  return done;
}

export async function migrateSchema(pool: pg.Pool, set: MigrationSet, schema: string): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const done = await migrateSchemaInTx(client, set, schema);
    await client.query('COMMIT');
    return done;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Names of migrations not yet applied to a schema (for readiness checks). */
export async function pendingMigrations(pool: pg.Pool, set: MigrationSet, schema: string): Promise<string[]> {
  const q = quoteIdent(schema);
  const exists = await pool.query(`SELECT to_regclass($1) AS t`, [`${q}."_migrations"`]);
  const all = loadMigrations(set).map((m) => m.name);
  if (!exists.rows[0]?.t) return all;
  const { rows } = await pool.query<{ name: string }>(`SELECT name FROM ${q}."_migrations"`);
  const applied = new Set(rows.map((r) => r.name));
  return all.filter((n) => !applied.has(n));
}
