import { z } from 'zod';
import { storageEnvSchema } from '../modules/storage/index.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// Every setting the platform reads. Validated once at start; the process refuses to start with
// a readable list of what is wrong.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  // The platform's public base URL (scheme, host, any path prefix a proxy strips), as providers
  // call it: Twilio signs the URL it posts to, and each send names its status callback URL.
  // Development: this process's own URL when unset; production: Twilio webhooks need it.
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Pretty lines when stdout is a terminal, JSON otherwise; set to force one.
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
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
  // Attempts within one send before a reply goes to the durable retry (a blip is absorbed at once;
  // an outage does not hold the conversation's queue for seconds per reply).
  WHATSAPP_SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  WHATSAPP_MARK_READ: bool.default(true),
  // Base URL of Twilio's REST API (`https://api.twilio.com`, or a peer speaking it). Default: the
  // built-in emulator when it is on, else Twilio. Sends share WHATSAPP_SEND_TIMEOUT_MS and attempts.
  TWILIO_API_URL: z.string().url().optional(),
  // 32 bytes, hex or base64: encrypts channel tokens at rest.
  TOKEN_ENCRYPTION_KEY: z.string().optional(),
  PLATFORM_ADMIN_TOKEN: z.string().min(16).optional(),
  // Bearer token for /metrics. Unset: open in development, not served in production.
  METRICS_TOKEN: z.string().min(16).optional(),
  // Built-in Graph API emulator + simulator page. Development default: on when no
  // WHATSAPP_GRAPH_URL is set; production default: off.
  EMULATOR: bool.optional(),
  // Demo companies. Development default: on with the embedded database; production default: off.
  DEMO_DATA: bool.optional(),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(1).default(120),
  HANDOFF_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(240),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  ALERT_WEBHOOK_URL: z.string().url().optional(),
  CHECK_CHANNELS_ON_START: bool.default(true),
  // A conversation's first pending message waits this long for a message written before it
  // that Meta delivers late (0: off); see the README's design notes.
  REORDER_WINDOW_MS: z.coerce.number().int().min(0).max(5000).default(150),
  // Reliability: how often the reconciler looks for stuck work, and how old pending work must be
  // before it counts as stuck; how long a reply is retried; how long to wait for a status before
  // resending a reply whose send timed out (its outcome unknown).
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(1).default(60),
  OUTBOUND_RETRY_HORIZON_MINUTES: z.coerce.number().int().min(1).default(24 * 60),
  OUTBOUND_RETRY_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(60),
  OUTBOUND_UNKNOWN_GRACE_SECONDS: z.coerce.number().int().min(1).default(120),
  // Accounts: mail for password resets and invitations (smtp://user:pass@host:587 or smtps://…:465;
  // unset: development writes the mail to the log, production does not send it), its sender,
  // how long a sign-in lasts, and which proxies to believe for the client IP of the login rate
  // limit (Express "trust proxy": e.g. loopback, 1, 10.0.0.0/8; unset: the socket address).
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Mostrador <no-responder@mostrador.local>'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SSE_MAX_STREAMS_PER_COMPANY: z.coerce.number().int().min(1).default(50),
  SSE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).default(10),
  SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  PASSWORD_RESETS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(5),
  TRUST_PROXY: z.string().optional(),
  // Photos and customer media: S3-compatible with S3_BUCKET, else local disk (MEDIA_DIR).
  ...storageEnvSchema,
  // AI agent (issue 12). SECRETS_KEY (32 bytes, hex or base64) encrypts the API keys businesses
  // bring; unset outside production a key is derived from TOKEN_ENCRYPTION_KEY (with a warning),
  // in production businesses cannot save a key of their own without it. The platform's default
  // model: OPENAI_API_KEY at OPENAI_BASE_URL (any OpenAI-compatible API), model AI_MODEL.
  SECRETS_KEY: z.string().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  AI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AI_TRANSCRIPTION_MODEL: z.string().min(1).default('whisper-1'),
  // A model answer not back by then is a failure: the menu answers that message.
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  AI_MAX_TOOL_CALLS: z.coerce.number().int().min(1).max(20).default(6),
  // US dollars per million tokens, for the cost shown in usage (gpt-4o-mini's list price).
  AI_PRICE_INPUT_PER_MTOK: z.coerce.number().min(0).default(0.15),
  AI_PRICE_OUTPUT_PER_MTOK: z.coerce.number().min(0).default(0.6),
});

export type Env = z.infer<typeof envSchema>;

/** Who may read /metrics: anyone, only with a Bearer token, or nobody (not served). */
export type MetricsAccess = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'off' };

