// The shop's delivery rule applied where an order is written: the fee (waived from the
// free-delivery amount, none for pickup) stored with the order and in its total, the minimum order
// refused, and the commit's check (samePlacedOrder) telling apart two orders that differ only in
// their fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertProducts } from '../../src/modules/catalog/index.ts';
import { placeOrder, previewOrder, samePlacedOrder, type PlaceOrderInput } from '../../src/modules/orders/index.ts';
import { isAppError } from '../../src/platform/errors.ts';
import { createTestTenantDb, testCompany } from '../helpers/db.ts';
import type { Company } from '../../src/modules/companies/index.ts';

type Tenant = Awaited<ReturnType<typeof createTestTenantDb>>;

let tenant: Tenant;
let shop: Company;
let customerId: string;
let garrafon: string;
let seq = 0;

const input = (quantity: string, method: 'delivery' | 'pickup' = 'delivery'): PlaceOrderInput => ({
  customerId,
  lines: [{ productId: garrafon, quantity }],
  delivery: method === 'pickup' ? { addressId: null, address: null, latitude: null, longitude: null } : { addressId: null, address: 'Av. Juárez 123, Centro', latitude: null, longitude: null },
  sourceMessageId: `wamid.fee.${process.pid}.${++seq}`,
  method,
});

const place = (company: Company, i: PlaceOrderInput) => tenant.db.$transaction((tx) => placeOrder(tx, company, i));

beforeAll(async () => {
  tenant = await createTestTenantDb();
  shop = testCompany(tenant.schema, {
    name: 'Agua Pura',
    businessInfo: { delivery: { delivery: true, pickup: true, fee: '25.00', freeFrom: '300.00', minimumOrder: '60.00' } },
  });
  await upsertProducts(tenant.db, [{ sku: 'GAR', name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: null }], { activeProductLimit: null });
  garrafon = (await tenant.db.product.findUniqueOrThrow({ where: { sku: 'GAR' } })).id;
  customerId = (await tenant.db.customer.create({ data: { waId: '5215550009001', name: 'Ana', phoneNumber: '5215550009001' } })).id;
});

afterAll(async () => {
  await tenant.close();
});

describe('delivery charges on the placed order', () => {
  it('a delivered order stores the fee and charges lines + fee', async () => {
    const r = await place(shop, input('2'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order.deliveryFee.toFixed(2)).toBe('25.00');
    expect(r.order.total.toFixed(2)).toBe('115.00');
    expect(r.order.deliveryMethod).toBe('delivery');
    const row = await tenant.db.order.findUniqueOrThrow({ where: { id: r.order.id } });
    expect([row.total.toFixed(2), row.deliveryFee.toFixed(2)]).toEqual(['115.00', '25.00']);
  });

  it('from the free-delivery amount the fee is waived', async () => {
    const r = await place(shop, input('7'));
    expect(r.ok && [r.order.total.toFixed(2), r.order.deliveryFee.toFixed(2)]).toEqual(['315.00', '0.00']);
  });

  it('pickup pays no fee and is recorded as pickup', async () => {
    const r = await place(shop, input('2', 'pickup'));
    expect(r.ok && [r.order.total.toFixed(2), r.order.deliveryFee.toFixed(2), r.order.deliveryMethod]).toEqual(['90.00', '0.00', 'pickup']);
  });

  it('below the minimum nothing is written and the reason says what is missing', async () => {
    const before = await tenant.db.order.count();
    const r = await place(shop, input('1'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(isAppError(r.error) && r.error.code).toBe('CONFLICT');
    expect(r.error.message).toContain('El pedido mínimo es de $60.00: te faltan $15.00');
    expect(await tenant.db.order.count()).toBe(before);
  });

  it('a shop without delivery rules charges nothing (as before)', async () => {
    const plain = testCompany(tenant.schema, { name: 'Agua Pura' });
    const r = await place(plain, input('1'));
    expect(r.ok && [r.order.total.toFixed(2), r.order.deliveryFee.toFixed(2)]).toEqual(['45.00', '0.00']);
  });

  it('the commit\'s check fails when only the fee differs from what the customer was shown', async () => {
    const shown = await previewOrder(tenant.db, shop, { ...input('2'), orderCode: 'P-9001' });
    expect(shown.ok).toBe(true);
    if (!shown.ok) return;
    // The same order for a shop whose fee changed in between: same lines and prices, another fee.
    const dearer = testCompany(tenant.schema, { name: 'Agua Pura', businessInfo: { delivery: { delivery: true, pickup: false, fee: '30.00' } } });
    const placedNow = await previewOrder(tenant.db, dearer, { ...input('2'), orderCode: 'P-9001' });
    expect(placedNow.ok && samePlacedOrder(shown.order, placedNow.order)).toBe(false);
    const same = await previewOrder(tenant.db, shop, { ...input('2'), orderCode: 'P-9001' });
    expect(same.ok && samePlacedOrder(shown.order, same.order)).toBe(true);
  });
});
