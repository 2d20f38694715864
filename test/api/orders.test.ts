import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../src/modules/orders/index.ts';
import { toCompany, type Company } from '../../src/modules/companies/index.ts';
import { EVENTS_CHANNEL } from '../../src/modules/events/index.ts';
import { startTestPlatform, waitFor } from '../helpers/platform.ts';
import { withIsolatedPlatform, type HarnessCompany, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
}, { companies: { products: [{ sku: 'GAR', name: 'Garrafón 20 L', price: '45', unit: 'garrafón', stock: '1000' }, { sku: 'HIE', name: 'Hielo 5 kg', price: '35.50', unit: 'bolsa' }] } });

const shopOf = async (c: HarnessCompany): Promise<Company> => toCompany(await platform.companies.getCompany(c.slug));

/** An order as the bot places it (the orders module's own function), at a given time. */
async function order(c: HarnessCompany, opts: { waId: string; name: string; qty?: string; at?: Date; pin?: boolean; address?: string }) {
  const [gar, hie] = await Promise.all([c.db.product.findFirstOrThrow({ where: { sku: 'GAR' } }), c.db.product.findFirstOrThrow({ where: { sku: 'HIE' } })]);
  const customer = await c.db.customer.upsert({ where: { waId: opts.waId }, create: { waId: opts.waId, name: opts.name }, update: {} });
  const shop = await shopOf(c);
  const placed = await c.db.$transaction((tx) =>
    placeOrder(tx, shop, {
      customerId: customer.id,
      lines: [{ productId: gar.id, quantity: opts.qty ?? '1' }, { productId: hie.id, quantity: '2' }],
      delivery: { addressId: null, address: opts.address ?? 'Av. Juárez 10, Centro', latitude: opts.pin ? 19.432608 : null, longitude: opts.pin ? -99.133209 : null },
      sourceMessageId: null,
      now: opts.at,
    }),
  );
  if (!placed.ok) throw placed.error;
  return placed.order;
}

describe('orders list', () => {
  it('filters by status, shop-day range, customer and text, and pages by cursor without gaps or repeats', async () => {
    const base = new Date('2026-11-20T18:00:00Z').getTime();
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push((await order(h.a, { waId: `521555000000${i % 2}`, name: i % 2 ? 'Rosa Méndez' : 'Jorge Ruiz', at: new Date(base + i * 3600_000) })).orderCode);
    // 23:30 on Nov 29 and 01:00 on Nov 30 in Mexico City (UTC-6).
    const late = await order(h.a, { waId: '5215550000009', name: 'Noé', at: new Date('2026-11-30T05:30:00Z') });
    const early = await order(h.a, { waId: '5215550000009', name: 'Noé', at: new Date('2026-11-30T07:00:00Z') });
    const list = (q: string, token = h.a.staff.token) => h.call(`/api/companies/${h.a.slug}/orders?${q}`, { token });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.json.orders.map((o: { orderCode: string }) => o.orderCode));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual([early.orderCode, late.orderCode, ...[...codes].reverse()]);

    expect((await list('from=2026-11-30&to=2026-11-30')).json.orders.map((o: { orderCode: string }) => o.orderCode)).toEqual([early.orderCode]);
    expect((await list('to=2026-11-29&from=2026-11-29')).json.orders.map((o: { orderCode: string }) => o.orderCode)).toEqual([late.orderCode]);
    expect((await list('from=2026-11-30T06:00:00Z')).json.orders).toHaveLength(1);
    expect((await list('waId=5215550000001')).json.orders).toHaveLength(3);
    expect((await list('q=rosa mendez')).json.orders.length + (await list('q=Rosa')).json.orders.length).toBeGreaterThanOrEqual(3);
    expect((await list('q=Rosa')).json.orders.every((o: { customer: { name: string } }) => o.customer.name === 'Rosa Méndez')).toBe(true);
    expect((await list(`q=${codes[2]!.toLowerCase()}`)).json.orders.map((o: { orderCode: string }) => o.orderCode)).toEqual([codes[2]]);
    expect((await list('q=5550000009')).json.orders).toHaveLength(2);
    expect((await list('status=pendiente,confirmado')).json.orders.length).toBeGreaterThanOrEqual(9);
    expect((await list('status=entregado')).json.orders).toEqual([]);
    const item = (await list('limit=1')).json.orders[0];
    expect(item).toMatchObject({ orderCode: early.orderCode, status: 'pendiente', total: '116.00', currency: 'MXN', itemCount: 2, customer: { name: 'Noé' } });
    for (const q of ['limit=0', 'limit=201', 'cursor=basura', 'from=ayer', 'status=DROP TABLE', 'customerId=1', 'waId=abc']) {
      const bad = await list(q);
      expect(bad.status, q).toBe(400);
      expect(bad.json.error.code, q).toBe('VALIDATION');
    }
  });
});

