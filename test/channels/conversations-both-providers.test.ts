import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { providerChat, type Provider } from '../helpers/provider-chat.ts';
import type { Platform } from '../../src/composition.ts';

// The same conversations, end to end, through Meta's Cloud API and through Twilio: what the
// customer sees and what is written must not depend on the provider. On Twilio the options come
// as numbered text and the customer types the number back.

let platform: Platform;
const shops = {} as Record<Provider, TestCompany>;
const PRODUCTS = [
  { name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 10, imageUrl: 'https://img.example.com/garrafon.jpg' },
  { name: 'Tomate saladet', price: '28.50', unit: 'kg', stock: 50 },
];

beforeAll(async () => {
  platform = await startTestPlatform();
  shops.meta = await createTestCompany(platform, { products: PRODUCTS });
  shops.twilio = await createTestCompany(platform, { provider: 'twilio', products: PRODUCTS });
});
afterAll(async () => {
  await platform.stop();
});

const inboxRows = async (providerMessageId: string) =>
  Number((await platform.pool.query('SELECT count(*) FROM inbox_events WHERE provider_message_id = $1', [providerMessageId])).rows[0].count);

describe.each(['meta', 'twilio'] as const)('a conversation through %s', (provider) => {
  const chat = () => providerChat(platform, shops[provider]);

  it('"hola" gets the welcome and the main menu', async () => {
    const menu = await chat().say('hola');
    expect(menu.text).toMatch(/Hola/);
    const titles = menu.options.map((o) => o.title.split(' — ')[0]);
    expect(titles).toEqual(expect.arrayContaining(['Ver catálogo', 'Hacer un pedido', 'Estado de mi pedido', 'Hablar con un asesor']));
  });

  it('the catalog lists the products with their prices; a product shows its photo and is added with its quantity', async () => {
    const c = chat();
    await c.say('hola');
    const catalog = await c.choose('Ver catálogo');
    expect(catalog.options.map((o) => o.title).join('\n')).toMatch(/Garrafón 20 L[\s\S]*\$45\.00[\s\S]*Tomate saladet[\s\S]*\$28\.50/);
    const product = await c.choose('Garrafón 20 L');
    expect(product.image).toBe('https://img.example.com/garrafon.jpg');
    expect(product.text).toContain('$45.00');
    const ask = await c.choose(/Agregar/);
    expect(ask.text).toContain('Garrafón 20 L');
    // Quantity buttons are titled 1, 2, 3: on Twilio "2" is typed and means two.
    const cart = await c.choose('2');
    expect(cart.text).toMatch(/2 .*Garrafón 20 L|Garrafón 20 L.*2/);
    expect(cart.text).toContain('$90.00');
  });

  it('an order: typed products, the address, the summary, and only the confirmation places it, once', async () => {
    const c = chat();
    await c.say('hola');
    const cart = await c.say('quiero 2 garrafones');
    expect(cart.text).toContain('$90.00');
    const address = await c.choose(/Finalizar/);
    expect(address.text).toMatch(/dirección/i);
    const summary = await c.say('Av. Juárez 123, Col. Centro');
    expect(summary.text).toContain('Av. Juárez 123, Col. Centro');
    expect(summary.options.map((o) => o.title)).toEqual(['Confirmar', 'Cambiar', 'Cancelar']);
    expect(await shops[provider].db.order.count({ where: { customer: { waId: c.waId } } })).toBe(0);
    const placed = await c.choose('Confirmar');
    const code = /P-\d+/.exec(placed.text)?.[0];
    expect(code).toBeDefined();
    const orders = await shops[provider].db.order.findMany({ where: { customer: { waId: c.waId } } });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.orderCode).toBe(code);
    expect(orders[0]!.total.toFixed(2)).toBe('90.00');

    // The customer asks for the order's status.
    const status = await c.say('estado de mi pedido');
    expect(status.text).toContain(code!);
  });

  it('a shared location is taken as the delivery address', async () => {
    const c = chat();
    await c.say('quiero 1 kg de tomate');
    await c.choose(/Finalizar/);
    const summary = await c.shareLocation(19.432608, -99.133209, 'Zócalo');
    expect(summary.text).toContain('Zócalo');
    expect(summary.options.map((o) => o.title)).toContain('Confirmar');
  });

  it('asking for an advisor hands the chat to a person: the bot pauses and stays silent', async () => {
    const c = chat();
    await c.say('hola');
    const handoff = await c.choose('Hablar con un asesor');
    expect(handoff.text).toMatch(/persona/);
    const customer = await shops[provider].db.customer.findUniqueOrThrow({ where: { waId: c.waId } });
    expect(customer.botPausedUntil?.getTime()).toBeGreaterThan(Date.now());
    const before = c.replies().length;
    const d = c.delivery(provider === 'meta' ? { type: 'text', text: 'hola, ¿hay alguien?' } : { type: 'text', text: 'hola, ¿hay alguien?' });
    expect((await d.post()).status).toBe(200);
    await waitFor(async () => (await shops[provider].db.message.count({ where: { providerMessageId: d.id } })) === 1, 10_000, 'logged');
    await new Promise((r) => setTimeout(r, 500));
    expect(c.replies()).toHaveLength(before);
  });

  it('a message delivered four times at once is stored once and answered once', async () => {
    const c = chat();
    const d = c.delivery({ type: 'text', text: 'hola' });
    const results = await Promise.all([1, 2, 3, 4].map(() => d.post()));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await inboxRows(d.id)).toBe(1);
    await waitFor(async () => c.replies().length >= 1, 10_000, 'reply');
    await new Promise((r) => setTimeout(r, 500));
    expect(c.replies()).toHaveLength(1);
    expect(await shops[provider].db.message.count({ where: { providerMessageId: d.id } })).toBe(1);
  });

  it('a message with a bad signature is refused and nothing is stored or answered', async () => {
    const c = chat();
    const d = c.delivery({ type: 'text', text: 'hola' });
    const res = await d.post({ badSignature: true });
    expect(res.status).toBe(provider === 'meta' ? 401 : 403);
    expect(await inboxRows(d.id)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.replies()).toHaveLength(0);
  });
});
