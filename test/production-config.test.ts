import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_DEFAULTS, loadConfig } from '../src/platform/config.ts';
import type { Platform } from '../src/composition.ts';
import { startTestPlatform } from './helpers/platform.ts';
import { startServerProcess } from './helpers/server-process.ts';
import { testDatabaseUrl } from './helpers/db.ts';

const strongKey = () => randomBytes(32).toString('hex');
const production = () => ({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db.internal:5432/mostrador',
  TOKEN_ENCRYPTION_KEY: strongKey(),
  WHATSAPP_APP_SECRET: randomBytes(16).toString('hex'),
  WHATSAPP_VERIFY_TOKEN: randomBytes(8).toString('hex'),
  PLATFORM_ADMIN_TOKEN: randomBytes(24).toString('hex'),
});

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('production configuration', () => {
  it('a complete production configuration starts with Meta, no emulator, no demo data, metrics closed', () => {
    const config = loadConfig(production());
    expect(config.emulator).toBe(false);
    expect(config.demoData).toBe(false);
    expect(config.graphBaseUrl).toBe('https://graph.facebook.com/v25.0');
    expect(config.metricsAccess).toEqual({ kind: 'off' });
  });

  it('lists every missing secret at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of ['DATABASE_URL', 'TOKEN_ENCRYPTION_KEY', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'PLATFORM_ADMIN_TOKEN']) {
      expect(problems.some((p) => p.startsWith(`${name}: required in production`)), name).toBe(true);
    }
  });

  it('an empty variable counts as unset, not as a value', () => {
    expect(problemsOf({ ...production(), PLATFORM_ADMIN_TOKEN: '' })).toEqual(['PLATFORM_ADMIN_TOKEN: required in production']);
  });

  it('refuses an admin token shorter than 32 characters', () => {
    const problems = problemsOf({ ...production(), PLATFORM_ADMIN_TOKEN: 'a'.repeat(31) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/PLATFORM_ADMIN_TOKEN: must be at least 32 characters/);
    expect(problemsOf({ ...production(), PLATFORM_ADMIN_TOKEN: randomBytes(16).toString('hex') })).toEqual([]);
  });

  it('refuses every development default even when set explicitly, and "change me" placeholders', () => {
    for (const [name, value] of Object.entries(DEVELOPMENT_DEFAULTS)) {
      const problems = problemsOf({ ...production(), [name]: value });
      expect(problems.some((p) => p.startsWith(`${name}: the development value`)), name).toBe(true);
    }
    expect(problemsOf({ ...production(), PLATFORM_ADMIN_TOKEN: 'please-change-me-0123456789abcdef01234' })).toHaveLength(1);
    expect(problemsOf({ ...production(), WHATSAPP_APP_SECRET: 'CHANGEME-secret' })).toHaveLength(1);
  });

  it('refuses an encryption key that is a pattern, in hex or base64 (the all-zero key among them)', () => {
    for (const key of ['0'.repeat(64), Buffer.alloc(32).toString('base64'), 'ab'.repeat(32), '0123456789abcdef'.repeat(4)]) {
      expect(problemsOf({ ...production(), TOKEN_ENCRYPTION_KEY: key }), key).toHaveLength(1);
    }
  });

  it('reports schema problems and production rules together', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc', EMULATOR: 'maybe' });
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('EMULATOR:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('DATABASE_URL: required'))).toBe(true);
    // The operator reads these: English, even though API messages are Spanish.
    expect(problems.join('\n')).toMatch(/expected/i);
  });

  it('the emulator and demo data only when asked for explicitly', () => {
    const config = loadConfig({ ...production(), EMULATOR: 'true', DEMO_DATA: 'true' });
    expect(config.emulator).toBe(true);
    expect(config.demoData).toBe(true);
  });

  it('WHATSAPP_GRAPH_URL still wins; METRICS_TOKEN opens /metrics to its holder', () => {
    const config = loadConfig({ ...production(), WHATSAPP_GRAPH_URL: 'https://graph.example.com', METRICS_TOKEN: 'm'.repeat(24) + strongKey() });
    expect(config.graphBaseUrl).toBe('https://graph.example.com/v25.0');
    expect(config.metricsAccess.kind).toBe('token');
  });

  it('development keeps working with nothing configured', () => {
    const config = loadConfig({});
    expect(config.emulator).toBe(true);
    expect(config.demoData).toBe(true);
    expect(config.PLATFORM_ADMIN_TOKEN).toBe(DEVELOPMENT_DEFAULTS.PLATFORM_ADMIN_TOKEN);
    expect(config.metricsAccess).toEqual({ kind: 'open' });
    // Without the emulator, development talks to Meta too.
    expect(loadConfig({ EMULATOR: 'false', WHATSAPP_APP_SECRET: 'some-secret' }).graphBaseUrl).toBe('https://graph.facebook.com/v25.0');
  });
});

describe('starting in production with a bad configuration', () => {
  it('exits non-zero before doing anything, listing every problem', async () => {
    const server = startServerProcess({
      NODE_ENV: 'production',
      PLATFORM_ADMIN_TOKEN: DEVELOPMENT_DEFAULTS.PLATFORM_ADMIN_TOKEN,
      TOKEN_ENCRYPTION_KEY: DEVELOPMENT_DEFAULTS.TOKEN_ENCRYPTION_KEY,
      PORT: 'not-a-port',
    });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr).toContain('Mostrador cannot start. Invalid configuration:');
    for (const expected of ['PORT:', 'DATABASE_URL: required', 'WHATSAPP_APP_SECRET: required', 'WHATSAPP_VERIFY_TOKEN: required', 'PLATFORM_ADMIN_TOKEN: must be at least 32', 'PLATFORM_ADMIN_TOKEN: the development value', 'TOKEN_ENCRYPTION_KEY: the development value']) {
      expect(server.stderr, expected).toContain(expected);
    }
  });
});

describe('a production platform', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform({ ...production(), DATABASE_URL: testDatabaseUrl(), EMULATOR: '', DEMO_DATA: '' });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('serves neither the emulator, nor the simulator, nor its API', async () => {
    expect(platform.emulator).toBeUndefined();
    for (const path of ['/simulador', '/', '/api/simulator/companies', '/_emulator/messages', '/_emulator/graph/v25.0/123/messages']) {
      const res = await fetch(`${platform.url}${path}`);
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
  });
});
