import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/tenant/client.ts';
import { changeOrderStatus } from '../../src/modules/orders/index.ts';
import { listHandoffs, releaseHandoff } from '../../src/modules/customers/index.ts';
import { bodyOf, createHarness, optionIds, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ ttl: 120, handoff: 60 });
});

afterAll(async () => {
  await h.tenant.close();
});

const productId = async (sku: string) => (await h.db.product.findUniqueOrThrow({ where: { sku } })).id;

async function known(name = 'Luis') {
  const c = h.customer(name);
  await c.send('hola');
  return c;
}

describe('main menu', () => {
  it('a new number whose first message already orders gets the welcome and the order taken', async () => {
    const c = h.customer('Rosa');
    const first = await c.send('kiero 2 garrafones');
    expect(first.events).toEqual([{ type: 'customer_created', detail: expect.objectContaining({ waId: c.waId }) }]);
    expect(bodyOf(first.reply)).toContain('¡Hola, Rosa! 👋 Soy el asistente de');
    expect(bodyOf(first.reply)).toContain('✅ Agregué 2 × *Garrafón de agua 20 L*');
    expect(optionIds(first.reply)).toEqual(['cart:more', 'cart:finish', 'cart:cancel']);
    const status = await h.customer('Luis').send('mi pedido');
    expect(bodyOf(status.reply)).toContain('¡Hola, Luis! 👋');
    expect(bodyOf(status.reply)).not.toContain('Elige una opción');
  });

  it('a known number that says hola gets the menu again, not the welcome', async () => {
    const c = await known('Luis');
    const r = await c.send('Hola!');
    expect(r.events).toEqual([]);
    expect(bodyOf(r.reply)).toContain('¡Hola de nuevo, Luis!');
    expect(bodyOf(r.reply)).not.toContain('Soy el asistente');
    expect(bodyOf(r.reply)).toContain('1️⃣ Ver catálogo');
    expect(bodyOf(r.reply)).toContain('4️⃣ Hablar con un asesor');
  });

  it.each([
    ['1', 'catalog'], ['uno', 'catalog'], ['catalogo', 'catalog'], ['kiero ver el catalogo', 'catalog'],
    ['2', 'pick'], ['quiero pedir', 'pick'],
    ['3', 'status'], ['mi pedido', 'status'], ['donde viene mi pedido', 'status'],
    ['4', 'advisor'], ['asesor', 'advisor'], ['hablar con alguien', 'advisor'], ['humano', 'advisor'],
  ])('understands "%s" at the menu', async (text, expected) => {
    const c = await known();
    const r = await c.send(text);
    const body = bodyOf(r.reply);
    if (expected === 'catalog') expect(body).toContain('Catálogo de Tienda Prueba');
    if (expected === 'pick') expect(body).toContain('¿Qué te gustaría pedir?');
    if (expected === 'status') expect(body).toContain('Aún no tienes pedidos');
    if (expected === 'advisor') expect(body).toContain('Una persona te responderá');
  });

  it('answers gibberish by saying what was not understood and showing the options again', async () => {
    const c = await known();
    const r = await c.send('asdfgh qwerty');
    expect(bodyOf(r.reply)).toContain('No entendí «asdfgh qwerty»');
    expect(optionIds(r.reply)).toEqual(['menu:catalog', 'menu:order', 'menu:status', 'menu:advisor']);
  });

  it('answers gibberish in the middle of an order with that step’s options', async () => {
    const c = await known();
    await c.send('tomate');
    const r = await c.send('zzzz');
    expect(bodyOf(r.reply)).toContain('No entendí «zzzz»');
    expect(optionIds(r.reply)[0]).toMatch(/^qty:/);
  });
});

