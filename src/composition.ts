import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import type { Config } from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import { createTokenCipher } from './platform/crypto.ts';
import { createPoolRegistry } from './platform/db/pools.ts';
import { createCentralClient, createTenantClients } from './platform/db/clients.ts';
import { migrateSchema } from './platform/db/migrator.ts';
import { createMetrics } from './platform/metrics.ts';
import { createAlerts } from './platform/alerts.ts';
import { migrateQueue, startQueueWorker, type QueueRunner } from './platform/queue.ts';
import { createApp } from './app.ts';
import { createCompaniesRepository, createCompaniesRouter, createCompaniesService, type ResolvedChannel } from './modules/companies/index.ts';
import {
  createAccountsRepository,
  createAccountsRouter,
  createApiAccess,
  createApiKeysService,
  createAuthService,
  createMailer,
  createTeamService,
} from './modules/accounts/index.ts';
import { createPlansRepository, createPlansRouter, createPlansService } from './modules/plans/index.ts';
import { createUsage } from './modules/usage/index.ts';
import { createSettingsRepository, createSettingsRouter, createSettingsService } from './modules/settings/index.ts';
import { createReportsRouter } from './modules/reports/index.ts';
import { createPublicMediaRouter, createStorage } from './modules/storage/index.ts';
import { createCatalogRouter } from './modules/catalog/index.ts';
import { createOrdersRouter } from './modules/orders/index.ts';
import {
  createApplyStatusesTask,
  createInboxReconciler,
  createInboxRepository,
  createProcessMessagesTask,
  createRepliesReconciler,
  createSendOutboundTask,
  DRAIN_JOBS,
  scheduleConversationSend,
  SEND_JOB,
} from './modules/inbox/index.ts';
import {
  checkChannels,
  createEventIntake,
  createOutboundSender,
  createBuiltInProviders,
  twilioSenderOf,
  createRateLimiter,
  createStatusWriter,
  resolveTypedOptions,
} from './modules/channels/index.ts';
import { createConversationEngine, rankProducts, type DeciderFor } from './modules/conversations/index.ts';
import { createConversationsRouter, createConversationsService, createDownloadMediaTask, DOWNLOAD_MEDIA_JOB, mediaDownloadsOf, scheduleMediaDownloads } from './modules/conversations-api/index.ts';
import { createEventHub, createEventsRouter, createLivePublisher } from './modules/events/index.ts';
import { createAgent, createAgentRouter, createAgentService, createSecretsCipher } from './modules/agent/index.ts';
import { planLimitsOf } from './modules/plans/index.ts';
import { createGraphEmulator } from './emulator/graph-emulator.ts';
import { createTwilioEmulator } from './emulator/twilio-emulator.ts';

export type Platform = Awaited<ReturnType<typeof createPlatform>>;

/** The one place that creates and wires everything. */
/** What a deployment (or a test) may plug in: who answers each company's customers (default: the menu engine). */
export type PlatformPlugins = {
  deciderFor?: DeciderFor;
  /** The conversations' clock (tests: a shop's hours at a known instant); default the system's. */
  now?: () => Date;
};

