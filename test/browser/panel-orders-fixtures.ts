// Orders placed as the bot places them (the orders module's own placeOrder), for the panel's
// browser tests and the board benchmark: real rows with items, stock and history.
import { placeOrder } from '../../src/modules/orders/index.ts';
import { toCompany } from '../../src/modules/companies/index.ts';
import type { Platform } from '../../src/composition.ts';
import type { TestCompany } from '../helpers/platform.ts';

export type SeedOrder = { waId: string; name: string; address?: string; pin?: { latitude: number; longitude: number }; at?: Date; quantity?: string };

export async function seedOrders(platform: Platform, shop: Pick<TestCompany, 'slug' | 'db'>, orders: SeedOrder[]) {
  const company = toCompany(await platform.companies.getCompany(shop.slug));
  const products = await shop.db.product.findMany({ where: { isActive: true }, orderBy: { name: 'asc' } });
  if (!products.length) throw new Error('seedOrders: the company has no active products');
  const customers = new Map<string, string>();
  const placed: { id: string; orderCode: string }[] = [];
  for (const [i, o] of orders.entries()) {
    let customerId = customers.get(o.waId);
    if (!customerId) {
      customerId = (await shop.db.customer.upsert({ where: { waId: o.waId }, create: { waId: o.waId, name: o.name }, update: {} })).id;
      customers.set(o.waId, customerId);
    }
    const first = products[i % products.length]!;
    const second = products[(i + 1) % products.length]!;
    const lines = first.id === second.id ? [{ productId: first.id, quantity: o.quantity ?? '1' }] : [{ productId: first.id, quantity: o.quantity ?? '1' }, { productId: second.id, quantity: '2' }];
    const result = await shop.db.$transaction((tx) =>
      placeOrder(tx, company, {
        customerId: customerId!,
        lines,
        delivery: { addressId: null, address: o.address ?? 'Av. Juárez 10, Centro', latitude: o.pin?.latitude ?? null, longitude: o.pin?.longitude ?? null },
        sourceMessageId: null,
        ...(o.at ? { now: o.at } : {}),
      }),
    );
    if (!result.ok) throw result.error;
    placed.push({ id: result.order.id, orderCode: result.order.orderCode });
  }
  return placed;
}
