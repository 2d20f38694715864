import type { TokenCipher } from '../../platform/crypto.ts';
import type { Logger } from '../../platform/logger.ts';
import type { DbConnectionConfig } from '../../platform/db/clients.ts';
import { AppError } from '../../platform/errors.ts';
import { readBusinessInfo, type BusinessInfo } from './business-info.ts';
import { companiesErrors } from './companies.errors.ts';
import { issueApiKey } from '../accounts/index.ts';
import type { CompaniesRepository, CompanyRow } from './companies.repository.ts';
import { createCompanySchema, schemaNameFor, type ChannelInput, type CreateCompanyInput, type UpdateCompany } from './companies.schemas.ts';


/**
 * A company as every module sees it: the engine and its flows, orders, customers, the workers
 * and the back office (one shape; what the API answers is `publicCompany`).
 */
export type Company = {
  id: string;
  slug: string;
  name: string;
  status: string;
  botEnabled: boolean;
  currency: string;
  locale: string;
  timezone: string;
  adminPhone: string | null;
  adminOrderTemplate: string | null;
  statusUpdateTemplate: string | null;
  planCode: string;
  monthlyMessageLimit: number;
  activeProductLimit: number;
  db: DbConnectionConfig;
  /** Hours, delivery, payment, address (companies.business_info); what was never filled in is absent. */
  businessInfo: BusinessInfo;
};

type CompanyWithPlan = NonNullable<Awaited<ReturnType<CompaniesRepository['findBySlug']>>>;

/** Whether the bot answers customers: switched on, and the company not suspended. */
export const botAnswers = (c: Pick<Company, 'botEnabled' | 'status'>) => c.botEnabled && c.status === 'active';

/** Whether the plan's monthly message volume is used up; `used` null: not counted (staff actions, which the limit never stops). */
export const overMessageLimit = (c: Pick<Company, 'monthlyMessageLimit'>, used: number | null) => used !== null && used >= c.monthlyMessageLimit;

export function toCompany(c: Omit<CompanyWithPlan, 'channels'>): Company {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    status: c.status,
    botEnabled: c.botEnabled,
    currency: c.currency,
    locale: c.locale,
    timezone: c.timezone,
    adminPhone: c.adminPhone,
    adminOrderTemplate: c.adminOrderTemplate,
    statusUpdateTemplate: c.statusUpdateTemplate,
    planCode: c.planCode,
    monthlyMessageLimit: c.plan.monthlyMessageLimit,
    activeProductLimit: c.plan.activeProductLimit,
    db: c.dbConnectionConfig as DbConnectionConfig,
    businessInfo: readBusinessInfo(c.businessInfo),
  };
}

/** What the webhook and the workers need to know about a number and its company. */
export type ResolvedChannel = {
  channelId: string;
  /** Who carries its messages (channels.provider): meta | twilio. */
  provider: string;
  /** The number's id at its provider: Meta's phone_number_id, Twilio's sender (+E.164). */
  phoneNumberId: string;
  displayPhoneNumber: string | null;
  wabaId: string | null;
  throughputPerSecond: number;
  /** The provider's secret, decrypted: Meta's access token, Twilio's Auth Token. */
  secret: string;
  /** What else the provider needs, as stored (its provider validates it). */
  settings: unknown;
  company: Company;
};

const CACHE_MS = 15_000;

type PublicChannelRow = { id: string; provider: string; phoneNumberId: string; displayPhoneNumber: string | null; status: string };

/** The channel as the API shows it: never its secret. A Twilio number also says where Twilio must post. */
export function publicChannel(ch: PublicChannelRow) {
  return {
    id: ch.id,
    provider: ch.provider,
    phoneNumberId: ch.phoneNumberId,
    displayPhoneNumber: ch.displayPhoneNumber,
    status: ch.status,
    ...(ch.provider === 'twilio' ? { webhookPath: `/webhook/twilio/${ch.id}` } : {}),
  };
}

export function publicCompany(c: CompanyRow & { channels?: PublicChannelRow[] }) {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    plan: c.planCode,
    currency: c.currency,
    locale: c.locale,
    timezone: c.timezone,
    adminPhone: c.adminPhone,
    adminOrderTemplate: c.adminOrderTemplate,
    statusUpdateTemplate: c.statusUpdateTemplate,
    businessType: c.businessType,
    status: c.status,
    botEnabled: c.botEnabled,
    schema: c.schemaName,
    createdAt: c.createdAt,
    channels: (c.channels ?? []).map(publicChannel),
  };
}

