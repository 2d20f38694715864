import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPoolRegistry } from '../src/platform/db/pools.ts';
import { createCentralClient } from '../src/platform/db/clients.ts';
import { createTokenCipher } from '../src/platform/crypto.ts';
import { createCompaniesRepository, createCompaniesService } from '../src/modules/companies/index.ts';
import { newPhoneNumberId, testDatabaseUrl, testLogger } from './helpers/db.ts';

const pools = createPoolRegistry({ defaultUrl: testDatabaseUrl(), max: 5, logger: testLogger() });
const central = createCentralClient(pools);
const cipher = createTokenCipher(randomBytes(32).toString('hex'));
const repo = createCompaniesRepository(central, pools);
const companies = createCompaniesService({ repo, cipher, logger: testLogger() });
const slug = () => `c-${randomBytes(4).toString('hex')}`;

async function schemaExists(name: string) {
  const r = await pools.get().query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [name]);
  return r.rowCount === 1;
}

afterAll(async () => {
  await central.$disconnect();
  await pools.closeAll();
});

describe('creating a company', () => {
  it('creates the schema with every tenant table and the seeded order statuses', async () => {
    const s = slug();
    const result = await companies.createCompany({ slug: s, name: 'Agua Test', channel: { phoneNumberId: newPhoneNumberId(), accessToken: 'secret-token-1' } });
    expect(result.created).toBe(true);
    expect(result.apiKey).toMatch(/^mst_/);
    expect(await schemaExists(result.company.schema)).toBe(true);
    const statuses = await pools.get().query(`SELECT code, label FROM "${result.company.schema}".order_status ORDER BY sort_order`);
    expect(statuses.rows[0]).toEqual({ code: 'pendiente', label: 'Pendiente de confirmar' });
  });

  it('is idempotent on slug: a second call returns the same company and no new key', async () => {
    const s = slug();
    const first = await companies.createCompany({ slug: s, name: 'Tienda Uno' });
    const second = await companies.createCompany({ slug: s, name: 'Tienda Uno' });
    expect(second.created).toBe(false);
    expect(second.apiKey).toBeUndefined();
    expect(second.company.id).toBe(first.company.id);
  });

  it('concurrent creates of one slug make exactly one company', async () => {
    const s = slug();
    const results = await Promise.all([1, 2, 3].map(() => companies.createCompany({ slug: s, name: 'Carrera' })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.company.id)).size).toBe(1);
  });

  it('stores the WhatsApp token encrypted, never in clear', async () => {
    const s = slug();
    const phone = newPhoneNumberId();
    await companies.createCompany({ slug: s, name: 'Cifrado', channel: { phoneNumberId: phone, accessToken: 'EAAG-very-secret' } });
    const { rows } = await pools.get().query('SELECT whatsapp_token FROM channels WHERE phone_number_id = $1', [phone]);
    expect(rows[0].whatsapp_token).not.toContain('very-secret');
    expect((await companies.resolveChannel(phone))?.secret).toBe('EAAG-very-secret');
  });

  it('a failure half way leaves no company row and no schema behind', async () => {
    const phone = newPhoneNumberId();
    await companies.createCompany({ slug: slug(), name: 'Dueña del número', channel: { phoneNumberId: phone, accessToken: 'token-aaaa' } });
    const s = slug();
    // Bypass the service's pre-check: the duplicate number fails inside the transaction,
    // after the company row was inserted.
    await expect(
      repo.createWithSchema({
        slug: s, name: 'Choque', schemaName: `tenant_${s.replace(/-/g, '_')}`, planCode: 'basico', currency: 'MXN', locale: 'es-MX',
        timezone: 'America/Mexico_City', adminPhone: null, adminOrderTemplate: null, statusUpdateTemplate: null, businessType: null, databaseUrl: undefined, apiKeyHash: randomBytes(8).toString('hex'),
        channel: { phoneNumberId: phone, displayPhoneNumber: null, wabaId: null, tokenEnc: 'x', throughputPerSecond: 80 },
      }),
    ).rejects.toThrow();
    expect(await repo.findBySlug(s)).toBeNull();
    expect(await schemaExists(`tenant_${s.replace(/-/g, '_')}`)).toBe(false);
  });

  it('refuses a phone number already connected to another company, in Spanish', async () => {
    const phone = newPhoneNumberId();
    await companies.createCompany({ slug: slug(), name: 'Primera', channel: { phoneNumberId: phone, accessToken: 'token-bbbb' } });
    await expect(companies.createCompany({ slug: slug(), name: 'Segunda', channel: { phoneNumberId: phone, accessToken: 'token-cccc' } })).rejects.toThrow(/ya está conectado/);
  });

  it('rejects invalid input with readable messages', async () => {
    await expect(companies.createCompany({ slug: 'Con Espacios', name: 'x' })).rejects.toThrow(/slug/);
    await expect(companies.createCompany({ slug: slug(), name: 'Moneda', currency: 'pesos' })).rejects.toThrow(/currency/);
  });
});