describe('catalog', () => {
  it('pages 25 products within WhatsApp limits and shows each product once', async () => {
    const big = await createHarness({
      products: Array.from({ length: 25 }, (_, i) => ({
        sku: `P${i}`,
        name: `Producto de prueba con nombre larguísimo número ${String(i).padStart(2, '0')}`,
        price: `${10 + i}.50`,
        unit: 'pieza',
        stock: null,
      })),
    });
    try {
      const c = big.customer();
      await c.send('hola');
      const pages = [await c.tap('menu:catalog'), await c.tap('cat:page:1'), await c.tap('cat:page:2')];
      const ids = pages.map((p) => optionIds(p.reply));
      expect(ids.map((x) => x.length)).toEqual([10, 10, 7]);
      expect(ids[0]?.[9]).toBe('cat:page:1');
      expect(ids[1]?.[9]).toBe('cat:page:2');
      const products = ids.flat().filter((id) => id.startsWith('prod:'));
      expect(products).toHaveLength(25);
      expect(new Set(products).size).toBe(25);
      const first = pages[0]?.reply;
      if (first?.kind !== 'list') throw new Error('expected a list');
      const row = first.sections[0]?.rows[0];
      expect(row?.title.length).toBeLessThanOrEqual(24);
      expect(row?.title.endsWith('…')).toBe(true);
      expect(row?.description).toBe('$10.50 / pieza');
      expect(bodyOf(pages[1]?.reply)).toContain('página 2 de 3');
    } finally {
      await big.tenant.close();
    }
  });

  it('shows a product with its photo and lets the customer add it to the order', async () => {
    const c = await known();
    const gar = await productId('GAR');
    const detail = await c.tap(`prod:${gar}`);
    expect(detail.reply).toMatchObject({ kind: 'buttons', headerImageUrl: 'https://img.example.com/garrafon.jpg' });
    expect(bodyOf(detail.reply)).toContain('💲 $45.00 / garrafón');
    expect(optionIds(detail.reply)).toEqual([`add:${gar}`, 'menu:catalog', 'menu:main']);
    const ask = await c.tap(`add:${gar}`);
    expect(bodyOf(ask.reply)).toContain('¿Qué cantidad de *Garrafón de agua 20 L* quieres?');
    const added = await c.tap(`qty:${gar}:3`);
    expect(bodyOf(added.reply)).toContain('✅ Agregué 3 × *Garrafón de agua 20 L*');
  });

  it('typing a product name while browsing shows it', async () => {
    const c = await known();
    await c.send('catalogo');
    const r = await c.send('queso');
    expect(bodyOf(r.reply)).toContain('*Queso Oaxaca*');
  });
});