export async function createPlatform(config: Config & { DATABASE_URL: string }, logger: Logger, plugins: PlatformPlugins = {}) {
  const pools = createPoolRegistry({ defaultUrl: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, logger });
  const pool = pools.get();
  const central = createCentralClient(pools);
  const tenants = createTenantClients(pools, config.TENANT_CLIENT_CACHE_SIZE);
  const cipher = createTokenCipher(config.TOKEN_ENCRYPTION_KEY!);
  const metrics = createMetrics();
  const alerts = createAlerts({ pool, logger, metrics, webhookUrl: config.ALERT_WEBHOOK_URL });
  const companies = createCompaniesService({ repo: createCompaniesRepository(central, pools), cipher, logger });
  const inbox = createInboxRepository(pool);
  let port = config.PORT;
  // The built-in emulator lives on our own port, known only after listen when PORT=0.
  const graphBaseUrl = () =>
    config.emulator && !config.WHATSAPP_GRAPH_URL
      ? `http://127.0.0.1:${port}/_emulator/graph/${config.WHATSAPP_API_VERSION}`
      : (config.graphBaseUrl ?? `https://graph.facebook.com/${config.WHATSAPP_API_VERSION}`);
  const localUrl = () => `http://127.0.0.1:${port}`;
  // How providers reach us (Twilio signs it, status callbacks point at it): PUBLIC_URL, or outside
  // production our own address. Never taken from a request's Host header.
  const publicUrl = () => config.PUBLIC_URL?.replace(/\/+$/, '') ?? (config.NODE_ENV === 'production' ? undefined : localUrl());
  const twilioBaseUrl = () => config.TWILIO_API_URL ?? (config.emulator ? `${localUrl()}/_emulator/twilio` : 'https://api.twilio.com');
  const intake = createEventIntake({ inbox, metrics, alerts });
  // The providers this deployment speaks, by channels.provider (channels/built-in-providers.ts).
  const providers = createBuiltInProviders({
    companies, intake, metrics,
    sendTimeoutMs: config.WHATSAPP_SEND_TIMEOUT_MS,
    meta: { graphBaseUrl, appSecret: config.WHATSAPP_APP_SECRET!, verifyToken: config.WHATSAPP_VERIFY_TOKEN! },
    twilio: { apiBaseUrl: twilioBaseUrl, publicUrl },
  });
  const limiter = createRateLimiter();
  const sender = createOutboundSender({
    pools,
    providers,
    limiter,
    logger,
    maxAttempts: config.WHATSAPP_SEND_MAX_ATTEMPTS,
    retryHorizonMs: config.OUTBOUND_RETRY_HORIZON_MINUTES * 60_000,
    retryMaxDelayMs: config.OUTBOUND_RETRY_MAX_DELAY_SECONDS * 1000,
    unknownGraceMs: config.OUTBOUND_UNKNOWN_GRACE_SECONDS * 1000,
    schedule: (channel, waId, runAt) => scheduleConversationSend(pool, { channelId: channel.channelId, companyId: channel.company.id, waId }, runAt),
    onFailure: (f) => void alerts.raise('send_failures', `Messages are failing to send: ${f.cause}`, { companyId: f.companyId, code: f.code }),
  });
  // Live events of committed work (turns, delivery statuses) go out a few at a time.
  const live = createLivePublisher({ pool: (url) => pools.get(url), logger });
  // The AI assistant (issue 12): who answers each company's customers — the menu, the agent, or both.
  const usage = createUsage(pool);
  const plansRepo = createPlansRepository(pool);
  const planOf = async (companyId: string) => {
    const row = await plansRepo.planOfCompany(companyId);
    if (!row) throw new Error(`company ${companyId} has no plan`);
    return planLimitsOf(row);
  };
  const aiPlatform = {
    apiKey: config.OPENAI_API_KEY, baseUrl: config.OPENAI_BASE_URL, model: config.AI_MODEL, transcriptionModel: config.AI_TRANSCRIPTION_MODEL,
    timeoutMs: config.AI_TIMEOUT_MS, maxToolCalls: config.AI_MAX_TOOL_CALLS, pricePerMTok: { input: config.AI_PRICE_INPUT_PER_MTOK, output: config.AI_PRICE_OUTPUT_PER_MTOK },
  };
  const secrets = createSecretsCipher(config, logger);
  const agent = createAgent({
    tenants, planOf, usage, cipher: secrets, platform: aiPlatform, handoffTimeoutMinutes: config.HANDOFF_TIMEOUT_MINUTES, logger,
    // A voice note is fetched from the provider of one of the company's numbers, as the media download job does.
    fetchMedia: async (company, ref) => {
      const channel = (await companies.activeChannels()).channels.find((ch) => ch.company.id === company.id);
      if (!channel) throw new Error('the company has no active number to fetch media with');
      return providers.for(channel).fetchMedia(channel, ref);
    },
  });
  const engine = createConversationEngine({
    logger,
    live,
    sessionTtlMinutes: config.SESSION_TTL_MINUTES,
    handoffTimeoutMinutes: config.HANDOFF_TIMEOUT_MINUTES,
    deciderFor: plugins.deciderFor ?? agent.deciderFor,
    now: plugins.now,
  });

  // The built-in emulators look a number up again when they do not know it, so a company created
  // while the server runs (API or CLI) works at once.
  const emulator = config.emulator
    ? createGraphEmulator({ webhookUrl: () => `${localUrl()}/webhook`, appSecret: config.WHATSAPP_APP_SECRET!, logger: logger.child({ component: 'emulator' }), refresh: () => syncEmulatorNumbers() })
    : undefined;
  const twilioEmulator = config.emulator
    ? createTwilioEmulator({
        logger: logger.child({ component: 'emulator' }),
        refresh: () => syncEmulatorNumbers(),
        // Twilio posts to the public URL; here that is wherever this process listens.
        deliveryUrl: (url) => {
          const base = publicUrl();
          return base && url.startsWith(`${base}/`) ? `${localUrl()}${url.slice(base.length)}` : url;
        },
      })
    : undefined;
  const emulatorRouter = emulator && twilioEmulator ? Router().use('/twilio', twilioEmulator.router).use(emulator.router) : undefined;

  // Accounts: who may use the business API, and the people of each company.
  const production = config.NODE_ENV === 'production';
  const accountsRepo = createAccountsRepository(central, pool);
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, production, logger });
  const auth = createAuthService({ repo: accountsRepo, mailer, logger, publicUrl, settings: {
    sessionDays: config.SESSION_DAYS,
    registrationsPerIpPerHour: config.SIGNUPS_PER_IP_PER_HOUR,
    resetsPerIpPerHour: config.PASSWORD_RESETS_PER_IP_PER_HOUR,
    resetsPerEmailPerHour: config.PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
  } });
  const plans = createPlansService({ repo: plansRepo, companies, usage, publicUrl });
  const settingsRepo = createSettingsRepository(pool);
  const team = createTeamService({ repo: accountsRepo, auth, mailer, logger, publicUrl, assertStaffSeat: (companyId, staffNow) => plans.assertStaffSeat(companyId, staffNow) });
  const apiKeys = createApiKeysService({ repo: accountsRepo });
  const access = createApiAccess({ repo: accountsRepo, auth, adminToken: config.PLATFORM_ADMIN_TOKEN!, logger });
  const checkChannel = async (candidate: ResolvedChannel) =>
    providers.has(candidate.provider)
      ? providers.for(candidate).checkCredentials(candidate)
      : { ok: false, detail: `provider "${candidate.provider}" is not available in this deployment` };
  // Product photos and customer media: an S3-compatible bucket, or local disk.
  const storage = createStorage(config, { publicUrl });
  // Live events: this process's LISTEN connection(s) and the SSE streams of staff screens.
  const hub = createEventHub({ defaultUrl: config.DATABASE_URL, logger });
  const conversations = createConversationsService({
    companies, tenants, pool, storage, handoffTimeoutMinutes: config.HANDOFF_TIMEOUT_MINUTES,
    members: async (companyId) => (await team.members(companyId)).map((x) => ({ userId: x.userId, name: x.name })),
  });
  const apiRouters = [
    createAccountsRouter({ auth, team, apiKeys, production }),
    createConversationsRouter({ conversations, storage }),
    createEventsRouter({ hub, maxPerCompany: config.SSE_MAX_STREAMS_PER_COMPANY, maxPerCaller: config.SSE_MAX_STREAMS_PER_USER }),
    createCompaniesRouter({ companies, checkChannel, publicUrl, verifyToken: config.WHATSAPP_VERIFY_TOKEN!, onChannelsChanged: () => syncEmulatorNumbers() }),
    createCatalogRouter({ companies, tenants, storage, rankByName: rankProducts }),
    createOrdersRouter({
      companies, tenants,
      scheduleSend: (ref) => scheduleConversationSend(pool, ref),
      userName: async (id) => (await accountsRepo.findUserById(id))?.name ?? null,
    }),
    createPublicMediaRouter({ storage }),
    createSettingsRouter({ settings: createSettingsService({ repo: settingsRepo }) }),
    createPlansRouter({ plans }),
    createReportsRouter({ tenants, plans, settings: settingsRepo }),
    createAgentRouter({
      service: createAgentService({
        agent, tenants, companies, planOf, cipher: secrets, platform: aiPlatform, logger,
        monthlyAi: async (companyId) => (await usage.monthlyUsage(companyId)).ai,
        userName: async (id) => (await accountsRepo.findUserById(id))?.name ?? null,
      }),
    }),
  ];

  let worker: QueueRunner | undefined;
  const runsWorker = config.PROCESS_ROLE !== 'web';
  const runsWeb = config.PROCESS_ROLE !== 'worker';

  const app = createApp({
    logger,
    pool,
    metrics,
    companies,
    access,
    apiRouters,
    trustProxy: config.TRUST_PROXY,
    metricsAccess: config.metricsAccess,
    webhookRouter: providers.router,
    emulatorRouter,
    isWorkerHealthy: () => !runsWorker || worker !== undefined,
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;

  /** Central schema, queue schema, and every tenant schema, each under its advisory lock. */
  async function migrateAll(): Promise<{ central: string[]; tenants: number }> {
    const centralDone = await migrateSchema(pool, 'central', 'public');
    await migrateQueue(pool, logger);
    const all = await central.company.findMany({ select: { dbConnectionConfig: true } });
    for (const c of all) {
      const db = c.dbConnectionConfig as { schema: string; url?: string };
      await migrateSchema(pools.get(db.url), 'tenant', db.schema);
    }
    return { central: centralDone, tenants: all.length };
  }

  /** Registers every channel with its built-in emulator so its credentials are accepted. */
  async function syncEmulatorNumbers() {
    if (!emulator || !twilioEmulator) return;
    const { channels, unreadable } = await companies.activeChannels();
    for (const u of unreadable) logger.error({ phoneNumberId: u.phoneNumberId }, 'channel token cannot be decrypted: was TOKEN_ENCRYPTION_KEY changed?');
    for (const ch of channels) {
      if (ch.provider === 'meta') {
        emulator.registerNumber({
          phoneNumberId: ch.phoneNumberId,
          token: ch.secret,
          wabaId: ch.wabaId ?? undefined,
          displayPhoneNumber: ch.displayPhoneNumber ?? undefined,
        });
      } else if (ch.provider === 'twilio') {
        const sender = twilioSenderOf(ch, publicUrl() ?? localUrl());
        if (sender) twilioEmulator.registerSender(sender);
      }
    }
  }

  async function startWorker() {
    const processMessages = createProcessMessagesTask({
      reorderWindowMs: config.REORDER_WINDOW_MS,
      inbox,
      companies,
      tenants,
      engine,
      sender,
      providers,
      readTypedOptions: resolveTypedOptions({ pools, providers }),
      metrics,
      alerts,
      logger,
      markRead: config.WHATSAPP_MARK_READ,
      queueMediaDownloads: (channel, handled) => scheduleMediaDownloads(pool, mediaDownloadsOf(channel, handled)),
    });
    const applyStatuses = createApplyStatusesTask({ inbox, companies, providers, writeStatuses: createStatusWriter(pools, live), metrics, alerts, logger });
    worker = await startQueueWorker({
      pool,
      logger,
      concurrency: config.WORKER_CONCURRENCY,
      // Every worker process sends at its share of each number's limit.
      onProcessCount: (processes) => limiter.setShare(1 / processes),
      tasks: {
        [DRAIN_JOBS.message.task]: processMessages,
        [DRAIN_JOBS.status.task]: applyStatuses,
        [SEND_JOB.task]: createSendOutboundTask({ companies, sender, metrics, logger }),
        [DOWNLOAD_MEDIA_JOB.task]: createDownloadMediaTask({ companies, tenants, providers, storage, logger }),
      },
    });
  }

  const reconcileInbox = createInboxReconciler({ inbox, alerts, metrics, logger, afterMs: config.RECONCILE_AFTER_SECONDS * 1000 });
  const reconcileReplies = createRepliesReconciler({ companies, sender, inbox, pool, alerts, metrics, logger, staleMs: config.RECONCILE_AFTER_SECONDS * 1000 });
  const timers: NodeJS.Timeout[] = [];
  /** Runs `fn` every `ms` in the background, never twice at once; its failures are logged. */
  function every(ms: number, name: string, fn: () => Promise<unknown>) {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      await fn().catch((err: unknown) => logger.error({ err, task: name }, 'background task failed'));
      running = false;
    }, ms);
    timer.unref();
    timers.push(timer);
  }
  function watchQueues() {
    // Expired sign-ins and day-old login attempts (the rate limit looks back 15 minutes).
    every(3_600_000, 'accounts-cleanup', () => auth.pruneExpired());
    every(15_000, 'backlog', async () => {
      const b = await inbox.backlog();
      metrics.backlog.set(b.pending);
      if (b.pending > 0 && b.oldestSeconds > 60) {
        await alerts.raise('queue_backlog', `Inbound queue is backing up: ${b.pending} waiting, oldest ${Math.round(b.oldestSeconds)} s`, { pending: b.pending });
      }
    });
    every(config.RECONCILE_INTERVAL_MS, 'reconcile', async () => {
      await reconcileInbox();
      await reconcileReplies();
    });
  }

  return {
    app,
    server,
    pool,
    pools,
    central,
    tenants,
    companies,
    storage,
    hub,
    auth,
    team,
    apiKeys,
    plans,
    cipher,
    emulator,
    twilioEmulator,
    metrics,
    migrateAll,
    syncEmulatorNumbers,
    checkChannels: () => checkChannels({ companies, providers, alerts }),
    reconcileInbox,
    reconcileReplies,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    async start() {
      if (runsWeb) {
        await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
        port = (server.address() as AddressInfo).port;
      }
      await syncEmulatorNumbers();
      if (runsWorker) {
        await startWorker();
        watchQueues();
      }
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      // Worker first: jobs in flight finish (they may be talking to the in-process emulator).
      if (worker) await worker.stop();
      worker = undefined;
      if (runsWeb && server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      await live.close();
      await hub.close();
      await emulator?.close();
      await twilioEmulator?.close();
      await tenants.disconnectAll();
      await central.$disconnect();
      await pools.closeAll();
    },
  };
}
