import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/tenant/client.ts';
import { demoCompanies } from '../../src/demo/demo-companies.ts';
import { formatAmountOf } from '../../src/modules/catalog/index.ts';
import { orderExample } from '../../src/modules/conversations/conversations.messages.ts';
import { parseOrderLines } from '../../src/modules/conversations/nlu/order-lines.ts';
import { matchProduct } from '../../src/modules/conversations/nlu/product-matcher.ts';
import { orderLinesText } from '../../src/modules/orders/index.ts';
import { bodyOf, createHarness, optionIds, type Harness } from './harness.ts';

const demo = (slug: string) => {
  const shop = demoCompanies.find((c) => c.slug === slug);
  if (!shop) throw new Error(`no demo shop ${slug}`);
  return shop;
};

describe('examples come from the shop’s own catalog', () => {
  // The first products of each shop's list (by name), as a customer would type them.
  const shops = [
    { slug: 'verduleria-el-huerto', first: '2 kg de aguacate Hass', second: '2 kg de cebolla blanca' },
    { slug: 'agua-pura', first: '2 bolsas de hielo 5 kg', second: '1 botella 1 L' },
    { slug: 'tintoreria-la-burbuja', first: '1 edredón matrimonial', second: '2 kg de lavado' },
  ];

  it.each(shops)('at $slug the menu, catalog, product list and a WhatsApp cart give examples it sells', async ({ slug, first, second }) => {
    const shop = demo(slug);
    const h = await createHarness({ products: shop.products, company: { name: shop.name } });
    try {
      const c = h.customer();
      const menu = bodyOf((await c.send('hola')).reply);
      expect(menu).toContain(`por ejemplo: *quiero ${first}*`);
      const catalog = bodyOf((await c.send('1')).reply);
      expect(catalog).toContain(`por ejemplo: *${first}*`);
      const pick = bodyOf((await c.send('quiero pedir')).reply);
      expect(pick).toContain(`por ejemplo: *${first}* o *${second}*`);
      const waCart = bodyOf((await c.send({ type: 'order', items: 2 })).reply);
      expect(waCart).toContain(`por ejemplo *${first}*`);
      if (slug !== 'agua-pura') for (const body of [menu, catalog, pick, waCart]) expect(body).not.toMatch(/garraf/i);
      // And the example, typed back, orders that product.
      const ordered = await c.send(first);
      expect(optionIds(ordered.reply)).toContain('cart:finish');
    } finally {
      await h.tenant.close();
    }
  });

  it('leaves out products that are sold out', async () => {
    const products = demo('verduleria-el-huerto').products.map((p) => (p.sku === 'AGU' ? { ...p, stock: 0 } : p));
    const h = await createHarness({ products });
    try {
      expect(bodyOf((await h.customer().send('hola')).reply)).toContain('por ejemplo: *quiero 2 kg de cebolla blanca*');
    } finally {
      await h.tenant.close();
    }
  });

  it('every example of the demo shops is understood by our own order parser, as that product', () => {
    for (const shop of demoCompanies) {
      const products = shop.products.map((p, i) => ({ ...p, id: `${shop.slug}-${i}` }));
      for (const p of products) {
        const example = orderExample(p);
        const lines = parseOrderLines(example);
        expect(lines, example).toHaveLength(1);
        const m = matchProduct(lines[0]!.productQuery, products);
        expect(m.kind === 'unique' ? m.product.id : m.kind, example).toBe(p.id);
      }
    }
  });
});

describe('amounts of a product', () => {
  it('never repeat the unit the name already says', () => {
    expect(formatAmountOf('4', 'garrafón', 'Garrafón 20 L')).toBe('4 × *Garrafón 20 L*');
    expect(formatAmountOf('1', 'pieza', 'Tintorería traje 2 piezas')).toBe('1 × *Tintorería traje 2 piezas*');
    expect(formatAmountOf('2', 'kg', 'Tomate')).toBe('2 kg de *Tomate*');
    expect(formatAmountOf('3', 'kg', 'Lavado por kilo')).toBe('3 × *Lavado por kilo*');
    expect(formatAmountOf('2', 'manojo', 'Cilantro')).toBe('2 manojos de *Cilantro*');
    expect(formatAmountOf('2', 'paquete', 'Huevo blanco 12 pzas')).toBe('2 paquetes de *Huevo blanco 12 pzas*');
    const shop = { currency: 'MXN', locale: 'es-MX' };
    const d = (v: string) => new Prisma.Decimal(v);
    expect(orderLinesText([{ productName: 'Garrafón 20 L', unit: 'garrafón', quantity: d('4'), lineTotal: d('180') }], shop)).toBe('• 4 × *Garrafón 20 L* — $180.00');
  });
});