describe('ordering by text', () => {
  it('rejects zero, negative, absurd and fractional quantities for things sold by the piece', async () => {
    const c = await known();
    await c.send('garrafon');
    expect(bodyOf((await c.send('0')).reply)).toContain('La cantidad debe ser mayor a cero');
    expect(bodyOf((await c.send('-2')).reply)).toContain('La cantidad debe ser mayor a cero');
    expect(bodyOf((await c.send('5000')).reply)).toContain('muy grande');
    const half = await c.send('1.5');
    expect(bodyOf(half.reply)).toContain('se vende por garrafón');
    expect(optionIds(half.reply)[0]).toMatch(/^qty:/);
  });

  it('accepts weights in words and grams for products sold by kg', async () => {
    const c = await known();
    const r = await c.send('medio kilo de queso y 250 gramos de tomate');
    expect(bodyOf(r.reply)).toContain('✅ Agregué 0.5 kg de *Queso Oaxaca*');
    expect(bodyOf(r.reply)).toContain('✅ Agregué 0.25 kg de *Tomate saladet*');
    expect(bodyOf(r.reply)).toContain('*Total: $87.13*');
  });

  it('asks which one when a name fits several products, then uses the quantity already given', async () => {
    await h.db.product.create({ data: { sku: 'TCH', name: 'Tomate cherry', price: new Prisma.Decimal('60.00'), unit: 'kg' } });
    try {
      const c = await known();
      const r = await c.send('2 kilos de tomates');
      expect(r.reply?.kind).toBe('list');
      expect(bodyOf(r.reply)).toContain('varias opciones');
      const cherry = await productId('TCH');
      expect(optionIds(r.reply)).toContain(`pick:${cherry}`);
      const picked = await c.tap(`pick:${cherry}`);
      expect(bodyOf(picked.reply)).toContain('✅ Agregué 2 kg de *Tomate cherry*');
    } finally {
      await h.db.product.update({ where: { sku: 'TCH' }, data: { isActive: false } });
    }
  });

  it('while picking products, "catálogo" or "estado" still navigate instead of being read as products', async () => {
    const c = await known();
    await c.send('2');
    expect(bodyOf((await c.send('catálogo')).reply)).toContain('Catálogo de Tienda Prueba');
    await c.send('2');
    expect(bodyOf((await c.send('estado de mi pedido')).reply)).toContain('Aún no tienes pedidos');
  });

  it('says which products it does not sell and shows the options', async () => {
    const c = await known();
    const r = await c.send('quiero 3 chocolates');
    expect(bodyOf(r.reply)).toContain('No encontré «chocolates» en el catálogo');
    expect(optionIds(r.reply).some((id) => id.startsWith('add:'))).toBe(true);
  });

  it('removes one product when asked ("quita el tomate", "cancela el garrafón") and keeps the rest', async () => {
    const c = await known();
    await c.send('2 garrafones, 1 kilo de tomate y 1 kilo de cebolla');
    const r1 = await c.send('quita el tomate');
    expect(bodyOf(r1.reply)).toContain('🗑️ Quité *Tomate saladet* de tu pedido');
    const r2 = await c.send('cancela el garrafón');
    expect(bodyOf(r2.reply)).toContain('🗑️ Quité *Garrafón de agua 20 L*');
    expect(bodyOf(r2.reply)).toContain('1 kg de *Cebolla blanca*');
    expect(optionIds(r2.reply)).toEqual(['cart:more', 'cart:finish', 'cart:cancel']);
  });

  it('answers the cart’s "¿Quieres agregar algo más?" with yes → products, no → address', async () => {
    const c = await known();
    await c.send('1 garrafón');
    expect(bodyOf((await c.send('sí')).reply)).toContain('¿Qué te gustaría pedir?');
    await c.send('1 kilo de papa');
    expect(bodyOf((await c.send('no')).reply)).toContain('¿A qué dirección te lo llevamos?');
  });

  it('at the address step "gracias" or "sí" are not taken for an address; "sí" to the one saved address uses it', async () => {
    const c = await known();
    await c.send('1 garrafón');
    await c.tap('cart:finish');
    const thanks = await c.send('gracias');
    expect(bodyOf(thanks.reply)).toContain('necesito la dirección de entrega');
    expect(bodyOf(thanks.reply)).not.toContain('incompleta');
    await c.send('Calle 5 de Mayo 120, Col. Centro');
    await c.tap('confirm:yes');
    // Next order: the saved address is offered, and "sí" picks it.
    await c.send('1 garrafón');
    const ask = await c.tap('cart:finish');
    expect(bodyOf(ask.reply)).toContain('¿A dónde te lo llevamos?');
    const summary = await c.send('sí');
    expect(bodyOf(summary.reply)).toContain('📍 Entrega: Calle 5 de Mayo 120, Col. Centro');
  });

  it('after "Cambiar" on the summary, "Finalizar pedido" goes back to the summary with the same address', async () => {
    const c = await known();
    await c.send('1 garrafón');
    await c.tap('cart:finish');
    await c.send('Calle 5 de Mayo 120, Col. Centro');
    const edit = await c.tap('confirm:change');
    expect(optionIds(edit.reply)).toEqual(expect.arrayContaining(['cart:more', 'cart:address', 'cart:finish']));
    await c.send('2 kilos de papa');
    const summary = await c.tap('cart:finish');
    expect(bodyOf(summary.reply)).toContain('📍 Entrega: Calle 5 de Mayo 120, Col. Centro');
    expect(bodyOf(summary.reply)).toContain('2 kg de *Papa*');
    const other = await c.tap('cart:address');
    expect(bodyOf(other.reply)).toContain('¿A qué dirección te lo llevamos?');
  });

  it('"listo" at the cart finishes the order; an order typed where the address goes is taken as an order', async () => {
    const c = await known();
    await c.send('1 garrafón');
    expect(bodyOf((await c.send('listo')).reply)).toContain('¿A qué dirección te lo llevamos?');
    const more = await c.send('3 piezas de pan');
    expect(bodyOf(more.reply)).toMatch(/Solo nos quedan 2 piezas de \*Pan de caja\*|Agregué 3 piezas/);
    expect(optionIds(more.reply)).toContain('cart:finish');
    await c.tap('cart:finish');
    const summary = await c.send('Calle 5 de Mayo 120, Col. Centro');
    expect(bodyOf(summary.reply)).toContain('📍 Entrega: Calle 5 de Mayo 120, Col. Centro');
  });

  it('"cancelar" drops the cart and confirms it with the menu', async () => {
    const c = await known();
    await c.send('2 garrafones');
    const r = await c.send('cancelar');
    expect(bodyOf(r.reply)).toContain('❌ Listo, cancelé tu pedido en curso');
    expect(optionIds(r.reply)).toContain('menu:order');
    const session = await h.db.customerSession.findUniqueOrThrow({ where: { customerId: r.customerId } });
    expect((session.data as { cart: unknown[] }).cart).toEqual([]);
  });

  it('handles old and malformed taps without acting on them or failing', async () => {
    const c = await known();
    for (const id of ['confirm:yes', `qty:${await productId('GAR')}:2`, 'prod:not-a-uuid', 'addr:123', 'whatever', 'menu:nope']) {
      const r = await c.tap(id);
      expect(bodyOf(r.reply)).toMatch(/Ese botón es de un mensaje anterior|no está disponible/);
    }
    expect(await h.db.order.count({ where: { customer: { waId: c.waId } } })).toBe(0);
  });
});

