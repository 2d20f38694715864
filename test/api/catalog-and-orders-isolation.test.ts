import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../../src/modules/orders/index.ts';
import { toCompany } from '../../src/modules/companies/index.ts';
import { startTestPlatform } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

// Company B's owner, staff and API key probe every catalog and orders route on company A's rows:
// each answer is 404 (as for a row that does not exist), and A's data is unchanged after.
let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;
let productId: string;
let categoryId: string;
let orderCode: string;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
}, { companies: { products: [{ sku: 'A-1', name: 'Producto de A', price: '10', stock: '5' }] } });
beforeAll(async () => {
  const product = await h.a.db.product.findFirstOrThrow({ where: { sku: 'A-1' } });
  productId = product.id;
  categoryId = (await h.a.db.category.create({ data: { name: 'Categoría de A' } })).id;
  await h.a.db.product.update({ where: { id: productId }, data: { categoryId } });
  const customer = await h.a.db.customer.create({ data: { waId: '5215512340000', name: 'Cliente de A' } });
  const shop = toCompany(await platform.companies.getCompany(h.a.slug));
  const placed = await h.a.db.$transaction((tx) =>
    placeOrder(tx, shop, {
      customerId: customer.id, lines: [{ productId, quantity: '1' }], delivery: { addressId: null, address: 'Calle A', latitude: null, longitude: null }, sourceMessageId: null,
    }),
  );
  if (!placed.ok) throw placed.error;
  orderCode = placed.order.orderCode;
}, 120_000);

async function snapshotOfA() {
  const [products, categories, orders, history] = await Promise.all([
    h.a.db.product.findMany({ orderBy: { id: 'asc' } }),
    h.a.db.category.findMany({ orderBy: { id: 'asc' } }),
    h.a.db.order.findMany({ orderBy: { id: 'asc' } }),
    h.a.db.orderHistory.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ products, categories, orders, history }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

type Probe = { method: string; path: (slug: string) => string; body?: unknown; raw?: Buffer | string; type?: string };

const probes: Probe[] = [
  { method: 'GET', path: (s) => `/api/companies/${s}/products` },
  { method: 'POST', path: (s) => `/api/companies/${s}/products`, body: { name: 'Intruso', price: '1' } },
  { method: 'GET', path: (s) => `/api/companies/${s}/products/export.csv` },
  { method: 'POST', path: (s) => `/api/companies/${s}/products/import?dryRun=false`, raw: 'nombre,precio\nIntruso,1\n', type: 'text/csv' },
  { method: 'GET', path: (s) => `/api/companies/${s}/products/${productId}` },
  { method: 'PATCH', path: (s) => `/api/companies/${s}/products/${productId}`, body: { price: '0.01' } },
  { method: 'DELETE', path: (s) => `/api/companies/${s}/products/${productId}` },
  { method: 'PUT', path: (s) => `/api/companies/${s}/products/${productId}/photo`, raw: 'PNG', type: 'image/png' },
  { method: 'DELETE', path: (s) => `/api/companies/${s}/products/${productId}/photo` },
  { method: 'GET', path: (s) => `/api/companies/${s}/categories` },
  { method: 'POST', path: (s) => `/api/companies/${s}/categories`, body: { name: 'Intrusa' } },
  { method: 'PATCH', path: (s) => `/api/companies/${s}/categories/${categoryId}`, body: { name: 'Robada' } },
  { method: 'DELETE', path: (s) => `/api/companies/${s}/categories/${categoryId}` },
  { method: 'GET', path: (s) => `/api/companies/${s}/orders` },
  { method: 'GET', path: (s) => `/api/companies/${s}/order-statuses` },
  { method: 'GET', path: (s) => `/api/companies/${s}/orders/${orderCode}` },
  { method: 'PATCH', path: (s) => `/api/companies/${s}/orders/${orderCode}`, body: { status: 'cancelado' } },
  { method: 'GET', path: (s) => `/api/companies/${s}/orders/${orderCode}/ticket` },
];

async function send(p: Probe, slug: string, token: string | null) {
  const body = p.raw ?? (p.body === undefined ? undefined : JSON.stringify(p.body));
  const res = await fetch(`${platform.url}${p.path(slug)}`, {
    method: p.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': p.type ?? 'application/json' } : {}) },
    body: typeof body === 'string' ? body : body ? new Uint8Array(body) : undefined,
  });
  return { status: res.status, text: await res.text() };
}

describe("company B's people and key on company A's catalog and orders", () => {
  it("get 404 on A's company paths for every route and verb, and A is unchanged", async () => {
    const before = await snapshotOfA();
    for (const caller of h.outsiders()) {
      for (const p of probes) {
        const res = await send(p, h.a.slug, caller.token);
        expect(res.status, `${caller.label}: ${p.method} ${p.path('A')}`).toBe(404);
      }
    }
    expect(await snapshotOfA()).toBe(before);
  });

  it("get 404 for A's rows through their own company (a row of another company does not exist there)", async () => {
    const before = await snapshotOfA();
    const rowProbes = probes.filter((p) => p.path('x').includes(productId) || p.path('x').includes(categoryId) || p.path('x').includes(orderCode));
    for (const caller of h.outsiders()) {
      for (const p of rowProbes) {
        const res = await send(p, h.b.slug, caller.token);
        expect(res.status, `${caller.label}: ${p.method} ${p.path('B')}`).toBe(404);
      }
    }
    expect(await snapshotOfA()).toBe(before);
  });

  it('no credentials or a forged one: 401 before anything is read; A unchanged', async () => {
    const before = await snapshotOfA();
    for (const token of [null, 'mst_forjada', 'mss_forjada', 'x'.repeat(300)]) {
      for (const p of probes) expect((await send(p, h.a.slug, token)).status, `${token}: ${p.method} ${p.path('A')}`).toBe(401);
    }
    expect(await snapshotOfA()).toBe(before);
  });

  it("A's own owner, staff and key reach every read", async () => {
    const photo = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer();
    for (const caller of h.insiders()) {
      for (const p of probes.filter((x) => x.method === 'GET')) expect((await send(p, h.a.slug, caller.token)).status, `${caller.label}: ${p.path('A')}`).toBe(200);
    }
    expect((await send({ method: 'PUT', path: (s) => `/api/companies/${s}/products/${productId}/photo`, raw: photo, type: 'image/png' }, h.a.slug, h.a.staff.token)).status).toBe(200);
  });
});
