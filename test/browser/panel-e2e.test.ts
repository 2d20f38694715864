// The panel end to end in Debian's Chromium, as a new shop owner and their staff live it: the
// owner signs up and adds a product; a customer orders on WhatsApp (signed webhooks → queue →
// engine → emulator); the order appears live on the board with a chime; the owner moves it to
// delivered with the buttons and the customer gets each update; a customer who asks for a person
// is answered from the inbox with a text and a photo; staff cannot open the owner's settings;
// another company's order in the URL shows "No encontrado"; the dashboard counts the sale.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { providerChat } from '../helpers/provider-chat.ts';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { DESKTOP, launchChromium, PHONE, seedOrders, shoot, signedInMember, type Browser, type BrowserContext } from './panel-orders-fixtures.ts';

let platform: Platform;
let shop: TestCompany;
let other: TestCompany;
let browser: Browser;
let owner: BrowserContext;
let staff: BrowserContext;

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform);
  other = await createTestCompany(platform, { products: [{ sku: 'X', name: 'Producto ajeno', price: '10.00', unit: 'pieza' }] });
  // The other company has more orders than this one will: its codes do not exist here.
  await seedOrders(platform, other, Array.from({ length: 6 }, (_, i) => ({ waId: `52155509900${i}`, name: `Ajeno ${i}` })));
  browser = await launchChromium();
  owner = (await signedInMember(browser, platform.url, shop.slug, 'owner')).context;
  staff = (await signedInMember(browser, platform.url, shop.slug, 'staff')).context;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the panel end to end', () => {
  it('a product; an order from WhatsApp appears live with a chime; moved to delivered with the buttons, the customer is told each step', async () => {
    // The owner's session is the browser's: a product through the API, as the catalog page does.
    const me = await owner.request.get('/auth/me');
    const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
    const created = await owner.request.post(`/api/companies/${shop.slug}/products`, {
      headers: { 'x-csrf-token': csrf },
      data: { name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 30, sku: 'GAR' },
    });
    expect(created.status()).toBe(201);

    const page = await owner.newPage();
    await page.addInitScript(() => {
      // Counts the chime's oscillators (WebAudio, no file).
      const w = window as unknown as { __tones: number };
      w.__tones = 0;
      const original = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.__tones++;
        return original.call(this);
      };
    });
    await page.goto(`/panel/${shop.slug}/pedidos`);
    await page.getByText('En vivo').waitFor({ timeout: 15_000 });
    await page.getByLabel('Buscar pedidos').click(); // a first interaction lets the page make sound

    const maria = providerChat(platform, shop, 'María López');
    await maria.say('hola');
    await maria.say('quiero 2 garrafones');
    await maria.choose(/Finalizar/);
    await maria.say('Av. Juárez 123, Col. Centro');
    const placed = await maria.choose('Confirmar');
    const code = /P-\d+/.exec(placed.text)![0];

    // Live: no reload.
    const card = page.locator(`li[data-order-code="${code}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toMatch(/María López[\s\S]*\$90\.00/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __tones: number }).__tones), { timeout: 5_000 }).toBeGreaterThan(0);

    const status = async () => (await shop.db.order.findUniqueOrThrow({ where: { orderCode: code } })).status;
    for (const [label, next] of [['Confirmado', 'confirmado'], ['En preparación', 'en_preparacion'], ['En camino', 'en_camino'], ['Entregado', 'entregado']] as const) {
      await page.getByRole('button', { name: `Mover ${code} a ${label}` }).click();
      await waitFor(async () => (await status()) === next, 10_000, `order ${next}`);
      await page.locator(`section[data-status="${next}"] li[data-order-code="${code}"]`).waitFor({ timeout: 10_000 });
    }
    // The simulated customer got every update, the last one "entregado".
    const updates = await waitFor(async () => {
      const texts = maria.replies().map((r) => r.text).filter((t) => t.includes(code) && t.includes('ahora está'));
      return texts.length >= 4 ? texts : undefined;
    }, 15_000, 'status updates at the customer');
    expect(updates.at(-1)).toMatch(/entregado[\s\S]*Que lo disfrutes/);
    await page.close();
  }, 120_000);

  it('a customer asks for a person and is answered from the inbox with a text and a photo', async () => {
    const rosa = providerChat(platform, shop, 'Rosa Méndez');
    await rosa.say('hola');
    await rosa.choose('Hablar con un asesor');
    const page = await owner.newPage();
    await page.goto(`/panel/${shop.slug}/conversaciones`);
    const row = page.getByRole('link', { name: /Rosa Méndez.*necesita una persona/ });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.getByLabel('Respuesta', { exact: true }).fill('Hola Rosa, soy Ana. ¿En qué te ayudo?');
    await page.getByRole('button', { name: 'Enviar respuesta' }).click();
    await waitFor(async () => rosa.replies().find((r) => r.text === 'Hola Rosa, soy Ana. ¿En qué te ayudo?'), 15_000, 'text at the customer');
    const png = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#0a7' } }).png().toBuffer();
    await page.getByLabel('Foto para enviar').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: png });
    await page.getByLabel('Respuesta', { exact: true }).fill('Te mando la foto del local');
    await page.getByRole('button', { name: 'Enviar respuesta' }).click();
    const photo = await waitFor(async () => rosa.replies().find((r) => r.image && r.text === 'Te mando la foto del local'), 15_000, 'photo at the customer');
    expect((await fetch(photo.image!)).headers.get('content-type')).toBe('image/jpeg');
    await page.close();
  }, 90_000);

  it('staff cannot open the owner’s settings (and do not see them in the menu)', async () => {
    const page = await staff.newPage();
    await page.goto(`/panel/${shop.slug}/ajustes`);
    await page.getByRole('heading', { name: 'No tienes permiso' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('link', { name: 'Ajustes' }).count()).toBe(0);
    // Staff do run the orders and the inbox.
    await page.goto(`/panel/${shop.slug}/pedidos`);
    await page.getByRole('heading', { name: 'Pedidos' }).waitFor({ timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('another company’s order in the URL shows "No encontrado", as does the other company itself', async () => {
    const page = await owner.newPage();
    await page.goto(`/panel/${shop.slug}/pedidos/P-1006`);
    await page.getByRole('heading', { name: 'No encontrado' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('main').textContent()).not.toMatch(/Ajeno/);
    await page.goto(`/panel/${other.slug}/pedidos/P-1006`);
    await page.getByRole('heading', { name: 'No encontrado' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('body').textContent()).not.toMatch(/Ajeno|Producto ajeno/);
    await page.close();
  }, 60_000);

  it('the dashboard shows today’s sale, the charts and the plan’s usage', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await owner.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`/panel/${shop.slug}`);
      const today = page.getByRole('region', { name: 'Hoy' });
      await expect.poll(() => today.textContent(), { timeout: 15_000 }).toMatch(/Pedidos1[\s\S]*Ventas\$90\.00/);
      await expect.poll(() => page.locator('.recharts-surface').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.locator('main').textContent()).toMatch(/Lo más vendido del mes[\s\S]*Garrafón 20 L/);
      expect(await page.getByRole('meter', { name: 'Mensajes este mes' }).getAttribute('aria-valuenow')).not.toBe('0');
      await shoot(page, 'dashboard');
      await page.close();
    }
  }, 60_000);
});
