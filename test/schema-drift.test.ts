import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPoolRegistry } from '../src/platform/db/pools.ts';
import { createCentralClient, createTenantClients } from '../src/platform/db/clients.ts';
import { migrateSchema } from '../src/platform/db/migrator.ts';
import { testDatabaseUrl, testLogger, uniqueSlug } from './helpers/db.ts';

// The migrations are hand-written SQL; this keeps them and the Prisma schemas from drifting:
// every model's columns must match the table, and every model is written and read back through
// its Prisma client with every scalar field set.

type Field = { name: string; column: string; type: string; uuid: boolean; optional: boolean; list: boolean; auto: boolean; relationTo?: string; fk?: { fields: string[]; references: string[] } };
type Model = { name: string; table: string; fields: Field[] };

function parseSchema(path: string): Model[] {
  const text = readFileSync(path, 'utf8');
  const models: Model[] = [];
  for (const m of text.matchAll(/model (\w+) \{([\s\S]*?)\n\}/g)) {
    const [, name, body] = m as unknown as [string, string, string];
    const fields: Field[] = [];
    let table = name;
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (!line) continue;
      const map = line.match(/^@@map\("(\w+)"\)/);
      if (map) {
        table = map[1]!;
        continue;
      }
      if (line.startsWith('@@')) continue;
      const f = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!f) continue;
      const [, fname, ftype, list, opt, attrs] = f as unknown as [string, string, string, string | undefined, string | undefined, string];
      const rel = attrs.match(/@relation\((?:"\w+",\s*)?fields:\s*\[([^\]]+)\],\s*references:\s*\[([^\]]+)\]/);
      fields.push({
        name: fname,
        column: attrs.match(/@map\("(\w+)"\)/)?.[1] ?? fname,
        type: ftype,
        uuid: attrs.includes('@db.Uuid'),
        optional: Boolean(opt),
        list: Boolean(list),
        auto: /@default\((autoincrement|uuid)\(\)\)|@updatedAt/.test(attrs),
        fk: rel ? { fields: rel[1]!.split(',').map((s) => s.trim()), references: rel[2]!.split(',').map((s) => s.trim()) } : undefined,
      });
    }
    models.push({ name, table, fields });
  }
  const names = new Set(models.map((m) => m.name));
  for (const m of models) for (const f of m.fields) if (names.has(f.type)) f.relationTo = f.type;
  return models;
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Decimal', 'DateTime', 'Boolean', 'Json']);

function sample(f: Field, model: string): unknown {
  switch (f.type) {
    case 'String':
      if (f.uuid) return randomUUID();
      return `${model}-${f.name}-${uniqueSlug('v')}`;
    case 'Int':
      return 7;
    case 'BigInt':
      return 7n;
    case 'Decimal':
      return '12.5';
    case 'DateTime':
      return new Date('2026-01-02T03:04:05.006Z');
    case 'Boolean':
      return true;
    case 'Json':
      return { drift: 'check', n: 1 };
  }
  return undefined;
}

// Values some columns constrain (foreign keys to seeded rows, CHECKs).
const OVERRIDES: Record<string, Record<string, unknown>> = {
  Company: { planCode: 'basico', dbConnectionConfig: { schema: 'tenant_drift' } },
  Order: { status: 'pendiente' },
  OrderHistory: { fromStatus: 'pendiente', toStatus: 'confirmado' },
  // A backward move, which the seeded transitions do not hold.
  OrderStatusTransition: { fromStatus: 'en_camino', toStatus: 'pendiente' },
  CustomerAddress: { latitude: '19.432608', longitude: '-99.133209' },
  Membership: { role: 'owner' },
  // One row (CHECK id = 1).
  AgentConfig: { id: 1 },
  Invitation: { role: 'staff' },
};
const SKIP_CREATE = new Set(['Plan', 'OrderStatus']); // seeded by the migrations

