import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/tenant/client.ts';
import { upsertProducts } from '../../src/modules/catalog/index.ts';
import { changeOrderStatus, listRecentOrders, placeOrder, type PlaceOrderResult } from '../../src/modules/orders/index.ts';
import { isAppError } from '../../src/platform/errors.ts';
import { createTestTenantDb, testCompany } from '../helpers/db.ts';
import type { Company } from '../../src/modules/companies/index.ts';

type Tenant = Awaited<ReturnType<typeof createTestTenantDb>>;

let tenant: Tenant;
let shop: Company;
let seq = 0;

async function newCustomer(name = 'Cliente') {
  seq++;
  return tenant.db.customer.create({ data: { waId: `52155500${String(seq).padStart(4, '0')}`, name, phoneNumber: `52155500${seq}` } });
}

async function product(sku: string) {
  return tenant.db.product.findUniqueOrThrow({ where: { sku } });
}

function order(customerId: string, lines: { productId: string; quantity: string }[], sourceMessageId: string | null = null) {
  return tenant.db.$transaction((tx) =>
    placeOrder(tx, shop, {
      customerId,
      lines,
      delivery: { addressId: null, address: 'Av. Juárez 123, Centro', latitude: null, longitude: null },
      sourceMessageId,
    }),
  );
}

beforeAll(async () => {
  tenant = await createTestTenantDb();
  shop = testCompany(tenant.schema, { name: 'Agua Pura' });
  await upsertProducts(
    tenant.db,
    [
      { sku: 'GAR', name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 3 },
      { sku: 'TOM', name: 'Tomate', price: '28.50', unit: 'kg', stock: '10.000' },
      { sku: 'HIE', name: 'Hielo', price: '35.00', unit: 'bolsa', stock: null },
      { sku: 'OLD', name: 'Refresco retirado', price: '15.00', unit: 'pieza', stock: 5, isActive: false },
      { sku: 'RACE', name: 'Última caja', price: '99.90', unit: 'caja', stock: 3 },
    ],
    { activeProductLimit: null },
  );
});

afterAll(async () => {
  await tenant.close();
});

