import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/tenant/client.ts';
import { bodyOf, createHarness, optionIds, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h.tenant.close();
});

const productId = async (sku: string) => (await h.db.product.findUniqueOrThrow({ where: { sku } })).id;
const stockOf = async (sku: string) => (await h.db.product.findUniqueOrThrow({ where: { sku } })).stock?.toFixed(3);
const sessionOf = (customerId: string) => h.db.customerSession.findUniqueOrThrow({ where: { customerId } });

/** A customer with `text` in the cart, at the cart step. */
async function withCart(text: string, name = 'Ana') {
  const c = h.customer(name);
  await c.send('hola');
  const r = await c.send(text);
  expect(optionIds(r.reply)).toContain('cart:finish');
  return c;
}

describe('a full order by WhatsApp', () => {
  it('goes from a new number to one confirmed order with items, history, stock, address and an admin notice', async () => {
    const c = h.customer('Ana López');
    const hello = await c.send('hola');
    expect(hello.events).toEqual([{ type: 'customer_created', detail: expect.objectContaining({ waId: c.waId }) }]);
    expect(hello.reply?.kind).toBe('list');
    expect(bodyOf(hello.reply)).toContain('¡Hola, Ana López! 👋 Soy el asistente de *Tienda Prueba*');
    expect(optionIds(hello.reply)).toEqual(['menu:catalog', 'menu:order', 'menu:status', 'menu:advisor']);

    const pick = await c.send('2');
    expect(pick.reply?.kind).toBe('list');
    expect(optionIds(pick.reply)).toContain(`add:${await productId('GAR')}`);

    const garrafones = await c.send('quiero 2 garrafones');
    expect(bodyOf(garrafones.reply)).toContain('✅ Agregué 2 × *Garrafón de agua 20 L*');
    expect(optionIds(garrafones.reply)).toEqual(['cart:more', 'cart:finish', 'cart:cancel']);

    const askQty = await c.send('tomate');
    expect(bodyOf(askQty.reply)).toContain('¿Qué cantidad de *Tomate saladet* quieres?');
    const tomato = await productId('TOM');
    expect(optionIds(askQty.reply)).toEqual([1, 2, 3].map((n) => `qty:${tomato}:${n}`));

    const qty = await c.send('kilo y medio');
    expect(bodyOf(qty.reply)).toContain('✅ Agregué 1.5 kg de *Tomate saladet*');
    expect(bodyOf(qty.reply)).toContain('*Total: $132.75*');

    const address = await c.tap('cart:finish', 'Finalizar pedido');
    expect(address.reply).toEqual({ kind: 'text', body: expect.stringContaining('¿A qué dirección te lo llevamos?') });

    const summary = await c.send('Av. Juárez 123, Col. Centro, junto a la farmacia');
    expect(bodyOf(summary.reply)).toContain('📝 *Resumen de tu pedido*');
    expect(bodyOf(summary.reply)).toContain('📍 Entrega: Av. Juárez 123, Col. Centro, junto a la farmacia');
    expect(optionIds(summary.reply)).toEqual(['confirm:yes', 'confirm:change', 'confirm:cancel']);

    const stockBefore = { gar: await stockOf('GAR'), tom: await stockOf('TOM') };
    const confirmed = await c.tap('confirm:yes', 'Confirmar');
    expect(confirmed.events).toEqual([{ type: 'order_created', detail: expect.objectContaining({ total: '132.75', duplicate: false }) }]);
    expect(bodyOf(confirmed.reply)).toMatch(/Tu número de pedido es \*P-\d+\*/);
    expect(bodyOf(confirmed.reply)).toContain('Estado: *Pendiente de confirmar*');
    expect(bodyOf(confirmed.reply)).toContain('*Total: $132.75*');

    const orders = await h.db.order.findMany({ where: { customer: { waId: c.waId } }, include: { items: true, history: true, address: true } });
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order.total.toFixed(2)).toBe('132.75');
    expect(order.sourceMessageId).toBe(confirmed.providerMessageId);
    expect(order.items.map((i) => [i.productName, i.quantity.toFixed(3), i.unitPrice.toFixed(2), i.lineTotal.toFixed(2)]).sort()).toEqual([
      ['Garrafón de agua 20 L', '2.000', '45.00', '90.00'],
      ['Tomate saladet', '1.500', '28.50', '42.75'],
    ]);
    expect(order.history.map((x) => x.toStatus)).toEqual(['pendiente']);
    expect(order.address?.address).toBe('Av. Juárez 123, Col. Centro, junto a la farmacia');
    expect(await stockOf('GAR')).toBe(new Prisma.Decimal(stockBefore.gar ?? 0).sub(2).toFixed(3));
    expect(await stockOf('TOM')).toBe(new Prisma.Decimal(stockBefore.tom ?? 0).sub('1.5').toFixed(3));

    const [toCustomer, toAdmin] = confirmed.outbound;
    expect(toCustomer?.to).toBe(c.waId);
    expect(toAdmin?.to).toBe(h.company.adminPhone);
    expect(bodyOf(toAdmin?.content)).toContain(`*Nuevo pedido ${order.orderCode}*`);
    expect(bodyOf(toAdmin?.content)).toContain(`Ana López (+${c.waId})`);
    expect(bodyOf(toAdmin?.content)).toContain('Av. Juárez 123');
    const rows = await h.db.message.findMany({ where: { inboxId: confirmed.inboxId }, orderBy: [{ direction: 'asc' }, { seq: 'asc' }] });
    expect(rows.map((r) => [r.direction, r.seq, r.status, r.recipient])).toEqual([
      ['inbound', 0, 'received', null],
      ['outbound', 0, 'pending', c.waId],
      ['outbound', 1, 'pending', h.company.adminPhone],
    ]);
    expect(rows[1]?.payload).toEqual(toCustomer?.content);
    expect(rows[0]).toMatchObject({ type: 'interactive', body: 'Confirmar', providerMessageId: confirmed.providerMessageId });

    const session = await sessionOf(order.customerId);
    expect(session).toMatchObject({ flow: 'menu', lastStep: 'menu' });
    expect((session.data as { cart: unknown[] }).cart).toEqual([]);
  });

  it('when the job is retried for the same inbox message, it returns the same pending rows and creates nothing', async () => {
    const c = await withCart('2 garrafones');
    await c.tap('cart:finish');
    await c.send('Calle Roble 45, Colonia Jardines');
    const confirmed = await c.tap('confirm:yes');
    const messagesBefore = await h.db.message.count();
    const ordersBefore = await h.db.order.count();
    const retried = await c.send({ type: 'interactive', replyId: 'confirm:yes', title: 'Confirmar' }, { inboxId: confirmed.inboxId, providerMessageId: confirmed.providerMessageId });
    expect(retried.outbound).toEqual(confirmed.outbound);
    expect(retried.events).toEqual([]);
    expect(await h.db.message.count()).toBe(messagesBefore);
    expect(await h.db.order.count()).toBe(ordersBefore);
  });

  it('a retried job returns only the rows the sender has not taken yet', async () => {
    const c = h.customer();
    const first = await c.send('hola');
    await h.db.message.update({ where: { id: first.outbound[0]!.id }, data: { status: 'sent', statusRank: 2 } });
    const retried = await c.send('hola', { inboxId: first.inboxId, providerMessageId: first.providerMessageId });
    expect(retried.outbound).toEqual([]);
  });

  it('when the confirmation is redelivered under a new inbox id with the flow still on the summary, no second order is made', async () => {
    const c = await withCart('1 garrafón');
    await c.tap('cart:finish');
    const summary = await c.send('Calle Pino 7, Colonia Bosques');
    const customerId = summary.customerId;
    const atSummary = await sessionOf(customerId);
    const confirmed = await c.tap('confirm:yes');
    // Put the flow back on the summary, as if the confirmation had never been processed.
    await h.db.customerSession.update({ where: { customerId }, data: { data: atSummary.data as Prisma.InputJsonObject, lastStep: 'confirm', flow: 'order' } });
    const again = await c.send({ type: 'interactive', replyId: 'confirm:yes', title: 'Confirmar' }, { providerMessageId: confirmed.providerMessageId });
    expect(again.inboxId).not.toBe(confirmed.inboxId);
    expect(again.events).toEqual([]);
    // Nothing new is written; the original replies, if still unsent, are handed back.
    expect(again.outbound.map((r) => r.id)).toEqual(confirmed.outbound.map((r) => r.id));
    expect(await h.db.order.count({ where: { customerId } })).toBe(1);
    expect(await h.db.message.count({ where: { inboxId: again.inboxId } })).toBe(0);
  });

  it('a tap on an old "Confirmar" after the order was placed does not order again', async () => {
    const c = await withCart('1 garrafón');
    await c.tap('cart:finish');
    await c.send('Calle Cedro 99, Colonia Centro');
    const confirmed = await c.tap('confirm:yes');
    const stale = await c.tap('confirm:yes');
    expect(bodyOf(stale.reply)).toContain('Ese botón es de un mensaje anterior');
    expect(stale.events).toEqual([]);
    expect(await h.db.order.count({ where: { customerId: confirmed.customerId } })).toBe(1);
  });
});

