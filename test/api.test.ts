import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import type { Platform } from '../src/composition.ts';

let platform: Platform;
let a: TestCompany;
let b: TestCompany;

const api = async (path: string, opts: { method?: string; token?: string; body?: unknown } = {}) => {
  const res = await fetch(`${platform.url}${path}`, {
    method: opts.method ?? 'GET',
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), 'content-type': 'application/json' },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, any> };
};

beforeAll(async () => {
  platform = await startTestPlatform();
  a = await createTestCompany(platform, { products: [{ sku: 'A1', name: 'Producto A', price: '10.00' }] });
  b = await createTestCompany(platform, { plan: 'basico', products: [{ sku: 'B1', name: 'Producto B', price: '20.00' }] });
});
afterAll(async () => {
  await platform.stop();
});

describe('admin API', () => {
  it('requires a token and refuses company keys on platform-only routes', async () => {
    expect((await api('/api/companies')).status).toBe(401);
    expect((await api('/api/companies', { token: 'wrong-token-xxxxxxxx' })).status).toBe(401);
    expect((await api('/api/companies', { token: a.apiKey })).status).toBe(403);
    const ok = await api('/api/companies', { token: ADMIN_TOKEN });
    expect(ok.status).toBe(200);
    expect(ok.json.companies.some((c: { slug: string }) => c.slug === a.slug)).toBe(true);
  });

  it('creates a company over HTTP (201), then answers 200 for the same slug', async () => {
    const body = { slug: `api-${Date.now()}`, name: 'Tintorería API', plan: 'completo' };
    const first = await api('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body });
    expect(first.status).toBe(201);
    expect(first.json.apiKey).toMatch(/^mst_/);
    const again = await api('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body });
    expect(again.status).toBe(200);
    expect(again.json.company.id).toBe(first.json.company.id);
  });

  it('explains invalid input in Spanish with the field', async () => {
    const res = await api('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body: { slug: 'x y', name: 'Z' } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain('slug');
  });

  it('sets and clears the new-order template, refusing a name Meta would not accept', async () => {
    const bad = await api(`/api/companies/${a.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { adminOrderTemplate: 'Nuevo Pedido!' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('plantilla');
    const set = await api(`/api/companies/${a.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { adminOrderTemplate: 'nuevo_pedido' } });
    expect(set.json.company.adminOrderTemplate).toBe('nuevo_pedido');
    const cleared = await api(`/api/companies/${a.slug}`, { method: 'PATCH', token: ADMIN_TOKEN, body: { adminOrderTemplate: null } });
    expect(cleared.json.company.adminOrderTemplate).toBeNull();
  });

  it("a company's key cannot see or change another company's data: it gets 404 as if it did not exist", async () => {
    expect((await api(`/api/companies/${a.slug}/products`, { token: a.apiKey })).status).toBe(200);
    const reads = [`/api/companies/${b.slug}`, `/api/companies/${b.slug}/products`, `/api/companies/${b.slug}/orders`, `/api/companies/${b.slug}/usage`];
    for (const path of reads) expect((await api(path, { token: a.apiKey })).status, path).toBe(404);
    const write = await api(`/api/companies/${b.slug}/products`, { method: 'POST', token: a.apiKey, body: { products: [{ name: 'Intruso', price: '1' }] } });
    expect(write.status).toBe(404);
    expect((await api(`/api/companies/no-existe/products`, { token: a.apiKey })).status).toBe(404);
    const bProducts = await b.db.product.findMany();
    expect(bProducts.map((p) => p.name)).toEqual(['Producto B']);
  });

  it('upserts products and enforces the plan limit on active products with a clear message', async () => {
    const up = await api(`/api/companies/${a.slug}/products`, { method: 'POST', token: a.apiKey, body: { products: [{ sku: 'A1', name: 'Producto A', price: '12.50' }, { sku: 'A2', name: 'Producto A2', price: '3' }] } });
    expect(up.status).toBe(200);
    const list = await api(`/api/companies/${a.slug}/products`, { token: a.apiKey });
    expect(list.json.products.find((p: { sku: string }) => p.sku === 'A1').price).toBe('12.5');
    const many = Array.from({ length: 60 }, (_, i) => ({ name: `Extra ${i}`, price: '1.00' }));
    const limited = await api(`/api/companies/${b.slug}/products`, { method: 'POST', token: ADMIN_TOKEN, body: { products: many } });
    expect(limited.status).toBe(402);
    expect(limited.json.error.code).toBe('PLAN_LIMIT');
    expect(await b.db.product.count()).toBe(1);
  });

  it('changing an order status records history and tells the customer on WhatsApp', async () => {
    const customer = await a.db.customer.create({ data: { waId: '5215588887777', name: 'Lucía' } });
    const product = await a.db.product.findFirstOrThrow({ where: { sku: 'A1' } });
    await a.db.order.create({
      data: {
        orderCode: 'P-9001', customerId: customer.id, total: '12.50', currency: 'MXN', status: 'pendiente', deliveryAddress: 'Calle 1',
        items: { create: [{ productId: product.id, productName: product.name, unit: product.unit, unitPrice: '12.50', quantity: '1', lineTotal: '12.50' }] },
      },
    });
    const res = await api(`/api/companies/${a.slug}/orders/P-9001`, { method: 'PATCH', token: a.apiKey, body: { status: 'en_camino' } });
    expect(res.status).toBe(200);
    expect(res.json.customerNotified).toBe(true);
    const history = await a.db.orderHistory.findMany({ where: { order: { orderCode: 'P-9001' } } });
    expect(history.map((h) => h.toStatus)).toContain('en_camino');
    const sent = await waitFor(async () => platform.emulator!.store.listOutbound({ phoneNumberId: a.phoneNumberId }).find((m) => m.waId === '5215588887777'), 10_000, 'notification');
    expect(JSON.stringify(sent.body)).toMatch(/P-9001/);
    const back = await api(`/api/companies/${a.slug}/orders/P-9001`, { method: 'PATCH', token: a.apiKey, body: { status: 'no-existe' } });
    expect(back.status).toBeGreaterThanOrEqual(400);
    // Staff can read the order (lines, history) and the customer's conversation.
    const order = await api(`/api/companies/${a.slug}/orders/P-9001`, { token: a.apiKey });
    expect(order.json.order.items.map((i: { productName: string }) => i.productName)).toEqual([product.name]);
    expect(order.json.order.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['en_camino']);
    const latest = await api(`/api/companies/${a.slug}/orders`, { token: a.apiKey });
    expect(latest.json.orders.map((o: { orderCode: string }) => o.orderCode)).toContain('P-9001');
    const chat = await api(`/api/companies/${a.slug}/messages?waId=5215588887777`, { token: a.apiKey });
    expect(chat.json.customer.name).toBe('Lucía');
    expect(chat.json.messages.some((m: { body: string }) => m.body.includes('P-9001'))).toBe(true);
    expect((await api(`/api/companies/${a.slug}/orders/P-0000`, { token: a.apiKey })).status).toBe(404);
  });
  it('a customer who asks for a person shows up in the handoffs until staff release the chat; usage counts the messages', async () => {
    const c = customer(platform, a, undefined, 'Marta');
    const repliesTo = () => platform.emulator!.store.listOutbound({ phoneNumberId: a.phoneNumberId }).filter((m) => m.waId === c.waId);
    await c.send('hola');
    await waitFor(async () => repliesTo().length >= 1, 10_000, 'welcome');
    await c.send('quiero hablar con un asesor');
    await waitFor(async () => repliesTo().length >= 2, 10_000, 'handoff reply');
    const open = await api(`/api/companies/${a.slug}/handoffs`, { token: a.apiKey });
    expect(open.status).toBe(200);
    expect(open.json.handoffs.map((h: { waId: string }) => h.waId)).toContain(c.waId);
    const released = await api(`/api/companies/${a.slug}/handoffs/${c.waId}/release`, { method: 'POST', token: a.apiKey });
    expect(released.json).toMatchObject({ released: true, customerNotified: true });
    await waitFor(async () => repliesTo().length >= 3, 10_000, 'bot is back message');
    const after = await api(`/api/companies/${a.slug}/handoffs`, { token: a.apiKey });
    expect(after.json.handoffs.map((h: { waId: string }) => h.waId)).not.toContain(c.waId);
    const usage = await waitFor(async () => {
      const u = await api(`/api/companies/${a.slug}/usage`, { token: a.apiKey });
      return u.json.messagesUsed >= 4 ? u : undefined;
    }, 10_000, 'usage counted');
    expect(usage.json).toMatchObject({ plan: 'premium', messageLimit: expect.any(Number) });
  });

});

describe('operations endpoints', () => {
  it('healthz, readyz, metrics and the OpenAPI document answer', async () => {
    expect((await api('/healthz')).status).toBe(200);
    const ready = await api('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.checks).toMatchObject({ database: 'ok', migrations: 'ok', queue: 'ok', worker: 'ok' });
    const metrics = await fetch(`${platform.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('mostrador_webhook_requests_total');
    const doc = await api('/openapi.json');
    expect(Object.keys(doc.json.paths)).toContain('/api/companies/{slug}/orders/{code}');
  });
});
