import 'dotenv/config';
import os from 'node:os';
import { ConfigError, loadConfig } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { startEmbeddedPostgres } from './platform/db/embedded-postgres.ts';
import { createPlatform } from './composition.ts';
import { seedDemoCompanies } from './demo/seed-demo.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Mostrador cannot start. ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let stopEmbedded: (() => Promise<void>) | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, logger });
    databaseUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const platform = await createPlatform({ ...config, DATABASE_URL: databaseUrl }, logger);
  const summary: Record<string, unknown> = { role: config.PROCESS_ROLE, emulator: config.emulator };
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
  await platform.start();
  summary.url = platform.url;
  // Webhook route mounted and the verify token works: ask ourselves the way Meta does.
  if (config.PROCESS_ROLE !== 'worker') {
    const challenge = String(Date.now());
    const res = await fetch(`${platform.url}/webhook?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(config.WHATSAPP_VERIFY_TOKEN!)}&hub.challenge=${challenge}`);
    summary.webhook = res.status === 200 && (await res.text()) === challenge ? 'ok' : `failed (${res.status})`;
  }
  summary.channels = config.CHECK_CHANNELS_ON_START ? await platform.checkChannels() : 'skipped';
  summary.objectStorage = 'not configured';
  logger.info({ startup: summary }, 'Mostrador started');
  if (config.emulator && config.PROCESS_ROLE !== 'worker') {
    logger.info(`Simulator: ${platform.url}/simulador  ·  API docs: ${platform.url}/openapi.json`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await platform.stop().catch((err) => logger.error({ err }, 'error while stopping'));
    if (stopEmbedded) await stopEmbedded().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Mostrador failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