describe('stock', () => {
  it('when stock runs out before confirming, it names the product and what is left, keeps the cart and offers to edit', async () => {
    const c = await withCart('2 panes de caja');
    await c.tap('cart:finish');
    await c.send('Calle Olmo 12, Colonia Norte');
    await h.db.product.update({ where: { sku: 'PAN' }, data: { stock: new Prisma.Decimal(1) } });
    const r = await c.tap('confirm:yes');
    expect(bodyOf(r.reply)).toContain('Ya no tenemos suficiente *Pan de caja*: solo queda 1 pieza');
    expect(r.reply?.kind).toBe('list');
    expect(optionIds(r.reply)).toContain(`edit:${await productId('PAN')}`);
    expect(r.events).toEqual([{ type: 'order_failed', detail: expect.objectContaining({ reason: 'CONFLICT' }) }]);
    expect(await h.db.order.count({ where: { customerId: r.customerId } })).toBe(0);
    const session = await sessionOf(r.customerId);
    expect(session.lastStep).toBe('edit');
    expect((session.data as { cart: { quantity: string }[] }).cart.map((l) => l.quantity)).toEqual(['2']);

    const fixed = await c.tap(`set:${await productId('PAN')}:1`);
    expect(bodyOf(fixed.reply)).toContain('Ahora llevas 1 pieza de *Pan de caja*');
    const summary = await c.tap('cart:finish');
    expect(bodyOf(summary.reply)).toContain('📍 Entrega: Calle Olmo 12, Colonia Norte');
    const placed = await c.tap('confirm:yes');
    expect(placed.events.map((e) => e.type)).toEqual(['order_created']);
    expect(await stockOf('PAN')).toBe('0.000');
    await h.db.product.update({ where: { sku: 'PAN' }, data: { stock: new Prisma.Decimal(2) } });
  });

  it('says how many are left when the customer asks for more than the stock', async () => {
    const c = h.customer();
    await c.send('hola');
    const r = await c.send('8 kilos de queso');
    expect(bodyOf(r.reply)).toContain('Solo nos quedan 5 kg de *Queso Oaxaca*');
  });
});

