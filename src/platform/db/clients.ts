import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as CentralClient } from '../../generated/central/client.ts';
import { PrismaClient as TenantClient } from '../../generated/tenant/client.ts';
import type { PoolRegistry } from './pools.ts';

export { CentralClient, TenantClient };
export type TenantTx = Parameters<Parameters<TenantClient['$transaction']>[0]>[0];

export type DbConnectionConfig = { schema: string; url?: string };

// Prepared statements: PostgreSQL parses and plans a statement once per connection instead of on
// every call (planning was a fifth of the database's CPU per message). pg keeps a connection's
// prepared statements until it closes, and tenant SQL names its schema, so only the first
// MAX_NAMED_STATEMENTS distinct statements a process sees are named; later ones run unnamed.
// Raw `pg` hot paths with per-tenant SQL use the same names (`preparedQuery`).
// Named statements must never use `SELECT *` (a migration adding a column would break them).
const MAX_NAMED_STATEMENTS = 400;
const statementNames = new Map<string, string>();
export function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `prisma_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`;
    statementNames.set(query.sql, name);
  }
  return name as string; // undefined: an unnamed statement
}

/** A pg query config that is prepared once per connection, within the same bound. */
export const preparedQuery = (text: string, values: unknown[]) => ({ name: statementName({ sql: text }), text, values });

export function createCentralClient(pools: PoolRegistry): CentralClient {
  return new CentralClient({ adapter: new PrismaPg(pools.get(), { schema: 'public', statementNameGenerator: statementName }) });
}

// Tenant clients: one Prisma client per company schema over the shared pool of its server,
// kept in a bounded LRU so thousands of companies do not mean thousands of live clients.
export type TenantClients = {
  get(config: DbConnectionConfig): TenantClient;
  size(): number;
  disconnectAll(): Promise<void>;
};

export function createTenantClients(pools: PoolRegistry, maxSize: number): TenantClients {
  const cache = new Map<string, TenantClient>();
  return {
    get(config) {
      const key = `${config.url ?? ''}|${config.schema}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const client = new TenantClient({ adapter: new PrismaPg(pools.get(config.url), { schema: config.schema, statementNameGenerator: statementName }) });
      cache.set(key, client);
      if (cache.size > maxSize) {
        const [oldestKey, oldest] = cache.entries().next().value as [string, TenantClient];
        cache.delete(oldestKey);
        // The pool is shared and outlives the client; disconnecting only drops Prisma's state.
        void oldest.$disconnect().catch(() => undefined);
      }
      return client;
    },
    size: () => cache.size,
    async disconnectAll() {
      const all = [...cache.values()];
      cache.clear();
      await Promise.all(all.map((c) => c.$disconnect()));
    },
  };
}
