import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrateSchema, pendingMigrations, loadMigrations } from '../src/platform/db/migrator.ts';
import { testDatabaseUrl, uniqueSlug } from './helpers/db.ts';

describe('migrator', () => {
  it('applies every tenant migration once, records it, and is idempotent', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    const schema = `tenant_${uniqueSlug('m')}`;
    const first = await migrateSchema(pool, 'tenant', schema);
    expect(first).toEqual(loadMigrations('tenant').map((m) => m.name));
    const second = await migrateSchema(pool, 'tenant', schema);
    expect(second).toEqual([]);
    expect(await pendingMigrations(pool, 'tenant', schema)).toEqual([]);
    const statuses = await pool.query(`SELECT code FROM "${schema}".order_status ORDER BY sort_order`);
    expect(statuses.rows.map((r) => r.code)).toContain('pendiente');
    await pool.end();
  });

  it('runs concurrent migrations of the same schema under the advisory lock without errors', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    const schema = `tenant_${uniqueSlug('c')}`;
    const results = await Promise.all([1, 2, 3].map(() => migrateSchema(pool, 'tenant', schema)));
    expect(results.flat()).toHaveLength(loadMigrations('tenant').length);
    await pool.end();
  });

  it('rejects schema names that are not safe identifiers', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl() });
    await expect(migrateSchema(pool, 'tenant', 'x"; drop table y; --')).rejects.toThrow(/Invalid schema name/);
    await pool.end();
  });
});
