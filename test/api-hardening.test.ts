import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/composition.ts';
import { createApp } from '../src/app.ts';
import { ADMIN_TOKEN, createTestCompany, startTestPlatform, type TestCompany } from './helpers/platform.ts';
import { testLogger } from './helpers/db.ts';

let platform: Platform;
let a: TestCompany;
let b: TestCompany;

type Reply = { status: number; text: string; json: Record<string, any> };

async function call(path: string, opts: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const res = await fetch(`${platform.url}${path}`, {
    method: opts.method ?? 'GET',
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.raw !== undefined || opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text) as Record<string, any>;
  } catch {
    // not JSON
  }
  return { status: res.status, text, json };
}

// zod's English defaults ("Invalid input: expected string, received number", "Too small: …").
const ENGLISH = /\b(Invalid|expected|received|Too (big|small)|Unrecognized|Required)\b/;

beforeAll(async () => {
  platform = await startTestPlatform();
  a = await createTestCompany(platform, { products: [{ sku: 'A1', name: 'Producto A', price: '10.00' }, { name: 'Sin código', price: '1' }] });
  b = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

describe('authentication comes first', () => {
  it('an unauthenticated request is refused with 401 whatever its body: huge, broken or of another type', async () => {
    const huge = `{"products":[${'"x",'.repeat(2_000_000)}"x"]}`;
    expect(huge.length).toBeGreaterThan(6 * 1024 * 1024);
    for (const raw of [huge, '{broken', '\u0000']) {
      expect((await call(`/api/companies/${a.slug}/products`, { method: 'POST', raw })).status).toBe(401);
    }
    expect((await call('/api/companies', { method: 'POST', raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(401);
  });

  it('accepts the Bearer scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const res = await call('/api/companies', { headers: { authorization: `${scheme} ${ADMIN_TOKEN}` } });
      expect(res.status, scheme).toBe(200);
    }
    expect((await call('/api/companies', { headers: { authorization: `Basic ${ADMIN_TOKEN}` } })).status).toBe(401);
  });

  it('an authenticated body that is too big, not JSON or not UTF-8 gets 413/400/415 in Spanish', async () => {
    const big = await call(`/api/companies/${a.slug}/products`, { method: 'POST', token: ADMIN_TOKEN, raw: `"${'x'.repeat(6 * 1024 * 1024)}"` });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toMatch(/demasiado grande/);
    const broken = await call(`/api/companies/${a.slug}/products`, { method: 'POST', token: ADMIN_TOKEN, raw: '{"products": [' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/no es JSON válido/);
    const form = await call(`/api/companies/${a.slug}/products`, { method: 'POST', token: ADMIN_TOKEN, raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.json.error.message).toMatch(/JSON/);
    const latin1 = await call(`/api/companies/${a.slug}/products`, { method: 'POST', token: ADMIN_TOKEN, raw: '[]', headers: { 'content-type': 'application/json; charset=latin1' } });
    expect(latin1.status).toBe(415);
    expect(latin1.json.error.message).toMatch(/UTF-8/);
  });
});

describe('suspending a company', () => {
  it("refuses the company's API key while suspended, and accepts it again once active", async () => {
    const c = await createTestCompany(platform);
    expect((await call(`/api/companies/${c.slug}/products`, { token: c.apiKey })).status).toBe(200);
    const suspended = await call(`/api/companies/${c.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { status: 'suspended' } });
    expect(suspended.json.company.status).toBe('suspended');
    for (const path of [`/api/companies/${c.slug}`, `/api/companies/${c.slug}/products`, `/api/companies/${c.slug}/orders`]) {
      const res = await call(path, { token: c.apiKey });
      expect(res.status, path).toBe(403);
      expect(res.json.error.message).toMatch(/suspendida/);
    }
    // The operator still reaches it.
    expect((await call(`/api/companies/${c.slug}/products`, { token: ADMIN_TOKEN })).status).toBe(200);
    await call(`/api/companies/${c.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { status: 'active' } });
    expect((await call(`/api/companies/${c.slug}/products`, { token: c.apiKey })).status).toBe(200);
  });

  it('only the platform admin changes the status, and only to active or suspended', async () => {
    expect((await call(`/api/companies/${a.slug}`, { method: 'PATCH', token: a.apiKey, body: { status: 'suspended' } })).status).toBe(403);
    const bad = await call(`/api/companies/${a.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { status: 'deleted' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/status: active o suspended/);
  });
});

describe('rotating an API key', () => {
  it('over the API: the new key is returned once and works, the old one is refused at once', async () => {
    const c = await createTestCompany(platform);
    const rotated = await call(`/api/companies/${c.slug}/api-key/rotate`, { method: 'POST', token: ADMIN_TOKEN });
    expect(rotated.status).toBe(200);
    expect(rotated.json.apiKey).toMatch(/^mst_/);
    expect(rotated.json.apiKey).not.toBe(c.apiKey);
    expect((await call(`/api/companies/${c.slug}/products`, { token: c.apiKey })).status).toBe(401);
    expect((await call(`/api/companies/${c.slug}/products`, { token: rotated.json.apiKey })).status).toBe(200);
    // The company can replace its own key; another company cannot, and sees nothing.
    const own = await call(`/api/companies/${c.slug}/api-key/rotate`, { method: 'POST', token: rotated.json.apiKey });
    expect(own.status).toBe(200);
    expect((await call(`/api/companies/${c.slug}/products`, { token: rotated.json.apiKey })).status).toBe(401);
    expect((await call(`/api/companies/${c.slug}/api-key/rotate`, { method: 'POST', token: b.apiKey })).status).toBe(404);
    expect((await call(`/api/companies/no-existe/api-key/rotate`, { method: 'POST', token: ADMIN_TOKEN })).status).toBe(404);
  });

  it('from the command line (npm run company:rotate-key)', async () => {
    const c = await createTestCompany(platform);
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/rotate-api-key.ts', '--slug', c.slug], {
        env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/dev/null', DATABASE_URL: platform.pools.defaultUrl, TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32), LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.code, out.stderr).toBe(0);
    const key = /"apiKey": "(mst_[^"]+)"/.exec(out.stdout)?.[1];
    expect(key).toBeDefined();
    expect(out.stdout).toContain('no se vuelve a mostrar');
    expect((await call(`/api/companies/${c.slug}/products`, { token: c.apiKey })).status).toBe(401);
    expect((await call(`/api/companies/${c.slug}/products`, { token: key })).status).toBe(200);
  });
});

describe('text that PostgreSQL cannot store', () => {
  const NUL = '\u0000';
  const SURROGATE = '\ud800';

  it('a NUL or a lone surrogate anywhere in the input is a 400 naming where, never a 500', async () => {
    const cases: { what: string; path: string; method?: string; body?: unknown }[] = [
      { what: 'slug', path: '/api/companies', method: 'POST', body: { slug: `a${NUL}b`, name: 'Tienda' } },
      { what: 'name', path: '/api/companies', method: 'POST', body: { slug: 'nul-name', name: `Tien${NUL}da` } },
      { what: 'channel.accessToken', path: '/api/companies', method: 'POST', body: { slug: 'nul-token', name: 'Tienda', channel: { phoneNumberId: '1234567', accessToken: `EAAG${NUL}xxxxxx` } } },
      { what: 'name (PATCH)', path: `/api/companies/${a.slug}`, method: 'PATCH', body: { name: `Nombre ${NUL}` } },
      { what: 'key', path: `/api/companies/${a.slug}`, method: 'PATCH', body: { [`na${NUL}me`]: 'Nombre' } },
      { what: 'path slug', path: `/api/companies/a%00b` },
      { what: 'path slug (products)', path: `/api/companies/a%00b/products` },
      { what: 'order code', path: `/api/companies/${a.slug}/orders/P-%001` },
      { what: 'order code (PATCH)', path: `/api/companies/${a.slug}/orders/P-%001`, method: 'PATCH', body: { status: 'en_camino' } },
      { what: 'order status', path: `/api/companies/${a.slug}/orders/P-1`, method: 'PATCH', body: { status: `en_${NUL}camino` } },
      { what: 'order note', path: `/api/companies/${a.slug}/orders/P-1`, method: 'PATCH', body: { status: 'en_camino', note: `nota${NUL}` } },
      { what: 'waId path', path: `/api/companies/${a.slug}/handoffs/5215%00/release`, method: 'POST' },
      { what: 'waId query', path: `/api/companies/${a.slug}/messages?waId=5215%00` },
      { what: 'limit query', path: `/api/companies/${a.slug}/orders?limit=1%00` },
      { what: 'product name', path: `/api/companies/${a.slug}/products`, method: 'POST', body: { products: [{ name: `Pan${NUL}`, price: '1' }] } },
      { what: 'product sku', path: `/api/companies/${a.slug}/products`, method: 'POST', body: { products: [{ name: 'Pan', sku: `S${NUL}`, price: '1' }] } },
      { what: 'product description', path: `/api/companies/${a.slug}/products`, method: 'POST', body: [{ name: 'Pan', description: NUL, price: '1' }] },
      { what: 'product unit', path: `/api/companies/${a.slug}/products`, method: 'POST', body: [{ name: 'Pan', unit: `k${NUL}g`, price: '1' }] },
      { what: 'product image', path: `/api/companies/${a.slug}/products`, method: 'POST', body: [{ name: 'Pan', imageUrl: `https://x.mx/${NUL}`, price: '1' }] },
      { what: 'product price', path: `/api/companies/${a.slug}/products`, method: 'POST', body: [{ name: 'Pan', price: `1${NUL}` }] },
    ];
    for (const c of cases) {
      const res = await call(c.path, { method: c.method, token: ADMIN_TOKEN, body: c.body });
      expect(res.status, c.what).toBe(400);
      expect(res.json.error.message, c.what).toMatch(/carácter nulo/);
    }
    const surrogates = [
      { path: '/api/companies', method: 'POST', body: { slug: 'sur-name', name: `Tienda ${SURROGATE}` } },
      { path: `/api/companies/${a.slug}/products`, method: 'POST', body: [{ name: `Pan ${SURROGATE}`, price: '1' }] },
      { path: `/api/companies/${a.slug}/orders/P-1`, method: 'PATCH', body: { status: 'en_camino', note: `\udfff nota` } },
    ];
    for (const c of surrogates) {
      const res = await call(c.path, { method: c.method, token: ADMIN_TOKEN, body: c.body });
      expect(res.status, c.path).toBe(400);
      expect(res.json.error.message).toMatch(/Unicode mal formado/);
    }
    // Nothing was written.
    expect((await call('/api/companies/sur-name', { token: ADMIN_TOKEN })).status).toBe(404);
    expect(await a.db.product.count()).toBe(2);
    // Emoji (valid surrogate pairs) and accents are fine.
    const ok = await call(`/api/companies/${a.slug}/products`, { method: 'POST', token: ADMIN_TOKEN, body: [{ name: 'Piñata 🎉', price: '1' }] });
    expect(ok.status).toBe(200);
  });

  it('a path with broken percent-encoding is a 400 in Spanish', async () => {
    for (const path of ['/api/companies/%E0%A4%A', '/api/companies/%ED%A0%80/products', `/api/companies/${a.slug}/orders/%FF`]) {
      const res = await call(path, { token: ADMIN_TOKEN });
      expect(res.status, path).toBe(400);
      expect(res.json.error.message).toMatch(/mal codificados/);
    }
  });
});

describe('company settings are checked with Intl', () => {
  it('on create: locale, currency and time zone must be real, and are stored in their canonical spelling', async () => {
    const bad = await call('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body: { slug: `intl-${Date.now()}`, name: 'Intl', locale: 'zz-ZZ', currency: 'XYZ', timezone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['currency', 'locale', 'timezone']);
    for (const field of ['locale', 'currency', 'timezone']) expect(bad.json.error.message).toContain(`${field}:`);
    for (const [field, value] of [['locale', 'es-XX'], ['locale', 'es_MX-u-nu-arab'], ['locale', 'no es un idioma'], ['currency', 'XXX'], ['currency', 'US$'], ['timezone', '+01:00'], ['timezone', 'America/Ciudad_Gotica']]) {
      const res = await call('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body: { slug: `intl-${Date.now()}`, name: 'Intl', [field!]: value } });
      expect(res.status, `${field}=${value}`).toBe(400);
      expect(res.json.error.issues[0].path).toBe(field);
    }
    const slug = `intl-${Date.now()}`;
    const ok = await call('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body: { slug, name: 'Intl', locale: 'es_co', currency: 'cop', timezone: 'america/bogota' } });
    expect(ok.status).toBe(201);
    expect(ok.json.company).toMatchObject({ locale: 'es-CO', currency: 'COP', timezone: 'America/Bogota' });
  });

  it('on PATCH too', async () => {
    const bad = await call(`/api/companies/${b.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { currency: 'ABC' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/currency: código de moneda ISO 4217/);
    const ok = await call(`/api/companies/${b.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { currency: 'pen', locale: 'es-PE', timezone: 'America/Lima' } });
    expect(ok.status).toBe(200);
    expect(ok.json.company).toMatchObject({ currency: 'PEN', locale: 'es-PE', timezone: 'America/Lima' });
  });

  it('a misspelt field is refused instead of silently ignored', async () => {
    const res = await call(`/api/companies/${b.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { curency: 'COP' } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('curency');
  });
});

describe('a company on another database server', () => {
  it('an unreachable or unusable databaseUrl is a 422 in Spanish and nothing is created', async () => {
    const cases: [string, RegExp][] = [
      ['postgres://nobody@127.0.0.1:1/x', /rechazó la conexión/],
      ['postgres://postgres@host-que-no-existe.invalid:5432/x', /no se encontró el servidor/],
      [`postgres://postgres@127.0.0.1:${new URL(platform.pools.defaultUrl).port || 5432}/base_que_no_existe`, /la base de datos no existe/],
    ];
    for (const [databaseUrl, reason] of cases) {
      const slug = `remote-${Math.random().toString(36).slice(2, 8)}`;
      const res = await call('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body: { slug, name: 'Remota', databaseUrl } });
      expect(res.status, databaseUrl).toBe(422);
      expect(res.json.error.message).toMatch(reason);
      expect(res.text).not.toContain('nobody@');
      expect((await call(`/api/companies/${slug}`, { token: ADMIN_TOKEN })).status).toBe(404);
      const schema = await platform.pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [`tenant_${slug.replace(/-/g, '_')}`]);
      expect(schema.rowCount).toBe(0);
    }
    const notPostgres = await call('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body: { slug: 'remote-http', name: 'Remota', databaseUrl: 'https://example.com/db' } });
    expect(notPostgres.status).toBe(400);
    expect(notPostgres.json.error.message).toMatch(/databaseUrl: URL de PostgreSQL/);
  });
});

describe('hostile input never reaches a 500, and every message is Spanish', () => {
  it('wrong types, huge numbers, negative stock, bad limits and unknown shapes are 4xx', async () => {
    const s = a.slug;
    const cases: { path: string; method?: string; body?: unknown; raw?: string }[] = [
      { path: '/api/companies', method: 'POST', body: { slug: 123, name: ['x'] } },
      { path: '/api/companies', method: 'POST', body: { slug: 'x'.repeat(10_000), name: 'y'.repeat(100_000) } },
      { path: '/api/companies', method: 'POST', body: { slug: 'tp', name: 'Tienda', channel: { phoneNumberId: '1234567', accessToken: 'xxxxxxxxxx', throughputPerSecond: 1e308 } } },
      { path: '/api/companies', method: 'POST', body: { slug: 'tp', name: 'Tienda', channel: { phoneNumberId: '1234567', accessToken: 'x'.repeat(10_000) } } },
      { path: '/api/companies', method: 'POST', body: { slug: 'tp', name: 'Tienda', plan: 'oro', botEnabled: 'yes' } },
      { path: '/api/companies', method: 'POST', raw: '"una cadena"' },
      { path: '/api/companies', method: 'POST', raw: 'null' },
      { path: '/api/companies', method: 'POST', raw: '[1, 2]' },
      { path: `/api/companies/${s}`, method: 'PATCH', body: { name: 12, botEnabled: 'sí', adminPhone: 5215511112222 } },
      { path: `/api/companies/${s}`, method: 'PATCH', raw: '[]' },
      { path: `/api/companies/${s}/orders?limit=1e309` },
      { path: `/api/companies/${s}/orders?limit=-1` },
      { path: `/api/companies/${s}/orders?limit=abc` },
      { path: `/api/companies/${s}/orders?limit=1&limit=2` },
      { path: `/api/companies/${s}/orders/${'P'.repeat(5000)}` },
      { path: `/api/companies/${s}/orders/P-1`, method: 'PATCH', body: { status: 42 } },
      { path: `/api/companies/${s}/orders/P-1`, method: 'PATCH', body: { status: 'x'.repeat(5000) } },
      { path: `/api/companies/${s}/orders/P-1`, method: 'PATCH', body: {} },
      { path: `/api/companies/${s}/handoffs/${'9'.repeat(500)}/release`, method: 'POST' },
      { path: `/api/companies/${s}/handoffs/abc/release`, method: 'POST' },
      { path: `/api/companies/${s}/messages` },
      { path: `/api/companies/${s}/messages?waId=abc` },
      { path: `/api/companies/${s}/products`, method: 'POST', body: { products: 'x' } },
      { path: `/api/companies/${s}/products`, method: 'POST', body: { products: [] } },
      { path: `/api/companies/${s}/products`, method: 'POST', body: { products: [null, 1, 'x'] } },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Pan', price: 1e21 }] },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Pan', price: '-5' }] },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Pan', price: '1', stock: -5 }] },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Pan', price: '1', stock: '1e10' }] },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Pan', price: '999999999999.99' }] },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Pan', price: { amount: 1 } }] },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 42, price: '1', isActive: 'quizá', sku: 7, unit: [] }] },
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Pan', price: '1', imageUrl: `https://x.mx/${'a'.repeat(5000)}` }] },
      { path: `/api/companies/${s}/products`, method: 'POST', raw: `{"products":${'['.repeat(100_000)}${']'.repeat(100_000)}}` },
      // A SKU that another row of the same batch takes: the database refuses it.
      { path: `/api/companies/${s}/products`, method: 'POST', body: [{ name: 'Sin código', sku: 'S9', price: '1' }, { name: 'Otro', sku: 'S9', price: '2' }] },
    ];
    for (const c of cases) {
      const res = await call(c.path, { method: c.method, token: ADMIN_TOKEN, body: c.body, raw: c.raw });
      const label = `${c.method ?? 'GET'} ${c.path.slice(0, 80)} ${(c.raw ?? JSON.stringify(c.body) ?? '').slice(0, 80)}`;
      expect(res.status, `${label} → ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${label} → ${res.text.slice(0, 200)}`).toBeLessThan(500);
      expect(res.text, label).not.toMatch(ENGLISH);
      expect(res.json.error.message, label).toBeTruthy();
    }
    expect(await a.db.product.count()).toBe(3);
  });

  it("zod's own messages come out in Spanish, with the field named", async () => {
    const res = await call(`/api/companies/${a.slug}/products`, { method: 'POST', token: ADMIN_TOKEN, body: { products: [null] } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^Datos inválidos: 0: .*se esperaba objeto/);
  });
});

