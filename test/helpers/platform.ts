import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/platform/config.ts';
import { createPlatform, type Platform, type PlatformPlugins } from '../../src/composition.ts';
import { upsertProducts } from '../../src/modules/catalog/index.ts';
import pg from 'pg';
import { newPhoneNumberId, testDatabaseUrl, testLogger } from './db.ts';
import { APP_SECRET, inboundPayload, postWebhook, type MetaInbound } from './meta-client.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A database of its own for one test file, named after the run's (dropped at teardown). */
export async function createFileDatabase() {
  const admin = new URL(testDatabaseUrl());
  const name = `${admin.pathname.slice(1)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

/** The whole platform in-process (HTTP + worker + built-in Graph API emulator) on a free port. */
export async function startTestPlatform(env: Record<string, string> = {}, plugins: PlatformPlugins = {}) {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'test-verify-token',
    PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN,
    // One key for the whole suite: test files share the central schema.
    TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32),
    EMULATOR: 'true',
    DATABASE_POOL_SIZE: '10',
    WORKER_CONCURRENCY: '8',
    CHECK_CHANNELS_ON_START: 'false',
    // Every test signs up from 127.0.0.1: the per-IP limits are tested with their own values.
    SIGNUPS_PER_IP_PER_HOUR: '100000',
    PASSWORD_RESETS_PER_IP_PER_HOUR: '100000',
    ...env,
  });
  // Its own database: queue workers of other test files must never take this file's jobs.
  const database = await createFileDatabase();
  const platform = await createPlatform({ ...config, DATABASE_URL: database.url }, testLogger(), plugins);
  await platform.migrateAll();
  await platform.start();
  const stop = platform.stop;
  return Object.assign(platform, {
    async stop() {
      await stop();
      await database.drop();
    },
  });
}

export type TestCompany = Awaited<ReturnType<typeof createTestCompany>>;

export { newPhoneNumberId };

export async function createTestCompany(
  platform: Platform,
  opts: {
    products?: Record<string, unknown>[];
    plan?: 'basico' | 'completo' | 'premium';
    adminPhone?: string;
    adminOrderTemplate?: string;
    /** meta (default), or a Twilio WhatsApp sender: phoneNumberId is then the sender (+E.164). */
    provider?: 'meta' | 'twilio';
    contentSids?: Record<string, string>;
  } = {},
) {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const token = `tok-${randomBytes(8).toString('hex')}`;
  const twilio = opts.provider === 'twilio' ? { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex'), number: `+1555${newPhoneNumberId().slice(-7)}` } : undefined;
  const { company, apiKey } = await platform.companies.createCompany({
    slug,
    name: `Tienda ${slug}`,
    plan: opts.plan ?? 'premium',
    adminPhone: opts.adminPhone ?? '5215519998888',
    ...(opts.adminOrderTemplate ? { adminOrderTemplate: opts.adminOrderTemplate } : {}),
    channel: twilio
      ? { provider: 'twilio', accountSid: twilio.accountSid, authToken: twilio.authToken, whatsappNumber: twilio.number, throughputPerSecond: 1000, ...(opts.contentSids ? { contentSids: opts.contentSids } : {}) }
      : { phoneNumberId: newPhoneNumberId(), accessToken: token, throughputPerSecond: 1000 },
  });
  await platform.syncEmulatorNumbers();
  const full = await platform.companies.getCompany(slug);
  const db = platform.tenants.get(full.dbConnectionConfig as { schema: string });
  if (opts.products?.length) await upsertProducts(db, opts.products as never, { activeProductLimit: 10_000 });
  const channel = full.channels[0]!;
  return { slug, phoneNumberId: channel.phoneNumberId, channelId: channel.id, provider: channel.provider, twilio, company, apiKey: apiKey!, db, id: full.id };
}

/** A customer chatting with a company through signed webhooks. */
export function customer(platform: Platform, company: { phoneNumberId: string }, waId?: string, name = 'María López') {
  const from = waId ?? `521${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
  return {
    waId: from,
    async send(message: MetaInbound | string, extra: { id?: string; timestamp?: number } = {}) {
      const m: MetaInbound = typeof message === 'string' ? { type: 'text', text: message } : message;
      const { id, payload } = inboundPayload({ phoneNumberId: company.phoneNumberId, from, name, message: m, ...extra });
      const res = await postWebhook(platform.url, payload);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.text}`);
      return id;
    },
  };
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, label = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