describe('order detail, status changes and ticket', () => {
  it('shows items, the customer, a map link for a pin and who changed what', async () => {
    const placed = await order(h.a, { waId: '5215551112222', name: 'Lupita', pin: true });
    const res = await h.call(`/api/companies/${h.a.slug}/orders/${placed.orderCode}`, { token: h.a.apiKey });
    expect(res.status).toBe(200);
    expect(res.json.order).toMatchObject({
      orderCode: placed.orderCode, status: 'pendiente', total: '116.00',
      customer: { waId: '5215551112222', name: 'Lupita' },
      delivery: { address: 'Av. Juárez 10, Centro', mapUrl: 'https://maps.google.com/?q=19.432608,-99.133209' },
      items: [{ productName: 'Garrafón 20 L', quantity: '1', unitPrice: '45.00', lineTotal: '45.00' }, { productName: 'Hielo 5 kg', quantity: '2', lineTotal: '71.00' }],
      history: [{ fromStatus: null, toStatus: 'pendiente', by: { kind: 'bot' } }],
    });
    expect(res.json.order.nextStatuses.map((s: { code: string }) => s.code)).toEqual(['confirmado', 'en_preparacion', 'en_camino', 'entregado', 'cancelado']);

    const moved = await h.call(`/api/companies/${h.a.slug}/orders/${placed.orderCode}`, { method: 'PATCH', token: h.a.owner.token, body: { status: 'confirmado', note: 'Pagado en efectivo' } });
    expect(moved.status).toBe(200);
    await h.call(`/api/companies/${h.a.slug}/orders/${placed.orderCode}`, { method: 'PATCH', token: h.a.apiKey, body: { status: 'en_camino' } });
    const after = (await h.call(`/api/companies/${h.a.slug}/orders/${placed.orderCode}`, { token: h.a.staff.token })).json.order;
    expect(after.history.map((x: { toStatus: string; by: unknown; note: string | null }) => [x.toStatus, x.by, x.note])).toEqual([
      ['pendiente', { kind: 'bot', id: null, name: null }, null],
      ['confirmado', { kind: 'user', id: h.a.owner.userId, name: 'A owner' }, 'Pagado en efectivo'],
      ['en_camino', { kind: 'api_key', id: expect.any(String), name: null }, null],
    ]);
    expect(after.nextStatuses.map((s: { code: string }) => s.code)).toEqual(['entregado', 'cancelado']);
  });

  it('only the company\'s allowed transitions: others are 409 with a clear message and change nothing', async () => {
    const placed = await order(h.a, { waId: '5215553334444', name: 'Toño' });
    const path = `/api/companies/${h.a.slug}/orders/${placed.orderCode}`;
    expect((await h.call(path, { method: 'PATCH', token: h.a.staff.token, body: { status: 'en_camino' } })).status).toBe(200);
    const back = await h.call(path, { method: 'PATCH', token: h.a.staff.token, body: { status: 'pendiente' } });
    expect(back.status).toBe(409);
    expect(back.json.error.message).toBe(`El pedido ${placed.orderCode} está en camino y no puede pasar a pendiente de confirmar. Desde aquí puede pasar a: entregado, cancelado.`);
    expect((await h.call(path, { method: 'PATCH', token: h.a.staff.token, body: { status: 'entregado' } })).status).toBe(200);
    const final = await h.call(path, { method: 'PATCH', token: h.a.staff.token, body: { status: 'cancelado' } });
    expect(final.status).toBe(409);
    expect(final.json.error.message).toMatch(/ya está entregado y no puede cambiar/);
    expect((await h.call(path, { method: 'PATCH', token: h.a.staff.token, body: { status: 'volando' } })).status).toBe(400);
    expect((await h.call(path, { method: 'PATCH', token: h.a.staff.token, body: { status: 'entregado', extra: 1 } })).status).toBe(400);
    const rows = await h.a.db.orderHistory.findMany({ where: { orderId: placed.id } });
    expect(rows.map((r) => r.toStatus)).toEqual(['pendiente', 'en_camino', 'entregado']);
    expect((await h.a.db.order.findUniqueOrThrow({ where: { id: placed.id } })).status).toBe('entregado');
    // A company's own table decides: one that forbids pendiente → entregado is obeyed.
    const other = await order(h.a, { waId: '5215553334444', name: 'Toño' });
    await h.a.db.orderStatusTransition.delete({ where: { fromStatus_toStatus: { fromStatus: 'pendiente', toStatus: 'entregado' } } });
    expect((await h.call(`/api/companies/${h.a.slug}/orders/${other.orderCode}`, { method: 'PATCH', token: h.a.staff.token, body: { status: 'entregado' } })).status).toBe(409);
    await h.a.db.orderStatusTransition.create({ data: { fromStatus: 'pendiente', toStatus: 'entregado' } });
  });

  it('cancelling returns the stock, tells the customer (template outside 24 h) and publishes order.status', async () => {
    const listener = await platform.pool.connect();
    const events: { c: string; t: string; d: Record<string, unknown> }[] = [];
    listener.on('notification', (n) => events.push(JSON.parse(n.payload ?? '{}')));
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    try {
      await platform.companies.updateCompany(h.a.slug, { statusUpdateTemplate: 'estado_pedido' });
      const stock = async () => (await h.a.db.product.findFirstOrThrow({ where: { sku: 'GAR' } })).stock?.toString();
      const before = await stock();
      // This customer never wrote (no inbound message): the 24-hour window is closed.
      const placed = await order(h.a, { waId: '5215557778888', name: 'Beto', qty: '3' });
      expect(Number(await stock())).toBe(Number(before) - 3);
      const res = await h.call(`/api/companies/${h.a.slug}/orders/${placed.orderCode}`, { method: 'PATCH', token: h.a.staff.token, body: { status: 'cancelado' } });
      expect(res.status).toBe(200);
      expect(res.json.customerNotified).toBe(true);
      expect(await stock()).toBe(before);
      const sent = await waitFor(async () => platform.emulator!.store.listOutbound({ phoneNumberId: h.a.phoneNumberId }).find((m) => m.waId === '5215557778888'), 10_000, 'status notice');
      expect(sent.body).toMatchObject({ type: 'template', template: { name: 'estado_pedido' } });
      expect(JSON.stringify(sent.body)).toContain(placed.orderCode);
      const event = await waitFor(async () => events.find((e) => e.t === 'order.status' && e.d.orderId === placed.id), 5_000, 'order.status event');
      expect(event).toMatchObject({ c: h.a.id, d: { orderCode: placed.orderCode, status: 'cancelado', from: 'pendiente' } });
    } finally {
      await platform.companies.updateCompany(h.a.slug, { statusUpdateTemplate: null });
      listener.release();
    }
  });

  it('an order with a delivery fee shows subtotal, fee and total in the list, the detail and the ticket, as stored', async () => {
    const setInfo = (info: unknown) => platform.pool.query('UPDATE companies SET business_info = $1 WHERE slug = $2', [JSON.stringify(info), h.a.slug]);
    await setInfo({ delivery: { delivery: true, fee: '25.00', freeFrom: '300.00' } });
    try {
      const placed = await order(h.a, { waId: '5215559990101', name: 'Lupita' });
      // The shop's fee changes afterwards: the order keeps what it charged.
      await setInfo({ delivery: { delivery: true, fee: '40.00' } });
      const detail = await h.call(`/api/companies/${h.a.slug}/orders/${placed.orderCode}`, { token: h.a.staff.token });
      expect(detail.status).toBe(200);
      expect((detail.json as { order: Record<string, unknown> }).order).toMatchObject({ subtotal: '116.00', deliveryFee: '25.00', total: '141.00', deliveryMethod: 'delivery' });
      const list = await h.call(`/api/companies/${h.a.slug}/orders?q=${placed.orderCode}`, { token: h.a.staff.token });
      expect((list.json as { orders: Record<string, unknown>[] }).orders[0]).toMatchObject({ orderCode: placed.orderCode, subtotal: '116.00', deliveryFee: '25.00', total: '141.00' });
      const ticket = await (await fetch(`${platform.url}/api/companies/${h.a.slug}/orders/${placed.orderCode}/ticket`, { headers: { authorization: `Bearer ${h.a.staff.token}` } })).text();
      expect(ticket).toMatch(/Subtotal\s+\$116\.00/);
      expect(ticket).toMatch(/Envío\s+\$25\.00/);
      expect(ticket).toMatch(/TOTAL\s+\$141\.00/);
    } finally {
      await setInfo({});
    }
  });

  it('the ticket is plain text of at most 40 columns with the lines and the total', async () => {
    const placed = await order(h.a, { waId: '5215559990000', name: 'Doña Carmelita de los Santos Villanueva', address: 'Calle Insurgentes Sur número 1602, interior 4, colonia Crédito Constructor, alcaldía Benito Juárez', pin: true });
    const res = await fetch(`${platform.url}/api/companies/${h.a.slug}/orders/${placed.orderCode}/ticket`, { headers: { authorization: `Bearer ${h.a.staff.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const lines = text.split('\n');
    expect(lines.every((l) => [...l].length <= 40), text).toBe(true);
    expect(text).toContain(`Pedido ${placed.orderCode}`);
    expect(text).toMatch(/TOTAL\s+\$116\.00/);
    expect(text).toMatch(/1 garrafón Garrafón 20 L\s+\$45\.00/);
    expect(text).toContain('Insurgentes');
    expect(text).toContain('Ubicación: 19.432608, -99.133209');
    expect((await fetch(`${platform.url}/api/companies/${h.a.slug}/orders/P-0/ticket`, { headers: { authorization: `Bearer ${h.a.staff.token}` } })).status).toBe(404);
  });
});
