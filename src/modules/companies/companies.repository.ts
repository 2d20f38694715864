import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CentralClient } from '../../platform/db/clients.ts';
import { migrateSchemaInTx, migrateSchema, quoteIdent } from '../../platform/db/migrator.ts';
import type { PoolRegistry } from '../../platform/db/pools.ts';
import { probeConnection } from '../../platform/db/probe-connection.ts';
import { companiesErrors } from './companies.errors.ts';
import { API_KEY_PREFIX, FIRST_API_KEY_NAME, insertCompanyAccessRows } from '../accounts/index.ts';

export type CompanyRow = Awaited<ReturnType<CentralClient['company']['findUniqueOrThrow']>>;

export type NewCompany = {
  slug: string;
  name: string;
  schemaName: string;
  planCode: string;
  currency: string;
  locale: string;
  timezone: string;
  adminPhone: string | null;
  adminOrderTemplate: string | null;
  statusUpdateTemplate: string | null;
  businessType: string | null;
  databaseUrl: string | undefined;
  /** sha256 of the company's first API key (platform and CLI creations; a user's business has none). */
  apiKeyHash?: string;
  apiKeyPrefix?: string;
  /** The signed-in user who creates the business: its owner, in the same transaction. */
  ownerUserId?: string;
  channel?: {
    /** meta (default) | twilio */
    provider?: string;
    /** The number's id at its provider: Meta's phone_number_id, Twilio's sender (+E.164). */
    phoneNumberId: string;
    displayPhoneNumber: string | null;
    wabaId: string | null;
    tokenEnc: string;
    throughputPerSecond: number;
    /** What else the provider needs (channels.provider_settings). */
    settings?: Record<string, unknown>;
  };
};

export function createCompaniesRepository(central: CentralClient, pools: PoolRegistry) {
  async function insertRows(client: pg.PoolClient, c: NewCompany): Promise<string> {
    const id = randomUUID();
    const config = c.databaseUrl ? { schema: c.schemaName, url: c.databaseUrl } : { schema: c.schemaName };
    await client.query(
      `INSERT INTO public.companies (id, slug, name, schema_name, db_connection_config, plan_code, currency, locale,
         timezone, admin_phone, admin_order_template, status_update_template, business_type)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [id, c.slug, c.name, c.schemaName, JSON.stringify(config), c.planCode, c.currency, c.locale, c.timezone,
        c.adminPhone, c.adminOrderTemplate, c.statusUpdateTemplate, c.businessType],
    );
    await insertCompanyAccessRows(client, id, {
      apiKey: c.apiKeyHash ? { hash: c.apiKeyHash, prefix: c.apiKeyPrefix ?? API_KEY_PREFIX, name: FIRST_API_KEY_NAME } : undefined,
      ownerUserId: c.ownerUserId,
    });
    if (c.channel) {
      await client.query(
        `INSERT INTO public.channels (id, company_id, provider, phone_number_id, display_phone_number, waba_id,
           whatsapp_token, throughput_per_second, provider_settings) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [randomUUID(), id, c.channel.provider ?? 'meta', c.channel.phoneNumberId, c.channel.displayPhoneNumber, c.channel.wabaId,
          c.channel.tokenEnc, c.channel.throughputPerSecond, JSON.stringify(c.channel.settings ?? {})],
      );
    }
    return id;
  }

  return {
    findBySlug: (slug: string) => central.company.findUnique({ where: { slug }, include: { channels: true, plan: true } }),
    findById: (id: string) => central.company.findUnique({ where: { id }, include: { channels: true, plan: true } }),
    list: () => central.company.findMany({ orderBy: { createdAt: 'asc' }, include: { channels: true } }),
    findChannelByPhoneNumberId: (phoneNumberId: string) =>
      central.channel.findUnique({ where: { phoneNumberId }, include: { company: { include: { plan: true } } } }),
    findChannelById: (id: string) =>
      central.channel.findUnique({ where: { id }, include: { company: { include: { plan: true } } } }),
    listChannels: (where: { status?: string } = {}) =>
      central.channel.findMany({ where, orderBy: { createdAt: 'asc' }, include: { company: { include: { plan: true } } } }),
    update: (id: string, data: Parameters<CentralClient['company']['update']>[0]['data']) =>
      central.company.update({ where: { id }, data }),
    /** Whether a company schema can live at `url`: probed before anything is created there. */
    probeDatabase: (url: string) => probeConnection(url),
    /**
     * The company's WhatsApp number, replaced in place when it has one (its id, which the message
     * log and Twilio's webhook URL name, stays) or added. Checked: true — it was verified just now.
     */
    async saveChannel(companyId: string, ch: NonNullable<NewCompany['channel']>, checkError: string | null): Promise<string> {
      const existing = await central.channel.findFirst({ where: { companyId }, orderBy: { createdAt: 'asc' } });
      const data = {
        provider: ch.provider ?? 'meta',
        phoneNumberId: ch.phoneNumberId,
        displayPhoneNumber: ch.displayPhoneNumber,
        wabaId: ch.wabaId,
        whatsappTokenEnc: ch.tokenEnc,
        throughputPerSecond: ch.throughputPerSecond,
        providerSettings: (ch.settings ?? {}) as object,
        status: 'active',
        lastCheckAt: new Date(),
        lastCheckError: checkError,
      };
      if (existing) return (await central.channel.update({ where: { id: existing.id }, data })).id;
      return (await central.channel.create({ data: { ...data, companyId } })).id;
    },
    setChannelCheck: (id: string, error: string | null) =>
      central.channel.update({ where: { id }, data: { lastCheckAt: new Date(), lastCheckError: error } }),

    /**
     * Creates the company row, its channel and its migrated schema atomically. On the central
     * server this is one transaction (PostgreSQL DDL is transactional): a failure leaves nothing.
     * On another server the schema is created first and dropped again if the central insert fails.
     */
    async createWithSchema(c: NewCompany): Promise<string> {
      const centralPool = pools.get();
      if (!c.databaseUrl || c.databaseUrl === pools.defaultUrl) {
        const client = await centralPool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`mostrador:company:${c.slug}`]);
          const id = await insertRows(client, c);
          await migrateSchemaInTx(client, 'tenant', c.schemaName);
          await client.query('COMMIT');
          return id;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      }
      const remote = pools.get(c.databaseUrl);
      try {
        // One transaction: a failure (no CREATE permission) leaves nothing on that server.
        await migrateSchema(remote, 'tenant', c.schemaName);
      } catch (err) {
        throw Object.assign(companiesErrors.databaseUnusable(), { cause: err });
      }
      const client = await centralPool.connect();
      try {
        await client.query('BEGIN');
        const id = await insertRows(client, c);
        await client.query('COMMIT');
        return id;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        await remote.query(`DROP SCHEMA IF EXISTS ${quoteIdent(c.schemaName)} CASCADE`).catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

export type CompaniesRepository = ReturnType<typeof createCompaniesRepository>;
