import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as CentralClient } from '../../generated/central/client.ts';
import { PrismaClient as TenantClient } from '../../generated/tenant/client.ts';
import type { PoolRegistry } from './pools.ts';

export { CentralClient, TenantClient };
export type TenantTx = Parameters<Parameters<TenantClient['$transaction']>[0]>[0];

export type DbConnectionConfig = { schema: string; url?: string };

export function createCentralClient(pools: PoolRegistry): CentralClient {
  return new CentralClient({ adapter: new PrismaPg(pools.get(), { schema: 'public' }) });
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
      const client = new TenantClient({ adapter: new PrismaPg(pools.get(config.url), { schema: config.schema }) });
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
