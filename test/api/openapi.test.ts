// The OpenAPI document against the running app: every route Express serves is documented, every
// documented operation exists (never the router's own 404) and never answers 500 — which, with
// response checking on outside production, also means no documented answer drifts from its
// schema — and /docs renders in Chromium loading nothing from outside this server.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Express } from 'express';
import type { Platform } from '../../src/composition.ts';
import { openApiPath } from '../../src/platform/http/openapi.ts';
import { apiClient } from '../helpers/api-client.ts';
import { ADMIN_TOKEN, createTestCompany, startTestPlatform, type TestCompany } from '../helpers/platform.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Served but not API operations: the docs page's own script files.
const NOT_OPERATIONS = new Set(['/docs/scalar.js', '/docs/init.js']);

let platform: Platform;
let shop: TestCompany;
let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown>; tags?: string[]; security?: unknown[]; 'x-access'?: string }>> };
const call = apiClient(() => platform.url);

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform);
  doc = (await call('/openapi.json')).json as typeof doc;
});
afterAll(async () => {
  await platform.stop();
});

type Layer = { route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; match?: (path: string) => boolean };

/** Every (method, path) Express routes, walking routers mounted at the root (not /_emulator). */
function servedRoutes(app: Express): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        if (typeof layer.route.path !== 'string') continue; // the web UI's page list
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method, path: layer.route.path });
      } else if (layer.handle?.stack && layer.match?.('/__any-path__')) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 with one error shape, and every business operation says who may call it', () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!path.startsWith('/api/companies') && !path.startsWith('/auth')) continue;
        operations++;
        expect(op['x-access'], `${method} ${path}`).toBeDefined();
        expect(op.tags?.length, `${method} ${path}`).toBe(1);
        expect(Object.keys(op.responses).some((s) => s.startsWith('2')), `${method} ${path}`).toBe(true);
        expect(op.responses['400'], `${method} ${path}`).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
      }
    }
    expect(operations).toBeGreaterThan(20);
  });

  it('documents every route the app serves', () => {
    const served = servedRoutes(platform.app).filter((r) => !NOT_OPERATIONS.has(r.path));
    expect(served.length).toBeGreaterThan(30);
    const missing = served.filter((r) => !doc.paths[openApiPath(r.path)]?.[r.method]).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('every documented operation exists and never answers 500 (answers match their schemas)', async () => {
    const fill = (path: string) =>
      path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (name === 'slug') return shop.slug;
        if (name === 'channelId') return shop.channelId;
        if (name === 'key') return 'public/no-existe.jpg';
        if (/id$/i.test(name)) return '00000000-0000-4000-8000-000000000000';
        return '5215500000000';
      });
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        const url = fill(path);
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 3000);
        try {
          const res = await fetch(`${platform.url}${url}`, {
            method: method.toUpperCase(),
            headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(method === 'get' ? {} : { 'content-type': 'application/json' }) },
            body: method === 'get' ? undefined : '{}',
            signal: controller.signal,
          });
          // A stream (live events) answers 200 at once and stays open: its status is enough.
          const text = res.headers.get('content-type')?.includes('event-stream') ? '' : await res.text();
          if (res.status >= 500) problems.push(`${method.toUpperCase()} ${url} → ${res.status} ${text.slice(0, 200)}`);
          if (res.status === 404 && text.includes('Ruta no encontrada')) problems.push(`${method.toUpperCase()} ${url} → no such route`);
        } catch (err) {
          if ((err as Error).name !== 'AbortError') problems.push(`${method.toUpperCase()} ${url} → ${String(err)}`);
        } finally {
          clearTimeout(timer);
          controller.abort();
        }
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

describe('/docs', () => {
  it('is served with a policy that forbids anything from outside this server', async () => {
    const page = await call('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.text).not.toMatch(/https?:\/\//);
    const script = await fetch(`${platform.url}/docs/scalar.js`);
    expect(script.status).toBe(200);
    expect(Number(script.headers.get('content-length'))).toBeGreaterThan(1_000_000);
    expect((await call('/docs/init.js')).text).toContain("url: '/openapi.json'");
  });

  it('renders the API reference in Chromium from this server only', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const tab = await browser.newPage();
      const origins = new Set<string>();
      tab.on('request', (r) => origins.add(new URL(r.url()).origin));
      await tab.goto(`${platform.url}/docs`);
      await expect.poll(() => tab.getByText('Iniciar sesión', { exact: false }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect([...origins].filter((o) => o !== platform.url && !o.startsWith('data:') && o !== 'null')).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
