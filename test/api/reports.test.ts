// Reports over real HTTP, on known data: days in the shop's time zone, cancelled orders left
// out of sales, conversations and conversion, top products, new vs returning customers; plans
// without reports get 402; other companies 404; bad periods 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestCompany, startTestPlatform, type TestCompany } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';
import { apiClient } from '../helpers/api-client.ts';

let platform: Platform;
let shop: TestCompany;
let basic: TestCompany;

const call = apiClient(() => platform.url);
const api = (path: string, token: string = ADMIN_TOKEN) => call(path, { token });

// Mexico City is UTC-6 all year.
const mx = (local: string) => new Date(`${local}:00-06:00`);

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform, { plan: 'completo', products: [{ sku: 'P1', name: 'Bolillo', price: '10.00' }, { sku: 'P2', name: 'Pastel', price: '25.50' }] });
  basic = await createTestCompany(platform, { plan: 'basico' });
  const db = shop.db;
  const [p1, p2] = [await db.product.findFirstOrThrow({ where: { sku: 'P1' } }), await db.product.findFirstOrThrow({ where: { sku: 'P2' } })];
  const customer = (waId: string) => db.customer.create({ data: { waId, name: waId } });
  const [c1, c2, c3] = [await customer('5215500000001'), await customer('5215500000002'), await customer('5215500000003')];
  let n = 0;
  const order = async (customerId: string, at: Date, lines: [typeof p1, number][], status = 'confirmado') => {
    const items = lines.map(([p, q], position) => ({ productId: p.id, productName: p.name, unit: p.unit, unitPrice: p.price, quantity: q, lineTotal: p.price.mul(q), position }));
    await db.order.create({
      data: {
        orderCode: `R-${++n}`, customerId, total: items.reduce((s, i) => s.add(i.lineTotal), p1.price.mul(0)), currency: 'MXN', status, createdAt: at, statusChangedAt: at,
        items: { create: items.map(({ productId, ...rest }) => ({ ...rest, product: { connect: { id: productId } } })) },
      },
    });
  };
  await order(c1.id, mx('2026-10-01T10:00'), [[p1, 1]]); // before the period: c1 is returning
  await order(c1.id, mx('2026-11-01T10:00'), [[p1, 2]]);
  await order(c2.id, mx('2026-11-01T23:30'), [[p2, 1]]); // 05:30 UTC on the 2nd: the shop's 1st
  await order(c3.id, mx('2026-11-02T12:10'), [[p2, 4]], 'cancelado');
  await order(c2.id, mx('2026-11-03T12:00'), [[p1, 1], [p2, 1]]);
  await order(c2.id, mx('2026-11-04T00:10'), [[p1, 9]]); // after the period
  const wrote = (customerId: string, at: Date) => db.message.create({ data: { customerId, direction: 'inbound', type: 'text', body: 'hola', status: 'received', createdAt: at } });
  await wrote(c1.id, mx('2026-11-01T09:50'));
  await wrote(c2.id, mx('2026-11-01T23:20'));
  await wrote(c3.id, mx('2026-11-02T12:00'));
  await wrote(c3.id, mx('2026-11-02T12:05'));
  await wrote(c2.id, mx('2026-11-03T11:55'));
  await db.message.create({ data: { customerId: c3.id, direction: 'outbound', type: 'text', body: 'respuesta', status: 'read', createdAt: mx('2026-11-02T12:01') } });
});
afterAll(async () => {
  await platform.stop();
});

describe('reports', () => {
  it('orders, revenue, conversations and conversion per shop day; cancelled orders are not sales', async () => {
    const res = await api(`/api/companies/${shop.slug}/reports?from=2026-11-01&to=2026-11-03`, shop.apiKey);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ from: '2026-11-01', to: '2026-11-03', timezone: 'America/Mexico_City', currency: 'MXN' });
    expect(res.json.days).toEqual([
      { date: '2026-11-01', orders: 2, revenue: '45.50', conversations: 2, convertedConversations: 2 },
      { date: '2026-11-02', orders: 0, revenue: '0.00', conversations: 1, convertedConversations: 0 },
      { date: '2026-11-03', orders: 1, revenue: '35.50', conversations: 1, convertedConversations: 1 },
    ]);
    expect(res.json.totals).toEqual({
      orders: 3, revenue: '81.00', averageOrder: '27.00', cancelledOrders: 1,
      conversations: 4, convertedConversations: 3, conversion: 0.75,
      customers: 2, newCustomers: 1, returningCustomers: 1,
    });
  });

  it('top products by revenue, with quantities and how many orders had them', async () => {
    const res = await api(`/api/companies/${shop.slug}/reports?from=2026-11-01&to=2026-11-03`, shop.apiKey);
    expect(res.json.topProducts.map((p: Record<string, unknown>) => ({ name: p.name, quantity: Number(p.quantity), revenue: p.revenue, orders: p.orders }))).toEqual([
      { name: 'Pastel', quantity: 2, revenue: '51.00', orders: 2 },
      { name: 'Bolillo', quantity: 3, revenue: '30.00', orders: 2 },
    ]);
    const one = await api(`/api/companies/${shop.slug}/reports?from=2026-11-01&to=2026-11-03&top=1`, shop.apiKey);
    expect(one.json.topProducts).toHaveLength(1);
  });

  it('a period with nothing in it is all zeros, every day listed', async () => {
    const res = await api(`/api/companies/${shop.slug}/reports?from=2026-06-01&to=2026-06-30`);
    expect(res.status).toBe(200);
    expect(res.json.days).toHaveLength(30);
    expect(res.json.totals).toMatchObject({ orders: 0, revenue: '0.00', averageOrder: '0.00', conversion: 0 });
  });

  it('without dates: the last 30 days of the shop ending today', async () => {
    const res = await api(`/api/companies/${shop.slug}/reports`);
    expect(res.status).toBe(200);
    expect(res.json.days).toHaveLength(30);
    expect(res.json.to).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date()));
  });

  it('a plan without reports gets 402 PLAN_LIMIT with a clear Spanish message', async () => {
    const res = await api(`/api/companies/${basic.slug}/reports`, basic.apiKey);
    expect(res.status).toBe(402);
    expect(res.json.error.code).toBe('PLAN_LIMIT');
    expect(res.json.error.message).toContain('Tu plan Básico no incluye los reportes');
  });

  it("another company's key gets 404, not the figures", async () => {
    const res = await api(`/api/companies/${shop.slug}/reports?from=2026-11-01&to=2026-11-03`, basic.apiKey);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.json)).not.toContain('81.00');
    expect((await api(`/api/companies/${shop.slug}/reports`, 'mst_forged_key_000000000000000000')).status).toBe(401);
  });

  it.each([
    ['from after to', 'from=2026-11-05&to=2026-11-01'],
    ['a date that does not exist', 'from=2026-02-30&to=2026-03-01'],
    ['not a date', 'from=ayer'],
    ['a period over a year', 'from=2024-01-01&to=2026-01-01'],
    ['top out of range', 'top=0'],
    ['an unknown parameter', 'desde=2026-11-01'],
  ])('refuses %s with 400', async (_label, query) => {
    const res = await api(`/api/companies/${shop.slug}/reports?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION');
  });
});
