// The inbox in Debian's Chromium, as a shop's staff use it: conversations with unread counts and
// "necesita una persona", a chat with the customer's photo, voice note and pin, replies with text,
// a photo and a product card that reach the customer (the Graph API emulator), taking over and
// returning to the bot, live updates, the closed 24-hour window, the customer's orders beside it.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { DESKTOP, launchChromium, PHONE, seedOrders, shoot, signedInMember, type Browser, type BrowserContext } from './panel-orders-fixtures.ts';

let platform: Platform;
let shop: TestCompany;
let browser: Browser;
let staff: BrowserContext;

const sentTo = (waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId, to: waId });
const schema = () => `tenant_${shop.slug.replace(/-/g, '_')}`;
const conversationRow = async (waId: string) =>
  (await platform.pool.query<{ unread: number; paused: boolean }>(
    `SELECT c.unread_count AS unread, (cu.bot_paused_until > now()) AS paused FROM "${schema()}".conversations c JOIN "${schema()}".customers cu ON cu.id = c.customer_id WHERE cu.wa_id = $1`,
    [waId],
  )).rows[0];

async function emulatorInbound(body: Record<string, unknown>) {
  const res = await fetch(`${platform.url}/_emulator/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone_number_id: shop.phoneNumberId, ...body }) });
  if (res.status >= 300) throw new Error(`emulator inbound answered ${res.status}: ${await res.text()}`);
}

/** A customer who wrote, sent a photo, a voice note and a pin; their files are downloaded. */
async function chattyCustomer(name: string) {
  const c = customer(platform, shop, undefined, name);
  await c.send('hola');
  await waitFor(async () => sentTo(c.waId).length > 0, 15_000, 'the bot answers');
  await emulatorInbound({ from: c.waId, name, type: 'image', caption: 'así lo quiero' });
  await emulatorInbound({ from: c.waId, name, type: 'audio' });
  await emulatorInbound({ from: c.waId, name, type: 'location', location: { latitude: 19.432608, longitude: -99.133209, name: 'Casa de mi mamá', address: 'Av. Reforma 1' } });
  await waitFor(
    async () => Number((await platform.pool.query(`SELECT count(*) FROM "${schema()}".message_media WHERE status = 'stored'`)).rows[0].count) >= 2 && (await conversationRow(c.waId))!.unread >= 4,
    20_000,
    'media downloaded',
  );
  return c;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform, {
    products: [
      { sku: 'PAS', name: 'Pastel de chocolate', price: '320.00', unit: 'pieza', imageUrl: 'https://img.example.com/pastel.jpg' },
      { sku: 'CON', name: 'Concha de vainilla', price: '12.50', unit: 'pieza' },
    ],
  });
  browser = await launchChromium();
  staff = (await signedInMember(browser, platform.url, shop.slug, 'staff')).context;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('inbox', () => {
  it('lists the conversation with its unread count; opening it shows the photo, the voice note and the pin, and marks it read', async () => {
    const maria = await chattyCustomer('María López');
    const page = await staff.newPage();
    await page.goto(`/panel/${shop.slug}/conversaciones`);
    const row = page.getByRole('link', { name: /María López, \d+ sin leer/ });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await expect.poll(() => page.url()).toContain(`/conversaciones/${maria.waId}`);
    const log = page.getByRole('log');
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toMatch(/así lo quiero/);
    expect(await log.textContent()).toMatch(/hola/);
    const photo = log.getByRole('img', { name: 'Foto del cliente: así lo quiero' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    const audio = log.getByLabel('Nota de voz del cliente');
    expect(await audio.getAttribute('src')).toMatch(/\/media$/);
    const voice = await page.request.get((await audio.getAttribute('src'))!);
    expect(voice.status()).toBe(200);
    expect(voice.headers()['content-type']).toMatch(/^audio\//);
    expect(await log.getByRole('link', { name: /Casa de mi mamá/ }).getAttribute('href')).toBe('https://maps.google.com/?q=19.432608,-99.133209');
    // The bot's replies show their delivery ticks.
    await expect.poll(() => log.getByRole('img', { name: /Entregado|Leído/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await waitFor(async () => (await conversationRow(maria.waId))!.unread === 0, 10_000, 'marked read');
    await shoot(page, 'conversation');
    await page.close();
  }, 90_000);

  it('a person answers with a text, a photo and a product card: the customer receives all three; take over and return to the bot', async () => {
    const rosa = customer(platform, shop, undefined, 'Rosa Méndez');
    await rosa.send('hola, ¿me pueden mandar foto del pastel?');
    await waitFor(async () => sentTo(rosa.waId).length > 0, 15_000, 'the bot answers');
    const page = await staff.newPage();
    await page.goto(`/panel/${shop.slug}/conversaciones/${rosa.waId}`);
    await page.getByRole('button', { name: 'Tomar conversación' }).click();
    await waitFor(async () => (await conversationRow(rosa.waId))!.paused, 10_000, 'bot paused');
    await page.getByRole('button', { name: 'Devolver al bot' }).waitFor();

    await page.getByLabel('Respuesta', { exact: true }).fill('¡Hola Rosa! Ya te la mando 😊');
    await page.getByRole('button', { name: 'Enviar respuesta' }).click();
    await waitFor(async () => sentTo(rosa.waId).find((m) => (m.body as { text?: { body: string } }).text?.body === '¡Hola Rosa! Ya te la mando 😊'), 15_000, 'text reply at the emulator');

    const png = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#8b4513' } }).png().toBuffer();
    await page.getByLabel('Foto para enviar').setInputFiles({ name: 'pastel.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('img', { name: 'Foto por enviar' }).waitFor();
    await page.getByLabel('Respuesta', { exact: true }).fill('Así queda el de chocolate');
    await page.getByRole('button', { name: 'Enviar respuesta' }).click();
    const photo = await waitFor(async () => sentTo(rosa.waId).find((m) => m.type === 'image' && (m.body as { image?: { caption?: string } }).image?.caption === 'Así queda el de chocolate'), 15_000, 'photo reply at the emulator');
    const link = (photo.body as { image: { link: string } }).image.link;
    expect((await fetch(link)).headers.get('content-type')).toBe('image/jpeg');

    await page.getByRole('button', { name: 'Enviar un producto' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /Pastel de chocolate/ }).click();
    const card = await waitFor(async () => sentTo(rosa.waId).find((m) => m.type === 'image' && (m.body as { image?: { link?: string } }).image?.link === 'https://img.example.com/pastel.jpg'), 15_000, 'product card at the emulator');
    expect((card.body as { image: { caption: string } }).image.caption).toContain('Pastel de chocolate');
    // All three show in the chat, with their ticks.
    const log = page.getByRole('log');
    await expect.poll(() => log.getByRole('img', { name: 'Imagen enviada' }).count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => log.textContent()).toMatch(/Así queda el de chocolate[\s\S]*Ya te la mando/); // newest first in the DOM (shown at the bottom)

    const before = sentTo(rosa.waId).length;
    await page.getByRole('button', { name: 'Devolver al bot' }).click();
    await waitFor(async () => !(await conversationRow(rosa.waId))!.paused, 10_000, 'bot back');
    await waitFor(async () => sentTo(rosa.waId).length > before, 10_000, 'the customer is told the bot is back');
    await page.getByRole('button', { name: 'Tomar conversación' }).waitFor();
    await shoot(page, 'inbox');
    await page.close();
  }, 90_000);

  it('new messages and "necesita una persona" arrive live; the list filters and searches', async () => {
    const page = await staff.newPage();
    await page.goto(`/panel/${shop.slug}/conversaciones`);
    await page.getByText('En vivo').waitFor({ timeout: 15_000 });
    const noe = customer(platform, shop, undefined, 'Noé Salas');
    await noe.send('hola');
    await page.getByRole('link', { name: /Noé Salas/ }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: /Noé Salas/ }).click();
    await page.getByRole('log').waitFor();
    await noe.send('quiero hablar con una persona');
    await expect.poll(() => page.getByRole('log').textContent(), { timeout: 15_000 }).toMatch(/quiero hablar con una persona/);
    await waitFor(async () => (await conversationRow(noe.waId))!.paused, 15_000, 'handoff');
    await expect.poll(() => page.getByText('Atiende una persona').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Necesitan una persona' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Noé Salas.*necesita una persona/ }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Todas' }).click();
    await page.getByLabel('Buscar conversaciones').fill('Noé');
    await expect.poll(() => page.getByRole('list', { name: 'Conversaciones' }).getByRole('link').count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  }, 90_000);

  it('outside the 24-hour window the reply box is closed with the reason and says there are no templates', async () => {
    const lucia = customer(platform, shop, undefined, 'Lucía Fernández');
    await lucia.send('hola');
    await waitFor(async () => conversationRow(lucia.waId), 15_000, 'conversation');
    await platform.pool.query(
      `UPDATE "${schema()}".conversations SET last_inbound_at = now() - interval '25 hours' WHERE customer_id = (SELECT id FROM "${schema()}".customers WHERE wa_id = $1)`,
      [lucia.waId],
    );
    const page = await staff.newPage();
    await page.goto(`/panel/${shop.slug}/conversaciones/${lucia.waId}`);
    const closed = page.getByRole('region', { name: 'Respuesta no disponible' });
    // The reason shows at once; what can still be sent once the templates have loaded.
    await closed.getByText(/todavía no tiene plantillas/).waitFor({ timeout: 15_000 });
    expect(await closed.textContent()).toMatch(/más de 24 horas[\s\S]*todavía no tiene plantillas/);
    expect(await page.getByLabel('Respuesta', { exact: true }).count()).toBe(0);
    const templates = await page.request.get(`/api/companies/${shop.slug}/inbox/templates`);
    expect(await templates.json()).toEqual({ templates: [] });
    await page.close();
  }, 60_000);

  it('on a phone: the list, then the chat full screen with the customer’s orders in a sheet', async () => {
    const jorge = customer(platform, shop, undefined, 'Jorge Ruiz');
    await jorge.send('hola');
    await waitFor(async () => conversationRow(jorge.waId), 15_000, 'conversation');
    const [order] = await seedOrders(platform, shop, [{ waId: jorge.waId, name: 'Jorge Ruiz' }]);
    const page = await staff.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`/panel/${shop.slug}/conversaciones`);
    await page.getByRole('link', { name: /Jorge Ruiz/ }).waitFor({ timeout: 15_000 });
    await shoot(page, 'inbox');
    await page.getByRole('link', { name: /Jorge Ruiz/ }).click();
    await page.getByRole('log').waitFor();
    await expect.poll(() => page.getByRole('log').textContent(), { timeout: 10_000 }).toMatch(/hola/);
    await shoot(page, 'conversation');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Pedidos' }).click();
    const sheet = page.getByRole('dialog');
    await expect.poll(() => sheet.textContent(), { timeout: 10_000 }).toContain(order!.orderCode);
    await sheet.getByRole('link', { name: new RegExp(order!.orderCode) }).click();
    await page.getByRole('heading', { name: `Pedido ${order!.orderCode}` }).waitFor({ timeout: 10_000 });
    await page.close();

    // On a desktop the orders sit beside the chat.
    const wide = await staff.newPage();
    await wide.setViewportSize(DESKTOP);
    await wide.goto(`/panel/${shop.slug}/conversaciones/${jorge.waId}`);
    await expect.poll(() => wide.getByRole('complementary', { name: 'Pedidos del cliente' }).textContent(), { timeout: 15_000 }).toContain(order!.orderCode);
    await wide.close();
  }, 90_000);

  it('a number with no conversation here shows "No encontrado"', async () => {
    const page = await staff.newPage();
    await page.goto(`/panel/${shop.slug}/conversaciones/5219999999999`);
    await page.getByRole('heading', { name: 'No encontrado' }).waitFor({ timeout: 15_000 });
    await page.close();
  }, 30_000);
});