describe('/metrics', () => {
  const serve = async (metricsAccess: Parameters<typeof createApp>[0]['metricsAccess']) => {
    const app = createApp({
      logger: testLogger(),
      pool: platform.pool,
      metrics: platform.metrics,
      companies: platform.companies,
      access: { authenticate: async () => null, companyFor: async () => null },
      apiRouters: [],
      webhookRouter: express.Router(),
      isWorkerHealthy: () => true,
      metricsAccess,
    });
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
  };

  it('with METRICS_TOKEN, only its Bearer holder reads it', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const s = await serve({ kind: 'token', token });
    try {
      expect((await fetch(s.url)).status).toBe(401);
      expect((await fetch(s.url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(401);
      const ok = await fetch(s.url, { headers: { authorization: `bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('mostrador_webhook_requests_total');
    } finally {
      await s.close();
    }
  });

  it('off (production without METRICS_TOKEN): not served', async () => {
    const s = await serve({ kind: 'off' });
    try {
      expect((await fetch(s.url)).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});

describe('the OpenAPI document', () => {
  it('documents the key rotation, the status change and the Intl settings', async () => {
    const openApiDocument = (await call('/openapi.json')).json;
    const paths = openApiDocument.paths as Record<string, Record<string, { summary: string }>>;
    expect(paths['/api/companies/{slug}/api-key/rotate']?.post).toBeDefined();
    expect(paths['/api/companies/{slug}']?.patch?.summary).toMatch(/suspended/);
    expect(paths['/api/companies/{slug}']?.patch?.summary).toMatch(/currency, locale, time zone/);
  });
});