async function exercise(models: Model[], client: Record<string, { create(a: unknown): Promise<Record<string, unknown>>; findFirst(a: unknown): Promise<Record<string, unknown> | null>; findMany(): Promise<unknown[]> }>) {
  const created = new Map<string, Record<string, unknown>>();
  const pending = [...models];
  let guard = 0;
  while (pending.length && guard++ < 100) {
    const model = pending.shift()!;
    const key = model.name[0]!.toLowerCase() + model.name.slice(1);
    if (SKIP_CREATE.has(model.name)) {
      expect((await client[key]!.findMany()).length, `${model.name} seeded rows`).toBeGreaterThan(0);
      continue;
    }
    const parents = model.fields.filter((f) => f.fk && f.relationTo && !SKIP_CREATE.has(f.relationTo));
    if (parents.some((p) => !created.has(p.relationTo!))) {
      pending.push(model);
      continue;
    }
    const data: Record<string, unknown> = {};
    for (const f of model.fields) {
      if (!SCALARS.has(f.type) || f.auto) continue;
      data[f.name] = sample(f, model.name);
    }
    for (const p of parents) p.fk!.fields.forEach((fk, i) => (data[fk] = created.get(p.relationTo!)![p.fk!.references[i]!]));
    Object.assign(data, OVERRIDES[model.name] ?? {});
    const row = await client[key]!.create({ data });
    created.set(model.name, row);
    // Find the row by its id, or (no id column) by every text field it was written with.
    const keyFields = model.fields.some((f) => f.name === 'id') ? model.fields.filter((f) => f.name === 'id') : model.fields.filter((f) => f.type === 'String' && f.name in data);
    const back = await client[key]!.findFirst({ where: Object.fromEntries(keyFields.map((f) => [f.name, row[f.name]])) });
    expect(back, `${model.name} read back`).not.toBeNull();
    for (const f of model.fields) {
      if (!SCALARS.has(f.type) || f.auto || !(f.name in data)) continue;
      const v = back![f.name];
      const want = data[f.name];
      if (f.type === 'Decimal') expect(String(v), `${model.name}.${f.name}`).toBe(String(Number(want)));
      else if (f.type === 'DateTime') expect((v as Date).toISOString()).toBe((want as Date).toISOString());
      else expect(v, `${model.name}.${f.name}`).toEqual(want);
    }
  }
  expect(pending, 'models that could not be created (relation cycle?)').toEqual([]);
  return created;
}

async function columnsOf(pool: pg.Pool, schema: string, table: string) {
  const { rows } = await pool.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
    [schema, table],
  );
  return rows.map((r) => r.column_name).sort();
}

describe('schema drift', () => {
  it('every tenant model matches its migrated table and round-trips every field', async () => {
    const pools = createPoolRegistry({ defaultUrl: testDatabaseUrl(), max: 3, logger: testLogger() });
    const schema = `tenant_${uniqueSlug('d')}`;
    await migrateSchema(pools.get(), 'tenant', schema);
    const models = parseSchema('prisma/tenant/schema.prisma');
    for (const m of models) {
      const expected = m.fields.filter((f) => SCALARS.has(f.type)).map((f) => f.column).sort();
      expect(await columnsOf(pools.get(), schema, m.table), `columns of ${m.table}`).toEqual(expected);
    }
    const tables = await pools.get().query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> '_migrations'`, [schema]);
    expect(tables.rows.map((r) => r.table_name).sort()).toEqual(models.map((m) => m.table).sort());
    const clients = createTenantClients(pools, 2);
    await exercise(models, clients.get({ schema }) as never);
    await clients.disconnectAll();
    await pools.closeAll();
  });

  it('every central model matches its migrated table and round-trips every field', async () => {
    const pools = createPoolRegistry({ defaultUrl: testDatabaseUrl(), max: 3, logger: testLogger() });
    const models = parseSchema('prisma/central/schema.prisma');
    for (const m of models) {
      const expected = m.fields.filter((f) => SCALARS.has(f.type)).map((f) => f.column).sort();
      expect(await columnsOf(pools.get(), 'public', m.table), `columns of ${m.table}`).toEqual(expected);
    }
    const central = createCentralClient(pools);
    const created = await exercise(models, central as never);
    await central.company.delete({ where: { id: created.get('Company')!.id as string } });
    await central.$disconnect();
    await pools.closeAll();
  });
});