describe('delivery address', () => {
  it('takes a location pin as the address and offers it next time as a saved address', async () => {
    const c = await withCart('1 garrafón');
    await c.tap('cart:finish');
    const summary = await c.send({ type: 'location', latitude: 19.432608, longitude: -99.133209, name: 'Casa', address: 'Zócalo, Centro' });
    expect(bodyOf(summary.reply)).toContain('📍 Entrega: Casa, Zócalo, Centro');
    const confirmed = await c.tap('confirm:yes');
    const order = await h.db.order.findFirstOrThrow({ where: { customerId: confirmed.customerId } });
    expect([order.latitude?.toFixed(6), order.longitude?.toFixed(6)]).toEqual(['19.432608', '-99.133209']);
    const saved = await h.db.customerAddress.findMany({ where: { customerId: confirmed.customerId } });
    expect(saved).toHaveLength(1);

    await c.send('1 garrafón');
    const ask = await c.tap('cart:finish');
    expect(ask.reply?.kind).toBe('buttons');
    expect(optionIds(ask.reply)).toEqual([`addr:${saved[0]!.id}`, 'addr:new']);
    const again = await c.tap(`addr:${saved[0]!.id}`);
    expect(bodyOf(again.reply)).toContain('📍 Entrega: Casa, Zócalo, Centro');
  });

  it('asks again when the typed address is too short', async () => {
    const c = await withCart('1 garrafón');
    await c.tap('cart:finish');
    const r = await c.send('aqui');
    expect(bodyOf(r.reply)).toContain('Esa dirección parece incompleta');
  });
});

