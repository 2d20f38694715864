import 'dotenv/config';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createProcessLogger } from '../platform/logger.ts';
import { useSpanishValidationMessages } from '../platform/validation.ts';
import { startEmbeddedPostgres } from '../platform/db/embedded-postgres.ts';
import { canConnect } from '../platform/db/pools.ts';
import { createPlatform, type Platform } from '../composition.ts';

// Every command's input errors reach a shop owner or operator in Spanish, including those found
// before the database is opened (a CSV's rows).
useSpanishValidationMessages();

/**
 * Runs a command against the platform's database: DATABASE_URL, else the embedded PostgreSQL
 * of `npm start` (reused if it is running, started for the command if not). No HTTP, no worker.
 */
export async function withPlatform<T>(fn: (p: Platform) => Promise<T>): Promise<T> {
  // Commands neither serve HTTP, receive webhooks nor send messages: those settings are
  // placeholders (random, so production's checks accept them). TOKEN_ENCRYPTION_KEY and
  // DATABASE_URL are the server's.
  const unused = () => randomBytes(24).toString('hex');
  let config;
  try {
    config = loadConfig({
      ...process.env,
      PROCESS_ROLE: 'worker',
      EMULATOR: 'false',
      DEMO_DATA: 'false',
      WHATSAPP_GRAPH_URL: process.env.WHATSAPP_GRAPH_URL || 'http://127.0.0.1:1',
      WHATSAPP_APP_SECRET: process.env.WHATSAPP_APP_SECRET || unused(),
      WHATSAPP_VERIFY_TOKEN: process.env.WHATSAPP_VERIFY_TOKEN || unused(),
      PLATFORM_ADMIN_TOKEN: process.env.PLATFORM_ADMIN_TOKEN || unused(),
    });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = createProcessLogger(process.env.LOG_LEVEL ?? 'warn', config.LOG_FORMAT);
  let url = config.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const embeddedUrl = `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/postgres`;
    if (await canConnect(embeddedUrl)) url = embeddedUrl;
    else {
      const e = await startEmbeddedPostgres({ dir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, logger });
      url = e.url;
      stop = e.stop;
    }
  }
  const platform = await createPlatform({ ...config, DATABASE_URL: url }, logger);
  try {
    await platform.migrateAll();
    return await fn(platform);
  } finally {
    await platform.stop();
    if (stop) await stop();
  }
}

/** `--name value` / `--flag` style arguments. */
export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) out[k] = inline;
    else if (argv[i + 1] && !argv[i + 1]!.startsWith('--')) out[k] = argv[++i]!;
    else out[k] = 'true';
  }
  return out;
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
