import 'dotenv/config';
import os from 'node:os';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { createProcessLogger, type Logger } from './platform/logger.ts';
import { startEmbeddedPostgres } from './platform/db/embedded-postgres.ts';
import { createPlatform, type Platform } from './composition.ts';
import { seedDemoCompanies } from './demo/seed-demo.ts';
import { watchLauncher } from './platform/parent-watch.ts';

// A shutdown that takes longer than this (a job stuck on a network call) is cut short.
const SHUTDOWN_TIMEOUT_MS = 30_000;
// npm forwards SIGINT/SIGTERM to its child, and a terminal's Ctrl-C also reaches the child
// directly: the same signal twice within this window is one request, not an impatient second.
const DUPLICATE_SIGNAL_MS = 1_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Mostrador cannot start. ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * Stops in order: HTTP stops accepting, the worker drains, pools close, the embedded PostgreSQL
 * stops, then one "stopped" line. A second signal exits at once.
 */
function createShutdown(logger: Logger) {
  let platform: Platform | undefined;
  let config: Config | undefined;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let first: { reason: string; at: number } | undefined;

  async function stopAll() {
    if (platform && config) {
      const server = platform.server;
      // With the built-in emulator the worker's replies go to our own port, so HTTP stays up
      // until the worker has drained (composition's stop order); otherwise it stops first.
      const closeFirst = server.listening && !config.emulator;
      const closed = closeFirst ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      await platform.stop();
      server.closeAllConnections();
      await closed;
    }
    if (stopEmbedded) await stopEmbedded();
  }

  async function shutdown(reason: string) {
    const now = Date.now();
    if (first) {
      if (reason === first.reason && now - first.at < DUPLICATE_SIGNAL_MS) return;
      logger.warn({ reason }, 'second stop request: exiting without finishing the shutdown');
      process.exit(1);
    }
    first = { reason, at: now };
    logger.info({ reason }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await stopAll();
    } catch (err) {
      logger.error({ err }, 'error while stopping');
      process.exit(1);
    }
    logger.info({ ms: Date.now() - now }, 'stopped');
    process.exit(0);
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  // Launched by a process that is gone (npm killed, a test runner that died): nobody would ever
  // stop this one, nor the embedded PostgreSQL it started.
  watchLauncher((who) => void shutdown(`${who} exited`));
  process.on('disconnect', () => void shutdown('parent process disconnected'));

  return {
    get stopping() {
      return first !== undefined;
    },
    manage(parts: { platform?: Platform; config?: Config; stopEmbedded?: () => Promise<void> }) {
      platform = parts.platform ?? platform;
      config = parts.config ?? config;
      stopEmbedded = parts.stopEmbedded ?? stopEmbedded;
    },
  };
}

async function main(config: Config, logger: Logger, shutdown: ReturnType<typeof createShutdown>) {
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, logger });
    databaseUrl = embedded.url;
    shutdown.manage({ stopEmbedded: embedded.stop });
  }
  const platform = await createPlatform({ ...config, DATABASE_URL: databaseUrl }, logger);
  shutdown.manage({ platform, config });
  const summary: Record<string, unknown> = { role: config.PROCESS_ROLE, environment: config.NODE_ENV, emulator: config.emulator };
  // A worker-only process yields the CPU to web processes on the same machine: Meta needs the
  // webhook's 200 within seconds, while a reply can wait a few milliseconds more.
  if (config.PROCESS_ROLE === 'worker' && config.WORKER_NICE > 0) {
    try {
      os.setPriority(config.WORKER_NICE);
      summary.nice = config.WORKER_NICE;
    } catch (err) {
      logger.warn({ err: String(err) }, 'could not lower the worker process CPU priority');
    }
  }
  try {
    await platform.pool.query('SELECT 1');
    summary.database = databaseUrl === config.DATABASE_URL ? 'external' : 'embedded';
  } catch (err) {
    logger.fatal({ err: String(err) }, 'database unreachable');
    process.exit(1);
  }
  const migrated = await platform.migrateAll();
  summary.migrations = { centralApplied: migrated.central, tenantSchemas: migrated.tenants };
  if (config.demoData) summary.demo = await seedDemoCompanies(platform, logger);
  if (shutdown.stopping) return;
  await platform.start();
  summary.url = platform.url;
  summary.graphApi = config.emulator && !config.WHATSAPP_GRAPH_URL ? 'built-in emulator' : config.graphBaseUrl;
  summary.twilioApi = config.TWILIO_API_URL ?? (config.emulator ? 'built-in emulator' : 'https://api.twilio.com');
  summary.publicUrl = config.PUBLIC_URL ?? (config.NODE_ENV === 'production' ? 'not set' : platform.url);
  summary.metrics = config.metricsAccess.kind;
  // Webhook route mounted and the verify token works: ask ourselves the way Meta does.
  if (config.PROCESS_ROLE !== 'worker') {
    const challenge = String(Date.now());
    const res = await fetch(`${platform.url}/webhook?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(config.WHATSAPP_VERIFY_TOKEN!)}&hub.challenge=${challenge}`);
    summary.webhook = res.status === 200 && (await res.text()) === challenge ? 'ok' : `failed (${res.status})`;
  }
  summary.channels = config.CHECK_CHANNELS_ON_START ? await platform.checkChannels() : 'skipped';
  // Product photos and customers' media: where they go, and whether a file can be written there now.
  summary.storage = await platform.storage.status();
  logger.info({ startup: summary }, 'Mostrador started');
  if (!(summary.storage as { writable: boolean }).writable) {
    logger.warn({ storage: summary.storage }, 'storage is not writable: photo uploads and customer media will fail until it is');
  }
  if (config.NODE_ENV === 'production') warnProductionChoices(config, logger);
  if (config.emulator && config.PROCESS_ROLE !== 'worker') {
    logger.info(`Simulator: ${platform.url}/simulador  ·  API docs: ${platform.url}/openapi.json`);
  }
}

/** Settings production allows but an operator should see at every start. */
function warnProductionChoices(config: Config, logger: Logger) {
  if (config.emulator) logger.warn('EMULATOR=true in production: the Graph API emulator and the simulator are served');
  if (config.demoData) logger.warn('DEMO_DATA=true in production: demo companies were created');
  if (config.metricsAccess.kind === 'off') logger.warn('/metrics is not served: set METRICS_TOKEN to scrape it with a Bearer token');
  if (!config.PUBLIC_URL) logger.warn('PUBLIC_URL is not set: Twilio webhooks are refused (their signatures are over the public URL) and Twilio sends carry no status callback');
}

const config = readConfig();
const logger = createProcessLogger(config.LOG_LEVEL, config.LOG_FORMAT);
const shutdown = createShutdown(logger);
main(config, logger, shutdown).catch((err: unknown) => {
  // Stopped while starting: what failed was cut short by the shutdown, which exits by itself.
  if (shutdown.stopping) return;
  process.stderr.write(`Mostrador failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
