import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// Every setting the platform reads. Validated once at start; the process refuses to start with
// a readable list of what is wrong.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Which parts run in this process: web (HTTP), worker (queue), or both.
  PROCESS_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(32),
  EMBEDDED_PG_DIR: z.string().default('./.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  TENANT_CLIENT_CACHE_SIZE: z.coerce.number().int().min(1).default(200),
  // Meta
  WHATSAPP_APP_SECRET: z.string().min(8).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(4).optional(),
  // Base URL of the Graph API. `https://graph.facebook.com` or any peer speaking the protocol;
  // a trailing /vNN.N is used as is, otherwise WHATSAPP_API_VERSION is appended.
  WHATSAPP_GRAPH_URL: z.string().url().optional(),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v25.0'),
  WHATSAPP_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  WHATSAPP_SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  WHATSAPP_MARK_READ: bool.default(true),
  // 32 bytes, hex or base64: encrypts channel tokens at rest.
  TOKEN_ENCRYPTION_KEY: z.string().optional(),
  PLATFORM_ADMIN_TOKEN: z.string().min(16).optional(),
  // Built-in Graph API emulator + simulator page. Default: on when no WHATSAPP_GRAPH_URL is set.
  EMULATOR: bool.optional(),
  DEMO_DATA: bool.optional(),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(1).default(120),
  HANDOFF_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(240),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  ALERT_WEBHOOK_URL: z.string().url().optional(),
  CHECK_CHANNELS_ON_START: bool.default(true),
});

export type Env = z.infer<typeof envSchema>;

export type Config = Env & {
  emulator: boolean;
  demoData: boolean;
  graphBaseUrl: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function graphBaseUrl(url: string, version: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v\d+\.\d+$/.test(trimmed) ? trimmed : `${trimmed}/${version}`;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  const env = parsed.data;
  const emulator = env.EMULATOR ?? !env.WHATSAPP_GRAPH_URL;
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  if (production && !env.DATABASE_URL) problems.push('DATABASE_URL: required in production');
  if (production && !env.TOKEN_ENCRYPTION_KEY) problems.push('TOKEN_ENCRYPTION_KEY: required in production');
  if (production && !env.WHATSAPP_APP_SECRET) problems.push('WHATSAPP_APP_SECRET: required in production');
  if (production && !env.WHATSAPP_VERIFY_TOKEN) problems.push('WHATSAPP_VERIFY_TOKEN: required in production');
  if (env.TOKEN_ENCRYPTION_KEY && decodeKey(env.TOKEN_ENCRYPTION_KEY) === undefined) {
    problems.push('TOKEN_ENCRYPTION_KEY: must be 32 bytes as 64 hex characters or base64');
  }
  if (!emulator && !env.WHATSAPP_APP_SECRET) {
    problems.push('WHATSAPP_APP_SECRET: required when WHATSAPP_GRAPH_URL points at a real Graph API');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const port = env.PORT;
  const graphUrl = env.WHATSAPP_GRAPH_URL ?? (emulator ? `http://127.0.0.1:${port}/_emulator/graph` : undefined);
  return {
    ...env,
    // Development defaults so `npm start` works with no .env; production requires real values.
    WHATSAPP_APP_SECRET: env.WHATSAPP_APP_SECRET ?? 'dev-app-secret-change-me',
    WHATSAPP_VERIFY_TOKEN: env.WHATSAPP_VERIFY_TOKEN ?? 'dev-verify-token',
    TOKEN_ENCRYPTION_KEY: env.TOKEN_ENCRYPTION_KEY ?? '0'.repeat(64),
    PLATFORM_ADMIN_TOKEN: env.PLATFORM_ADMIN_TOKEN ?? 'dev-admin-token-change-me',
    emulator,
    demoData: env.DEMO_DATA ?? !env.DATABASE_URL,
    graphBaseUrl: graphUrl ? graphBaseUrl(graphUrl, env.WHATSAPP_API_VERSION) : undefined,
  };
}

export function decodeKey(key: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(key)) return Buffer.from(key, 'hex');
  const b = Buffer.from(key, 'base64');
  return b.length === 32 ? b : undefined;
}