describe('a batch of several customers (rounds)', () => {
  it('answers interleaved messages of several customers as if they came one by one, each customer in order', async () => {
    const script: [number, string][] = [
      [0, 'hola'], [1, 'kiero ver el catalogo'], [0, 'quiero 2 garrafones'], [2, 'menu'],
      [1, 'menu'], [0, 'cancelar'], [2, 'mi pedido'], [1, '1'],
    ];
    // The same script one message at a time, in a second shop with the same catalog and clock.
    const solo = await createHarness();
    const batch = await createHarness();
    // Product ids differ between the two shops: compare replies with SKUs in their place.
    const bySku = async (x: Harness) => new Map((await x.db.product.findMany()).map((p) => [p.id, p.sku!]));
    const normalized = (ids: Map<string, string>, contents: unknown) =>
      JSON.parse(JSON.stringify(contents).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => ids.get(id) ?? id));
    try {
      const soloChatters = [solo.customer('Ana'), solo.customer('Beto'), solo.customer('Carla')];
      const expected: unknown[] = [];
      for (const [who, text] of script) expected.push((await soloChatters[who]!.send(text)).outbound.map((r) => r.content));

      const waIds = ['Ana', 'Beto', 'Carla'].map((name) => batch.customer(name).waId);
      const names = ['Ana', 'Beto', 'Carla'];
      const inbounds = script.map(([who, text], i) => ({
        inboxId: 900_000n + BigInt(i),
        providerMessageId: `wamid.rounds.${process.pid}.${i}`,
        waId: waIds[who]!,
        profileName: names[who]!,
        timestamp: new Date(),
        content: { type: 'text' as const, text },
      }));
      const results = await batch.engine.handleInboundBatch(batch.db, batch.company, inbounds);
      expect(normalized(await bySku(batch), results.map((r) => r.outbound.map((o) => o.content)))).toEqual(normalized(await bySku(solo), expected));
      expect(results.flatMap((r) => r.outbound)).toHaveLength(script.length);
      // Each reply went to the customer who wrote, and each new customer was created once.
      results.forEach((r, i) => expect(r.outbound[0]?.to).toBe(waIds[script[i]![0]]));
      expect(results.flatMap((r) => r.events.filter((e) => e.type === 'customer_created'))).toHaveLength(3);

      const customers = await batch.db.customer.findMany({ where: { waId: { in: waIds } }, include: { session: true } });
      expect(customers).toHaveLength(3);
      // Each customer's session ends where it ends one message at a time.
      const soloSessions = await solo.db.customer.findMany({ where: { waId: { in: soloChatters.map((c) => c.waId) } }, include: { session: true } });
      for (const [i, waId] of waIds.entries()) {
        const mine = customers.find((c) => c.waId === waId)!.session!;
        const theirs = soloSessions.find((c) => c.waId === soloChatters[i]!.waId)!.session!;
        expect(mine.lastStep).toBe(theirs.lastStep);
        expect(normalized(await bySku(batch), mine.data)).toEqual(normalized(await bySku(solo), theirs.data));
      }
      const logged = await batch.db.message.findMany({ where: { inboxId: { in: inbounds.map((i) => i.inboxId) } }, orderBy: [{ inboxId: 'asc' }, { direction: 'asc' }, { seq: 'asc' }] });
      expect(logged.filter((m) => m.direction === 'inbound')).toHaveLength(script.length);
      expect(logged.filter((m) => m.direction === 'outbound' && m.status === 'pending')).toHaveLength(results.reduce((n, r) => n + r.outbound.length, 0));
      for (const m of logged) expect(m.customerId).toBe(customers.find((c) => c.waId === waIds[script[Number(m.inboxId! - 900_000n)]![0]])!.id);

      // Run again (a retried job): nothing new is written and the same pending replies come back.
      const again = await batch.engine.handleInboundBatch(batch.db, batch.company, inbounds);
      expect(again.map((r) => r.outbound.map((o) => o.id))).toEqual(results.map((r) => r.outbound.map((o) => o.id)));
      expect(await batch.db.message.count({ where: { inboxId: { in: inbounds.map((i) => i.inboxId) } } })).toBe(logged.length);
    } finally {
      await solo.tenant.close();
      await batch.tenant.close();
    }
  });
});
