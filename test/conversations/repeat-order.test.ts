import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/tenant/client.ts';
import { placeOrder } from '../../src/modules/orders/index.ts';
import { bodyOf, createHarness, optionIds, type Harness } from './harness.ts';

let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.tenant.close();
});

const product = (sku: string) => h.db.product.findUniqueOrThrow({ where: { sku } });
const sessionOf = (customerId: string) => h.db.customerSession.findUniqueOrThrow({ where: { customerId } });
const MENU = ['menu:catalog', 'menu:order', 'menu:status', 'menu:advisor'];

/** A customer who has placed one order by chat: 2 garrafones, 1 kg de tomate, 1 kg de cebolla, 2 panes. */
async function orderedOnce(name = 'Rosa') {
  const c = h.customer(name);
  await c.send('hola');
  await c.send('2 garrafones, 1 kilo de tomate, 1 kilo de cebolla y 2 panes de caja');
  await c.tap('cart:finish');
  await c.send('Calle 5 de Mayo 120, Col. Centro');
  const placed = await c.tap('confirm:yes');
  expect(placed.events.map((e) => e.type)).toEqual(['order_created']);
  return c;
}

describe('the menu option', () => {
  it('is not offered to a customer without orders, and asking for it says so kindly', async () => {
    const c = h.customer();
    const menu = await c.send('hola');
    expect(optionIds(menu.reply)).toEqual(MENU);
    expect(bodyOf(menu.reply)).not.toContain('Repetir');
    expect(bodyOf((await c.send('5')).reply)).toContain('No entendí «5»');
    const asked = await c.send('lo mismo de la otra vez');
    expect(bodyOf(asked.reply)).toContain('Todavía no tienes pedidos anteriores para repetir');
    expect(optionIds(asked.reply)).toEqual(MENU);
    expect((await c.tap('menu:repeat')).reply).toEqual(asked.reply);
    expect((await sessionOf(asked.customerId)).data).toMatchObject({ cart: [] });
  });

  it('is the fifth option, numbered 5️⃣, for a customer who has ordered, by tap or by number', async () => {
    const c = await orderedOnce();
    const menu = await c.send('menú');
    expect(optionIds(menu.reply)).toEqual([...MENU, 'menu:repeat']);
    expect(bodyOf(menu.reply)).toContain('4️⃣ Hablar con un asesor\n5️⃣ Repetir mi último pedido');
    expect(bodyOf(menu.reply)).not.toContain('undefined');
    expect(bodyOf((await c.send('5')).reply)).toContain('🔁 Armé tu pedido igual que el *P-');
    await c.send('cancelar');
    expect(bodyOf((await c.tap('menu:repeat')).reply)).toContain('🔁 Armé tu pedido igual que el *P-');
    // The other numbers stay where they were.
    await c.send('menú');
    expect(bodyOf((await c.send('3')).reply)).toContain('Tus últimos pedidos');
  });

  it('is offered to a customer whose order was placed elsewhere (looked up once per session)', async () => {
    const c = h.customer('Beto');
    const customer = await h.db.customer.create({ data: { waId: c.waId, name: 'Beto' } });
    const papa = await product('PAP');
    const placed = await h.db.$transaction((tx) => placeOrder(tx, h.company, {
      customerId: customer.id,
      lines: [{ productId: papa.id, quantity: '3' }],
      delivery: { addressId: null, address: 'Av. Juárez 123, Centro', latitude: null, longitude: null },
      sourceMessageId: null,
    }));
    expect(placed.ok).toBe(true);
    const menu = await c.send('hola');
    expect(optionIds(menu.reply)).toEqual([...MENU, 'menu:repeat']);
    expect((await sessionOf(customer.id)).data).toMatchObject({ ordered: true });
  });
});