describe('messages that are not text', () => {
  it('answers stickers, voice notes, images, reactions and contacts kindly, with the current options', async () => {
    const c = await known();
    const cases = [
      [{ type: 'media', mediaKind: 'sticker' }, 'sticker'],
      [{ type: 'media', mediaKind: 'audio', voice: true }, 'no puedo escuchar audios'],
      [{ type: 'media', mediaKind: 'image' }, 'solo entiendo mensajes de texto'],
      [{ type: 'reaction', emoji: '👍' }, '¡Gracias! 😊'],
      [{ type: 'contacts' }, 'contacto'],
      [{ type: 'unsupported' }, 'no lo puedo leer'],
      [{ type: 'order', items: 2 }, 'tomo los pedidos por aquí'],
    ] as const;
    for (const [content, text] of cases) {
      const r = await c.send(content);
      expect(bodyOf(r.reply)).toContain(text);
      expect(optionIds(r.reply)).toEqual(['menu:catalog', 'menu:order', 'menu:status', 'menu:advisor']);
    }
  });

  it('reads the caption of a photo as text', async () => {
    const c = await known();
    const r = await c.send({ type: 'media', mediaKind: 'image', caption: 'quiero 2 garrafones' });
    expect(bodyOf(r.reply)).toContain('✅ Agregué 2 × *Garrafón de agua 20 L*');
  });

  it('thanks for a location outside checkout without saving it', async () => {
    const c = await known();
    const r = await c.send({ type: 'location', latitude: 19.4, longitude: -99.1 });
    expect(bodyOf(r.reply)).toContain('¡Gracias por tu ubicación!');
    expect(await h.db.customerAddress.count({ where: { customerId: r.customerId } })).toBe(0);
  });

  it('stays silent for system notices and removed reactions, but logs them', async () => {
    const c = await known();
    const sys = await c.send({ type: 'system', newWaId: '5215599999999' });
    const unreact = await c.send({ type: 'reaction' });
    expect(sys.outbound).toEqual([]);
    expect(unreact.outbound).toEqual([]);
    expect(await h.db.message.count({ where: { inboxId: { in: [sys.inboxId, unreact.inboxId] }, direction: 'inbound' } })).toBe(2);
  });
});