describe('small talk is answered lightly', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  });

  afterAll(async () => {
    await h.tenant.close();
  });

  const sessionOf = (customerId: string) => h.db.customerSession.findUniqueOrThrow({ where: { customerId } });

  async function known() {
    const c = h.customer();
    await c.send('hola');
    return c;
  }

  it.each([
    ['jajaja', '😄'],
    ['jeje', '😄'],
    ['JAJAJ 😂', '😄'],
    ['👍', '😊'],
    ['❤️❤️', '😊'],
    ['ok', '👍'],
    ['vale, perfecto', '👍'],
    ['gracias', '¡Con gusto! 😊'],
    ['muchas grasias!!', '¡Con gusto! 😊'],
  ])('"%s" at the menu gets a friendly line and a one-line hint, not "No entendí" and the menu', async (text, line) => {
    const c = await known();
    const r = await c.send(text);
    expect(r.reply).toEqual({ kind: 'text', body: `${line}\nCuando quieras, escribe *menú* para ver las opciones.` });
    expect((await sessionOf(r.customerId)).lastStep).toBe('menu');
  });

  it('mid-order the hint is about the order, and the order is kept where it was', async () => {
    const c = await known();
    await c.send('2 garrafones');
    const atCart = await c.send('jaja');
    expect(atCart.reply).toEqual({ kind: 'text', body: '😄\nEscribe *listo* para finalizar tu pedido, o dime qué más agregar.' });
    const session = await sessionOf(atCart.customerId);
    expect(session.lastStep).toBe('cart');
    expect((session.data as { cart: unknown[] }).cart).toHaveLength(1);
    // "ok" there still answers "¿Quieres agregar algo más?".
    expect(bodyOf((await c.send('ok')).reply)).toContain('¿Qué te gustaría pedir?');
    await c.send('tomate');
    const atQuantity = await c.send('😂');
    expect(atQuantity.reply).toEqual({ kind: 'text', body: '😊\nEscribe solo la cantidad, por ejemplo *2*.' });
    expect((await sessionOf(atQuantity.customerId)).lastStep).toBe('quantity');
    expect(bodyOf((await c.send('2')).reply)).toContain('✅ Agregué 2 kg de *Tomate saladet*');
  });

  it('while picking products, laughter is not a product we lack', async () => {
    const c = await known();
    await c.send('quiero pedir');
    const r = await c.send('jajaja');
    expect(bodyOf(r.reply)).not.toContain('No encontré');
    expect(r.reply).toEqual({ kind: 'text', body: '😄\nEscríbeme lo que quieres pedir, por ejemplo: *2 kg de cebolla blanca*.' });
  });

  it('where an address is expected, small talk is not taken for one', async () => {
    const c = await known();
    await c.send('1 garrafón');
    await c.tap('cart:finish');
    const r = await c.send('jajaja');
    expect(bodyOf(r.reply)).toContain('necesito la dirección de entrega');
    expect(bodyOf(r.reply)).not.toContain('incompleta');
  });

  it('anything else still gets "No entendí" with the options', async () => {
    const c = await known();
    const r = await c.send('asdf qwer');
    expect(bodyOf(r.reply)).toContain('No entendí «asdf qwer»');
    expect(optionIds(r.reply)).toEqual(['menu:catalog', 'menu:order', 'menu:status', 'menu:advisor']);
  });
});

describe('the shop’s own words (Ajustes → textos del bot)', () => {
  it('welcome, menu titles and the handoff message are the ones the owner wrote; the defaults where not', async () => {
    const base = await createHarness({ products: demo('agua-pura').products });
    const h = await createHarness({
      products: demo('agua-pura').products,
      company: {
        businessInfo: {
          welcomeText: '¡Buenas! Aquí *Agua Pura*, el agua de tu barrio 💧',
          menuLabels: { catalog: 'Nuestros productos', advisor: 'Hablar con Doña Rosa' },
          botTexts: { advisor: 'Ya le aviso a Doña Rosa, te escribe en un ratito 🙌' },
        },
      },
    });
    try {
      const c = h.customer();
      const first = await c.send('hola');
      const body = bodyOf(first.reply);
      expect(body).toContain('¡Buenas! Aquí *Agua Pura*, el agua de tu barrio 💧');
      expect(body).toContain('Nuestros productos');
      expect(body).toContain('Hablar con Doña Rosa');
      expect(body).not.toContain('Ver catálogo');
      // Options the owner did not rename keep the bot's title.
      expect(body).toContain('Hacer un pedido');
      expect(bodyOf((await c.tap('menu:advisor')).reply)).toBe('Ya le aviso a Doña Rosa, te escribe en un ratito 🙌');

      const plain = bodyOf((await base.customer().send('hola')).reply);
      expect(plain).toContain('Soy el asistente de');
      expect(plain).toContain('Ver catálogo');
    } finally {
      await h.tenant.close();
      await base.tenant.close();
    }
  });
});