describe('placeOrder', () => {
  it('creates the order with a human code, price snapshots, exact totals, history and less stock', async () => {
    const c = await newCustomer('Ana');
    const [tom, hie] = [await product('TOM'), await product('HIE')];
    const r = await order(c.id, [
      { productId: tom.id, quantity: '0.333' },
      { productId: hie.id, quantity: '2' },
    ], 'wamid.first');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order.orderCode).toMatch(/^P-\d{4,}$/);
    expect(r.order.status).toBe('pendiente');
    // 0.333 × 28.50 = 9.4905 → 9.49; 2 × 35.00 = 70.00.
    const lines = Object.fromEntries(r.order.items.map((i) => [i.productName, i.lineTotal.toFixed(2)]));
    expect(lines).toEqual({ Tomate: '9.49', Hielo: '70.00' });
    // Lines keep the customer's order, not the alphabet's.
    expect(r.order.items.map((i) => i.productName)).toEqual(['Tomate', 'Hielo']);
    expect(r.order.total.toFixed(2)).toBe('79.49');
    expect(r.order.items.find((i) => i.productName === 'Tomate')?.unitPrice.toFixed(2)).toBe('28.50');
    const history = await tenant.db.orderHistory.findMany({ where: { orderId: r.order.id } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.changedBy])).toEqual([[null, 'pendiente', 'bot']]);
    expect((await product('TOM')).stock?.toFixed(3)).toBe('9.667');
    expect((await product('HIE')).stock).toBeNull();
  });

  it('keeps the snapshot when the product price changes later', async () => {
    const c = await newCustomer();
    const hie = await product('HIE');
    const r = await order(c.id, [{ productId: hie.id, quantity: '1' }]);
    await tenant.db.product.update({ where: { id: hie.id }, data: { price: new Prisma.Decimal('50.00') } });
    if (!r.ok) throw new Error('order failed');
    const item = await tenant.db.orderItem.findFirstOrThrow({ where: { orderId: r.order.id } });
    expect(item.unitPrice.toFixed(2)).toBe('35.00');
  });

  it('gives back the same order when the same confirmation message arrives again', async () => {
    const c = await newCustomer();
    const hie = await product('HIE');
    const first = await order(c.id, [{ productId: hie.id, quantity: '1' }], 'wamid.same');
    const second = await order(c.id, [{ productId: hie.id, quantity: '1' }], 'wamid.same');
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.duplicate).toBe(true);
    expect(second.order.id).toBe(first.order.id);
    expect(await tenant.db.order.count({ where: { customerId: c.id } })).toBe(1);
  });

  it('refuses more than the stock, naming the product and what is left, and changes nothing', async () => {
    const c = await newCustomer();
    const gar = await product('GAR');
    const r = await order(c.id, [{ productId: gar.id, quantity: '5' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.message).toContain('*Garrafón 20 L*');
    expect(r.error.message).toContain('3 garrafones');
    expect(r.problems).toEqual([expect.objectContaining({ productId: gar.id, available: '3', requested: '5' })]);
    expect((await product('GAR')).stock?.toFixed(0)).toBe('3');
    expect(await tenant.db.order.count({ where: { customerId: c.id } })).toBe(0);
  });

  it('refuses products that are no longer sold', async () => {
    const c = await newCustomer();
    const old = await product('OLD');
    const r = await order(c.id, [{ productId: old.id, quantity: '1' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('ya no está disponible');
  });

  it('never oversells when customers race for the last units', async () => {
    const race = await product('RACE');
    const customers = await Promise.all([1, 2, 3, 4, 5].map((i) => newCustomer(`Racer ${i}`)));
    const results: PlaceOrderResult[] = await Promise.all(customers.map((c) => order(c.id, [{ productId: race.id, quantity: '2' }])));
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    for (const r of lost) if (!r.ok) expect(r.error.message).toMatch(/Última caja.*solo queda 1 caja/);
    const left = await product('RACE');
    expect(left.stock?.toFixed(0)).toBe('1');
    const sold = await tenant.db.orderItem.aggregate({ where: { productId: race.id }, _sum: { quantity: true } });
    expect(sold._sum.quantity?.toFixed(0)).toBe('2');
  });

  it('never deadlocks when two orders lock the same products in opposite order', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    const [tom, hie] = [await product('TOM'), await product('HIE')];
    const results = await Promise.all([
      order(a.id, [{ productId: tom.id, quantity: '1' }, { productId: hie.id, quantity: '1' }]),
      order(b.id, [{ productId: hie.id, quantity: '1' }, { productId: tom.id, quantity: '1' }]),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
  });
});

describe('listRecentOrders', () => {
  it('returns the customer’s latest orders first, with their status label', async () => {
    const c = await newCustomer();
    const hie = await product('HIE');
    for (let i = 0; i < 4; i++) await order(c.id, [{ productId: hie.id, quantity: '1' }]);
    const recent = await listRecentOrders(tenant.db, c.id, 3);
    expect(recent).toHaveLength(3);
    expect(recent[0]?.statusRef.label).toBe('Pendiente de confirmar');
    const codes = recent.map((o) => Number(o.orderCode.slice(2)));
    expect([...codes].sort((x, y) => y - x)).toEqual(codes);
  });
});

describe('changeOrderStatus', () => {
  async function placed() {
    const c = await newCustomer('Beto');
    const gar = await product('GAR');
    await tenant.db.product.update({ where: { id: gar.id }, data: { stock: new Prisma.Decimal(10) } });
    const r = await order(c.id, [{ productId: gar.id, quantity: '2' }]);
    if (!r.ok) throw new Error('order failed');
    return { customer: c, order: r.order, gar };
  }

  it('moves the order, writes history and leaves a pending Spanish message for the customer', async () => {
    const { customer, order: o } = await placed();
    const at = new Date('2026-11-23T20:05:00Z');
    const { order: changed, outbound } = await changeOrderStatus(tenant.db, shop, { orderCode: o.orderCode, toStatus: 'en_camino', changedBy: 'staff:ana', note: 'Sale con Juan' }, at);
    expect(changed.status).toBe('en_camino');
    expect(changed.statusLabel).toBe('En camino');
    expect(changed.statusChangedAt.toISOString()).toBe(at.toISOString());
    const history = await tenant.db.orderHistory.findMany({ where: { orderId: o.id }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.changedBy, h.note])).toEqual([
      [null, 'pendiente', 'bot', null],
      ['pendiente', 'en_camino', 'staff:ana', 'Sale con Juan'],
    ]);
    expect(outbound?.to).toBe(customer.waId);
    expect(outbound?.content).toEqual({ kind: 'text', body: expect.stringContaining(`*${o.orderCode}* ahora está *en camino*`) });
    const row = await tenant.db.message.findUniqueOrThrow({ where: { id: outbound?.id } });
    expect(row).toMatchObject({ direction: 'outbound', inboxId: null, status: 'pending', statusRank: 0, recipient: customer.waId, customerId: customer.id, type: 'text' });
  });

  it('uses the shop’s approved template when the customer last wrote over 24 h ago, and text within the window', async () => {
    const withTemplate = { ...shop, statusUpdateTemplate: 'estado_pedido' };
    const { customer, order: o } = await placed();
    const wrote = new Date('2026-11-20T10:00:00Z');
    await tenant.db.message.create({ data: { customerId: customer.id, direction: 'inbound', type: 'text', body: 'hola', status: 'received', createdAt: wrote } });
    const late = await changeOrderStatus(tenant.db, withTemplate, { orderCode: o.orderCode, toStatus: 'en_camino', changedBy: 'staff' }, new Date('2026-11-22T10:00:00Z'));
    expect(late.outbound?.content).toEqual({ kind: 'template', name: 'estado_pedido', language: 'es_MX', params: ['Agua Pura', o.orderCode, 'En camino'] });
    await tenant.db.message.create({ data: { customerId: customer.id, direction: 'inbound', type: 'text', body: '¿ya viene?', status: 'received', createdAt: new Date('2026-11-22T11:00:00Z') } });
    const soon = await changeOrderStatus(tenant.db, withTemplate, { orderCode: o.orderCode, toStatus: 'entregado', changedBy: 'staff' }, new Date('2026-11-22T12:00:00Z'));
    expect(soon.outbound?.content).toMatchObject({ kind: 'text' });
  });

  it('refuses any change out of a final status', async () => {
    const { order: o } = await placed();
    await changeOrderStatus(tenant.db, shop, { orderCode: o.orderCode, toStatus: 'entregado', changedBy: 'staff' });
    const attempt = changeOrderStatus(tenant.db, shop, { orderCode: o.orderCode, toStatus: 'en_camino', changedBy: 'staff' });
    await expect(attempt).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === 'CONFLICT' && /entregado/.test(e.message));
    const history = await tenant.db.orderHistory.count({ where: { orderId: o.id } });
    expect(history).toBe(2);
  });

  it('gives the stock back when an order is cancelled', async () => {
    const { order: o, gar } = await placed();
    expect((await product('GAR')).stock?.toFixed(0)).toBe('8');
    await changeOrderStatus(tenant.db, shop, { orderCode: o.orderCode, toStatus: 'cancelado', changedBy: 'staff' });
    expect((await tenant.db.product.findUniqueOrThrow({ where: { id: gar.id } })).stock?.toFixed(0)).toBe('10');
  });

  it('rejects unknown orders and statuses with clear Spanish errors', async () => {
    const { order: o } = await placed();
    await expect(changeOrderStatus(tenant.db, shop, { orderCode: 'P-999999', toStatus: 'confirmado', changedBy: 'staff' })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'NOT_FOUND' && e.message.includes('P-999999'),
    );
    await expect(changeOrderStatus(tenant.db, shop, { orderCode: o.orderCode, toStatus: 'volando', changedBy: 'staff' })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'VALIDATION' && e.message.includes('no existe'),
    );
    await expect(changeOrderStatus(tenant.db, shop, { orderCode: o.orderCode, toStatus: 'pendiente', changedBy: 'staff' })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'CONFLICT',
    );
  });
});