describe('order status', () => {
  it('lists the last 3 orders with status and when it changed, in the shop’s time zone', async () => {
    const c = await known();
    for (let i = 0; i < 4; i++) {
      await c.send('1 kilo de papa');
      await c.tap('cart:finish');
      await c.send(i === 0 ? 'Calle Fresno 8, Colonia Centro' : '1');
      await c.tap('confirm:yes');
    }
    const orders = await h.db.order.findMany({ where: { customer: { waId: c.waId } }, orderBy: { createdAt: 'asc' } });
    const last = orders[orders.length - 1]!;
    // 18:00Z is 12:00 in Mexico City; the status change happens at 20:05Z = 14:05 there.
    await changeOrderStatus(h.db, h.company, { orderCode: last.orderCode, toStatus: 'en_camino', changedBy: 'staff' }, new Date('2026-11-23T20:05:00Z'));
    const r = await c.send('3');
    const body = bodyOf(r.reply);
    expect(body).toContain(`*${last.orderCode}* · En camino\nActualizado hoy 14:05`);
    expect(body).not.toContain(`*${orders[0]!.orderCode}*`);
    expect(body.match(/\*P-\d+\*/g)).toHaveLength(3);
    expect(optionIds(r.reply)).toEqual(['menu:order', 'menu:main']);
  });
});

describe('advisor handoff', () => {
  it('pauses the bot, stays silent while a person answers, and comes back after the timeout', async () => {
    const c = await known('Marta');
    const asked = await c.send('quiero hablar con un asesor');
    expect(bodyOf(asked.reply)).toContain('Una persona te responderá por aquí en breve');
    expect(bodyOf(asked.reply)).toContain('se reactiva solo en 1 hora');
    expect(asked.events).toEqual([{ type: 'handoff_requested', detail: expect.objectContaining({ waId: c.waId }) }]);
    expect((await listHandoffs(h.db, h.now())).map((x) => x.waId)).toContain(c.waId);

    const quiet = await c.send('hola? alguien?');
    expect(quiet.outbound).toEqual([]);
    expect(await h.db.message.count({ where: { inboxId: quiet.inboxId, direction: 'inbound' } })).toBe(1);

    h.advance(61);
    const back = await c.send('hola');
    expect(bodyOf(back.reply)).toContain('🤖 El asistente de *Tienda Prueba* está de vuelta');
    expect(optionIds(back.reply)).toEqual(['menu:catalog', 'menu:order', 'menu:status', 'menu:advisor']);
    expect(back.events).toEqual([{ type: 'handoff_released', detail: expect.objectContaining({ reason: 'timeout' }) }]);
    const customer = await h.db.customer.findUniqueOrThrow({ where: { waId: c.waId } });
    expect(customer.botPausedUntil).toBeNull();
  });

  it('when staff release the chat the customer is told and the bot answers again', async () => {
    const c = await known();
    await c.send('asesor');
    const released = await releaseHandoff(h.db, h.company, c.waId);
    expect(released.outbound?.to).toBe(c.waId);
    expect(bodyOf(released.outbound?.content)).toContain('está de vuelta');
    const row = await h.db.message.findUniqueOrThrow({ where: { id: released.outbound!.id } });
    expect(row).toMatchObject({ inboxId: null, status: 'pending', direction: 'outbound' });
    const r = await c.send('1');
    expect(bodyOf(r.reply)).toContain('Catálogo de Tienda Prueba');
    expect((await releaseHandoff(h.db, h.company, c.waId)).outbound).toBeNull();
  });
});

