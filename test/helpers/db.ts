import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPoolRegistry, type PoolRegistry } from '../../src/platform/db/pools.ts';
import { createTenantClients, createCentralClient } from '../../src/platform/db/clients.ts';
import { migrateSchema } from '../../src/platform/db/migrator.ts';
import { createLogger } from '../../src/platform/logger.ts';
import type { Company } from '../../src/modules/companies/index.ts';

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by test/global-setup.ts');
  return url;
}

export const testLogger = () => createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export function uniqueSlug(prefix = 't'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

let phoneSeq = 0;
/** A Meta-like numeric phone_number_id unique across test processes. */
export function newPhoneNumberId() {
  phoneSeq++;
  return `9${Date.now().toString().slice(-9)}${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(2, '0')}`;
}

/** A fresh, migrated tenant schema with a Prisma client over it. */
export async function createTestTenantDb(pools?: PoolRegistry) {
  const registry = pools ?? createPoolRegistry({ defaultUrl: testDatabaseUrl(), max: 5, logger: testLogger() });
  const schema = `tenant_${uniqueSlug('x')}`;
  await migrateSchema(registry.get(), 'tenant', schema);
  const clients = createTenantClients(registry, 10);
  const db = clients.get({ schema });
  return {
    schema,
    db,
    pool: registry.get(),
    async close() {
      await clients.disconnectAll();
      if (!pools) await registry.closeAll();
    },
  };
}

/** A company of a test tenant schema, as the modules see it (defaults: an active shop on the premium plan). */
export function testCompany(schema: string, over: Partial<Company> = {}): Company {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    slug: 'tienda-prueba',
    name: 'Tienda Prueba',
    status: 'active',
    botEnabled: true,
    currency: 'MXN',
    locale: 'es-MX',
    timezone: 'America/Mexico_City',
    adminPhone: '5215500000000',
    adminOrderTemplate: null,
    statusUpdateTemplate: null,
    planCode: 'premium',
    monthlyMessageLimit: 100_000,
    activeProductLimit: 10_000,
    db: { schema },
    ...over,
  };
}

export { pg, createCentralClient };