export function createCompaniesService(deps: { repo: CompaniesRepository; cipher: TokenCipher; logger: Logger }) {
  const { repo, cipher } = deps;
  const channelCache = new Map<string, { at: number; value: ResolvedChannel | null }>();

  /**
   * Creates a company (schema, migrations, statuses, channel) in one transaction; idempotent on
   * the slug. Platform and CLI creations get a first API key (shown once); a business created by
   * a signed-in user gets that user as its owner instead (`ownerUserId`), and a taken slug is a
   * conflict for them: they must never receive someone else's company.
   */
  async function createCompany(input: CreateCompanyInput, opts: { ownerUserId?: string } = {}) {
    const data = createCompanySchema.parse(input);
    const existing = await repo.findBySlug(data.slug);
    if (existing && opts.ownerUserId) throw companiesErrors.slugInUse(data.slug);
    if (existing) return { company: publicCompany(existing), created: false as const, apiKey: undefined };
    const channel = data.channel && channelRowOf(data.channel);
    if (channel) {
      const taken = await repo.findChannelByPhoneNumberId(channel.phoneNumberId);
      if (taken) throw companiesErrors.phoneNumberTaken(channel.phoneNumberId);
    }
    if (data.databaseUrl) {
      // Probed first: an unreachable server must not leave a half-created company or a pool behind.
      const probe = await repo.probeDatabase(data.databaseUrl);
      if (!probe.ok) throw companiesErrors.databaseUnreachable(probe.failure);
    }
    const key = opts.ownerUserId ? undefined : issueApiKey();
    try {
      await repo.createWithSchema({
        slug: data.slug,
        name: data.name,
        schemaName: schemaNameFor(data.slug),
        planCode: data.plan,
        currency: data.currency,
        locale: data.locale,
        timezone: data.timezone,
        adminPhone: data.adminPhone?.replace(/^\+/, '') ?? null,
        adminOrderTemplate: data.adminOrderTemplate ?? null,
        statusUpdateTemplate: data.statusUpdateTemplate ?? null,
        businessType: data.businessType ?? null,
        databaseUrl: data.databaseUrl,
        apiKeyHash: key?.hash,
        apiKeyPrefix: key?.prefix,
        ownerUserId: opts.ownerUserId,
        channel: channel && { ...channel, tokenEnc: cipher.encrypt(channel.secret) },
      });
    } catch (err) {
      if (err instanceof AppError) {
        deps.logger.warn({ err: (err as Error).cause ?? err, company: data.slug }, 'company not created');
        throw err;
      }
      // A concurrent create of the same slug won the race: idempotent, return it.
      const again = await repo.findBySlug(data.slug);
      if (again && opts.ownerUserId) throw companiesErrors.slugInUse(data.slug);
      if (again) return { company: publicCompany(again), created: false as const, apiKey: undefined };
      if (isUniqueViolation(err) && channel) throw companiesErrors.phoneNumberTaken(channel.phoneNumberId);
      throw err;
    }
    const company = await repo.findBySlug(data.slug);
    if (!company) throw companiesErrors.notFound();
    deps.logger.info({ company: company.slug }, 'company created');
    return { company: publicCompany(company), created: true as const, apiKey: key?.key };
  }

  type ChannelWithCompany = NonNullable<Awaited<ReturnType<CompaniesRepository['findChannelById']>>>;

  function toResolved(row: ChannelWithCompany | null): ResolvedChannel | null {
    if (!row || row.status !== 'active') return null;
    return {
      channelId: row.id,
      provider: row.provider,
      phoneNumberId: row.phoneNumberId,
      displayPhoneNumber: row.displayPhoneNumber,
      wabaId: row.wabaId,
      throughputPerSecond: row.throughputPerSecond,
      secret: cipher.decrypt(row.whatsappTokenEnc),
      settings: row.providerSettings,
      company: toCompany(row.company),
    };
  }

  // Hot path (every webhook and job): a short-lived cache so a company change applies within seconds.
  async function cached(key: string, load: () => Promise<ChannelWithCompany | null>): Promise<ResolvedChannel | null> {
    const hit = channelCache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = toResolved(await load());
    channelCache.set(key, { at: Date.now(), value });
    return value;
  }

  const resolveChannel = (phoneNumberId: string) => cached(`n:${phoneNumberId}`, () => repo.findChannelByPhoneNumberId(phoneNumberId));
  const resolveChannelById = (id: string) => cached(`i:${id}`, () => repo.findChannelById(id));

  async function getCompany(slug: string) {
    const c = await repo.findBySlug(slug);
    if (!c) throw companiesErrors.notFound();
    return c;
  }

  return {
    createCompany,
    resolveChannel,
    resolveChannelById,
    getCompany,
    /**
     * Every active channel with its secret. One whose secret cannot be decrypted (the
     * encryption key changed) is listed apart, without it.
     */
    async activeChannels(): Promise<{ channels: ResolvedChannel[]; unreadable: { channelId: string; phoneNumberId: string; companyId: string; slug: string }[] }> {
      const channels: ResolvedChannel[] = [];
      const unreadable: { channelId: string; phoneNumberId: string; companyId: string; slug: string }[] = [];
      for (const row of await repo.listChannels({ status: 'active' })) {
        try {
          const resolved = toResolved(row);
          if (resolved) channels.push(resolved);
        } catch {
          unreadable.push({ channelId: row.id, phoneNumberId: row.phoneNumberId, companyId: row.companyId, slug: row.company.slug });
        }
      }
      return { channels, unreadable };
    },
    /**
     * Connects (or replaces) the company's WhatsApp number after `check` accepted its credentials
     * with the provider; nothing is written when it did not. The secret is encrypted at rest.
     */
    async connectChannel(slug: string, input: ChannelInput, check: (candidate: ResolvedChannel) => Promise<{ ok: boolean; detail: string }>) {
      const c = await getCompany(slug);
      const row = channelRowOf(input);
      const taken = await repo.findChannelByPhoneNumberId(row.phoneNumberId);
      if (taken && taken.companyId !== c.id) throw companiesErrors.phoneNumberTaken(row.phoneNumberId);
      const candidate: ResolvedChannel = {
        channelId: taken?.id ?? 'unsaved',
        provider: row.provider,
        phoneNumberId: row.phoneNumberId,
        displayPhoneNumber: row.displayPhoneNumber,
        wabaId: row.wabaId,
        throughputPerSecond: row.throughputPerSecond,
        secret: row.secret,
        settings: row.settings,
        company: toCompany(c),
      };
      const result = await check(candidate);
      if (!result.ok && result.detail.startsWith('unreachable')) throw companiesErrors.providerUnreachable(row.provider, result.detail);
      if (!result.ok) throw companiesErrors.channelRejected(row.provider, result.detail);
      try {
        await repo.saveChannel(c.id, { ...row, tokenEnc: cipher.encrypt(row.secret) }, null);
      } catch (err) {
        if (isUniqueViolation(err)) throw companiesErrors.phoneNumberTaken(row.phoneNumberId);
        throw err;
      }
      channelCache.clear();
      deps.logger.info({ company: slug, provider: row.provider }, 'WhatsApp number connected');
      return getCompany(slug);
    },
    /** When a channel was last checked against its provider, and what failed (null: it works). */
    async recordChannelCheck(channelId: string, error: string | null) {
      await repo.setChannelCheck(channelId, error);
    },
    async listCompanies() {
      return (await repo.list()).map(publicCompany);
    },
    async updateCompany(slug: string, patch: UpdateCompany) {
      const c = await getCompany(slug);
      await repo.update(c.id, {
        name: patch.name,
        planCode: patch.plan,
        currency: patch.currency,
        locale: patch.locale,
        timezone: patch.timezone,
        businessType: patch.businessType,
        adminPhone: patch.adminPhone === undefined ? undefined : patch.adminPhone?.replace(/^\+/, '') ?? null,
        adminOrderTemplate: patch.adminOrderTemplate,
        statusUpdateTemplate: patch.statusUpdateTemplate,
        botEnabled: patch.botEnabled,
        status: patch.status,
      });
      channelCache.clear();
      if (patch.status && patch.status !== c.status) deps.logger.info({ company: slug, status: patch.status }, 'company status changed');
      return publicCompany(await getCompany(slug));
    },
  };
}

/**
 * The channel row of a validated channel input. A Twilio sender is keyed by its number in E.164
 * (+14155238886); Meta's by its phone_number_id. The secret is encrypted by the caller.
 */
function channelRowOf(input: ChannelInput) {
  if (input.provider === 'twilio') {
    const digits = input.whatsappNumber.replace(/\D/g, '');
    return {
      provider: 'twilio',
      phoneNumberId: `+${digits}`,
      displayPhoneNumber: digits,
      wabaId: null,
      secret: input.authToken,
      throughputPerSecond: input.throughputPerSecond,
      settings: {
        accountSid: input.accountSid,
        ...(input.messagingServiceSid ? { messagingServiceSid: input.messagingServiceSid } : {}),
        contentSids: input.contentSids ?? {},
      },
    };
  }
  return {
    provider: 'meta',
    phoneNumberId: input.phoneNumberId,
    displayPhoneNumber: input.displayPhoneNumber?.replace(/^\+/, '') ?? null,
    wabaId: input.wabaId ?? null,
    secret: input.accessToken,
    throughputPerSecond: input.throughputPerSecond,
    settings: {},
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === '23505';
}

export type CompaniesService = ReturnType<typeof createCompaniesService>;