export type Config = Env & {
  emulator: boolean;
  demoData: boolean;
  graphBaseUrl: string | undefined;
  metricsAccess: MetricsAccess;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const META_GRAPH_URL = 'https://graph.facebook.com';
export const MIN_PRODUCTION_ADMIN_TOKEN = 32;

/**
 * The values `npm start` uses when nothing is configured. They are public (this file, the
 * README), so production refuses them whether they come from a default or are set explicitly.
 */
export const DEVELOPMENT_DEFAULTS = {
  PLATFORM_ADMIN_TOKEN: 'dev-admin-token-change-me',
  WHATSAPP_APP_SECRET: 'dev-app-secret-change-me',
  WHATSAPP_VERIFY_TOKEN: 'dev-verify-token',
  TOKEN_ENCRYPTION_KEY: '0'.repeat(64),
} as const;

const SECRETS = ['PLATFORM_ADMIN_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'TOKEN_ENCRYPTION_KEY', 'METRICS_TOKEN', 'SECRETS_KEY'] as const;

export function graphBaseUrl(url: string, version: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v\d+\.\d+$/.test(trimmed) ? trimmed : `${trimmed}/${version}`;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // `FOO=` in a .env file or a compose file means "not set", not "set to nothing".
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  // Operator-facing: English whatever locale the API's validation messages use.
  const parsed = envSchema.safeParse(env, { error: z.locales.en().localeError });
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));
  problems.push(...crossChecks(env, invalid));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return withDefaults(parsed.data);
}

const flag = (v: string | undefined) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v));

/** Rules across settings, on the raw values so they are reported with the schema's problems. */
function crossChecks(env: Record<string, string | undefined>, invalid: Set<string>): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const emulator = flag(env.EMULATOR) ?? (production ? false : !env.WHATSAPP_GRAPH_URL);
  const key = env.TOKEN_ENCRYPTION_KEY;
  if (key && decodeKey(key) === undefined) {
    problems.push('TOKEN_ENCRYPTION_KEY: must be 32 bytes as 64 hex characters or base64');
  }
  if (env.SECRETS_KEY && decodeKey(env.SECRETS_KEY) === undefined) {
    problems.push('SECRETS_KEY: must be 32 bytes as 64 hex characters or base64');
  }
  if (!emulator && !env.WHATSAPP_APP_SECRET && !production) {
    problems.push('WHATSAPP_APP_SECRET: required when WHATSAPP_GRAPH_URL points at a real Graph API');
  }
  if (!production) return problems;

  for (const name of ['DATABASE_URL', 'TOKEN_ENCRYPTION_KEY', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'PLATFORM_ADMIN_TOKEN']) {
    if (!env[name]) problems.push(`${name}: required in production`);
  }
  const admin = env.PLATFORM_ADMIN_TOKEN;
  if (admin && !invalid.has('PLATFORM_ADMIN_TOKEN') && admin.length < MIN_PRODUCTION_ADMIN_TOKEN) {
    problems.push(`PLATFORM_ADMIN_TOKEN: must be at least ${MIN_PRODUCTION_ADMIN_TOKEN} characters in production (e.g. openssl rand -hex 32)`);
  }
  for (const name of SECRETS) {
    const value = env[name];
    if (value && isPlaceholder(name, value)) {
      problems.push(`${name}: the development value or a placeholder cannot be used in production; generate a new secret (e.g. openssl rand -hex 32)`);
    }
  }
  return problems;
}

/** A known development value, a "change me" placeholder, or an encryption key of repeated bytes. */
function isPlaceholder(name: (typeof SECRETS)[number], value: string): boolean {
  const known: string[] = Object.values(DEVELOPMENT_DEFAULTS);
  if (known.includes(value) || /change[-_ ]?me/i.test(value)) return true;
  if (name !== 'TOKEN_ENCRYPTION_KEY' && name !== 'SECRETS_KEY') return false;
  const bytes = decodeKey(value);
  // 32 random bytes have ~30 distinct values; half that means a typed-in pattern, not a key.
  return bytes !== undefined && new Set(bytes).size < 16;
}

function withDefaults(env: Env): Config {
  const production = env.NODE_ENV === 'production';
  const emulator = env.EMULATOR ?? (production ? false : !env.WHATSAPP_GRAPH_URL);
  // Without WHATSAPP_GRAPH_URL: the built-in emulator on our own port, else Meta.
  const graphUrl = env.WHATSAPP_GRAPH_URL ?? (emulator ? `http://127.0.0.1:${env.PORT}/_emulator/graph` : META_GRAPH_URL);
  return {
    ...env,
    // Development defaults so `npm start` works with no .env; production requires real values
    // (crossChecks), so these are never used there.
    WHATSAPP_APP_SECRET: env.WHATSAPP_APP_SECRET ?? DEVELOPMENT_DEFAULTS.WHATSAPP_APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: env.WHATSAPP_VERIFY_TOKEN ?? DEVELOPMENT_DEFAULTS.WHATSAPP_VERIFY_TOKEN,
    TOKEN_ENCRYPTION_KEY: env.TOKEN_ENCRYPTION_KEY ?? DEVELOPMENT_DEFAULTS.TOKEN_ENCRYPTION_KEY,
    PLATFORM_ADMIN_TOKEN: env.PLATFORM_ADMIN_TOKEN ?? DEVELOPMENT_DEFAULTS.PLATFORM_ADMIN_TOKEN,
    emulator,
    demoData: env.DEMO_DATA ?? (production ? false : !env.DATABASE_URL),
    graphBaseUrl: graphBaseUrl(graphUrl, env.WHATSAPP_API_VERSION),
    metricsAccess: env.METRICS_TOKEN
      ? { kind: 'token', token: env.METRICS_TOKEN }
      : production
        ? { kind: 'off' }
        : { kind: 'open' },
  };
}

export function decodeKey(key: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(key)) return Buffer.from(key, 'hex');
  const b = Buffer.from(key, 'base64');
  return b.length === 32 ? b : undefined;
}