describe('sessions', () => {
  it('after sessionTtlMinutes of silence the cart is dropped, the customer is told, and the menu shown', async () => {
    const c = await known();
    await c.send('2 garrafones');
    h.advance(121);
    const r = await c.send('hola');
    expect(bodyOf(r.reply)).toContain('Tu pedido anterior quedó sin terminar y se canceló por inactividad');
    expect(optionIds(r.reply)).toContain('menu:order');
    const session = await h.db.customerSession.findUniqueOrThrow({ where: { customerId: r.customerId } });
    expect((session.data as { cart: unknown[] }).cart).toEqual([]);
  });

  it('after 15 idle minutes mid-order asks whether to continue, and "Seguir" goes back to where it was', async () => {
    const c = await known();
    await c.send('2 garrafones');
    await c.tap('cart:finish');
    h.advance(20);
    const r = await c.send('hola');
    expect(bodyOf(r.reply)).toContain('¿Seguimos con tu pedido?');
    expect(bodyOf(r.reply)).toContain('2 × *Garrafón de agua 20 L*');
    expect(optionIds(r.reply)).toEqual(['resume:yes', 'resume:restart']);
    const resumed = await c.tap('resume:yes');
    expect(bodyOf(resumed.reply)).toContain('¿A qué dirección te lo llevamos?');
  });

  it('an order typed at the "¿Seguimos?" question is taken as it is', async () => {
    const c = await known();
    await c.send('2 garrafones');
    await c.send('3');
    h.advance(16);
    const asked = await c.send('hola');
    expect(bodyOf(asked.reply)).toContain('¿Seguimos con tu pedido?');
    const r = await c.send('1 kilo de papa');
    expect(bodyOf(r.reply)).toContain('✅ Agregué 1 kg de *Papa*');
    expect(bodyOf(r.reply)).toContain('2 × *Garrafón de agua 20 L*');
    const back = await c.tap('cart:finish');
    expect(bodyOf(back.reply)).toContain('dirección');
  });

  it('"Empezar de nuevo" empties the cart and starts a new order', async () => {
    const c = await known();
    await c.send('2 garrafones');
    h.advance(16);
    await c.send('oye');
    const r = await c.tap('resume:restart');
    expect(bodyOf(r.reply)).toContain('¿Qué te gustaría pedir?');
    const session = await h.db.customerSession.findUniqueOrThrow({ where: { customerId: r.customerId } });
    expect((session.data as { cart: unknown[] }).cart).toEqual([]);
  });
});

describe('company switches', () => {
  it('with the bot off, messages are logged and not answered', async () => {
    const off = { ...h.company, botEnabled: false };
    const waId = '5215587654321';
    const r = await h.engine.handleInbound(h.db, off, {
      inboxId: 990001n, providerMessageId: 'wamid.off.1', waId, profileName: 'Sin bot', timestamp: new Date(), content: { type: 'text', text: 'hola' },
    });
    expect(r.outbound).toEqual([]);
    expect(await h.db.message.count({ where: { inboxId: 990001n } })).toBe(1);
  });

  it('over the message limit, one kind notice per customer per day, then silence', async () => {
    // This month's usage as the inbox reads it with the messages: the plan's whole volume.
    const send = (n: bigint) => h.engine.handleInbound(h.db, h.company, {
      inboxId: n, providerMessageId: `wamid.limit.${n}`, waId: '5215511112222', profileName: 'Límite', timestamp: new Date(), content: { type: 'text', text: '2 garrafones' },
    }, h.company.monthlyMessageLimit);
    const first = await send(990101n);
    expect(bodyOf(first.outbound[0]?.content)).toContain('no puede atender mensajes por WhatsApp');
    expect((await send(990102n)).outbound).toEqual([]);
    h.advance(24 * 60);
    expect((await send(990103n)).outbound).toHaveLength(1);
  });
});