describe('repeating the last order', () => {
  it('rebuilds the cart at today’s prices and stock, says what changed, and goes on to the usual address and confirmation', async () => {
    const c = await orderedOnce();
    const [tomate, cebolla, pan] = [await product('TOM'), await product('CEB'), await product('PAN')];
    await h.db.product.update({ where: { id: tomate.id }, data: { price: new Prisma.Decimal('31.00') } });
    await h.db.product.update({ where: { id: cebolla.id }, data: { isActive: false } });
    await h.db.product.update({ where: { id: pan.id }, data: { stock: new Prisma.Decimal(1) } });

    const r = await c.send('lo mismo de la otra vez');
    const body = bodyOf(r.reply);
    expect(body).toMatch(/^🔁 Armé tu pedido igual que el \*P-\d+\*, con los precios de hoy\./);
    expect(body).toContain('Dejé fuera lo que ya no vendemos: *Cebolla blanca*.');
    expect(body).toContain('Ajusté a lo que nos queda: 1 pieza de *Pan de caja*.');
    expect(body).toContain('💲 Cambió el precio de *Tomate saladet* (antes $28.50 / kg, hoy $31.00 / kg).');
    expect(body).toContain('• 2 × *Garrafón de agua 20 L* — $90.00\n• 1 kg de *Tomate saladet* — $31.00\n• 1 pieza de *Pan de caja* — $48.00');
    expect(body).toContain('*Total: $169.00*');
    expect(optionIds(r.reply)).toEqual(['cart:more', 'cart:finish', 'cart:cancel']);
    expect(await sessionOf(r.customerId)).toMatchObject({ flow: 'order', lastStep: 'cart' });

    // The usual checkout: the saved address is offered, then the summary and the confirmation.
    const address = await c.tap('cart:finish');
    expect(bodyOf(address.reply)).toContain('¿A dónde te lo llevamos?');
    const summary = await c.send('1');
    expect(bodyOf(summary.reply)).toContain('📝 *Resumen de tu pedido*');
    expect(bodyOf(summary.reply)).toContain('📍 Entrega: Calle 5 de Mayo 120, Col. Centro');
    expect(bodyOf(summary.reply)).toContain('*Total: $169.00*');
    const confirmed = await c.tap('confirm:yes');
    expect(confirmed.events).toEqual([{ type: 'order_created', detail: expect.objectContaining({ total: '169.00' }) }]);
    const orders = await h.db.order.findMany({ where: { customerId: r.customerId }, orderBy: { createdAt: 'asc' }, include: { items: { orderBy: { position: 'asc' } } } });
    expect(orders).toHaveLength(2);
    expect(orders[1]!.items.map((i) => [i.productName, i.quantity.toFixed(), i.unitPrice.toFixed(2)])).toEqual([
      ['Garrafón de agua 20 L', '2', '45.00'],
      ['Tomate saladet', '1', '31.00'],
      ['Pan de caja', '1', '48.00'],
    ]);
  });

  it('leaves out what is sold out, and keeps the order in progress when nothing of it is sold today', async () => {
    const c = await orderedOnce();
    // The first order took both loaves: none left.
    expect((await product('PAN')).stock?.toFixed()).toBe('0');
    const r = await c.send('otra vez lo mismo');
    expect(bodyOf(r.reply)).toContain('Dejé fuera lo que está agotado por ahora: *Pan de caja*.');
    expect(bodyOf(r.reply)).not.toContain('Pan de caja* —');

    await c.send('cancelar');
    await c.send('3 kilos de papa');
    await h.db.product.updateMany({ where: { sku: { in: ['GAR', 'TOM', 'CEB', 'PAN'] } }, data: { isActive: false } });
    const none = await c.send('repetir mi pedido');
    expect(bodyOf(none.reply)).toMatch(/😔 Ninguno de los productos de tu pedido \*P-\d+\* está disponible por ahora\./);
    expect(bodyOf(none.reply)).toContain('¿Qué te gustaría pedir?');
    const session = await sessionOf(none.customerId);
    expect((session.data as { cart: { name: string; quantity: string }[] }).cart.map((l) => [l.name, l.quantity])).toEqual([['Papa', '3']]);
  });

  it('replaces an order in progress, and says so', async () => {
    const c = await orderedOnce();
    await c.send('5 kilos de papa');
    const r = await c.send('quiero lo mismo que la vez pasada');
    expect(bodyOf(r.reply)).toContain('Reemplacé el pedido que estabas armando.');
    expect(bodyOf(r.reply)).not.toContain('*Papa*');
  });

  it.each([
    'lo mismo de la otra vez',
    'otra vez lo mismo',
    'repetir mi pedido',
    'quiero lo mismo que la vez pasada',
    'Lo mizmo de la otra ves porfa',
    'otra bes lo mismo',
    'kiero lo mismo q la vez pasada',
    'repetir mi pedio',
    'me repites mi pedido? repite mi pedido',
    'lo de siempre',
  ])('understands "%s" at any step', async (text) => {
    const c = await orderedOnce();
    await c.send('quiero pedir');
    const r = await c.send(text);
    expect(bodyOf(r.reply)).toContain('🔁 Armé tu pedido igual que el');
  });

  it('does not take "me da lo mismo" for it', async () => {
    const c = await orderedOnce();
    const r = await c.send('me da lo mismo');
    expect(bodyOf(r.reply)).not.toContain('🔁');
  });

  it('a new number that asks for it first gets the welcome and the kind answer', async () => {
    const r = await h.customer('Nueva').send('lo mismo de la otra vez');
    expect(bodyOf(r.reply)).toContain('¡Hola, Nueva! 👋');
    expect(bodyOf(r.reply)).toContain('Todavía no tienes pedidos anteriores para repetir');
  });
});
