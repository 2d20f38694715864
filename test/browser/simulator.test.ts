import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';

// A person using the simulator page in Debian's Chromium: the chat goes through the real path
// (signed webhook → queue → engine → emulator → the page).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let platform: Platform;
let shop: TestCompany;
let twilioShop: TestCompany;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run `npm run build:web` first');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  platform = await startTestPlatform();
  shop = await createTestCompany(platform, {
    products: [
      { sku: 'GAR', name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 20 },
      { sku: 'HIE', name: 'Bolsa de hielo', price: '35.00', unit: 'bolsa', stock: 5 },
    ],
  });
  twilioShop = await createTestCompany(platform, {
    provider: 'twilio',
    products: [{ sku: 'BOL', name: 'Bolillo', price: '3.50', unit: 'pieza', stock: 200 }],
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('simulator page', () => {
  it('a person chats with the bot: menu, catalog list, product detail and adding it to an order', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.url}/simulador`);
    await expect.poll(() => page.getByLabel('Empresa').locator(`option[value="${shop.slug}"]`).count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel('Empresa').selectOption(shop.slug);
    const waId = `52155${Date.now().toString().slice(-8)}`;
    await page.getByLabel('Teléfono del cliente').fill(waId);
    await page.getByLabel('Mensaje').fill('hola');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const log = page.getByRole('log');
    await expect.poll(async () => (await log.textContent()) ?? '', { timeout: 15_000 }).toMatch(/Ver catálogo/);

    await page.getByLabel('Mensaje').fill('kiero ver el catalogo');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    // The catalog is an interactive list: open it and pick a product, as a person would.
    await page.getByRole('button', { name: 'Ver productos' }).last().click({ timeout: 15_000 });
    const sheet = page.getByRole('dialog');
    await sheet.getByRole('button', { name: /Garrafón 20 L/ }).first().click();
    await expect.poll(async () => (await log.textContent()) ?? '', { timeout: 15_000 }).toMatch(/Agregar al pedido/);
    await page.getByRole('button', { name: 'Agregar al pedido' }).last().click();
    await expect.poll(async () => (await log.textContent()) ?? '', { timeout: 15_000 }).toMatch(/cantidad|cuánt/i);

    await page.screenshot({ path: 'test-results/simulator.png', fullPage: true }).catch(() => undefined);
    const customer = await waitFor(() => shop.db.customer.findUnique({ where: { waId } }), 5000, 'customer row');
    expect(customer.waId).toBe(waId);
    const inbound = await shop.db.message.count({ where: { customerId: customer.id, direction: 'inbound' } });
    expect(inbound).toBe(4);
    await page.close();
  }, 60_000);

  it('through Twilio: the provider switch lists Twilio numbers, options come numbered and the number typed back chooses', async () => {
    const page = await browser.newPage();
    await page.goto(`${platform.url}/simulador`);
    await page.locator('label', { hasText: /^Twilio$/ }).click();
    expect(await page.getByRole('radio', { name: 'Twilio' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('Empresa').locator(`option[value="${twilioShop.slug}"]`).count(), { timeout: 10_000 }).toBe(1);
    // Meta's numbers are not offered while Twilio is chosen.
    expect(await page.getByLabel('Empresa').locator(`option[value="${shop.slug}"]`).count()).toBe(0);
    await page.getByLabel('Empresa').selectOption(twilioShop.slug);
    const waId = `52155${Date.now().toString().slice(-8)}`;
    await page.getByLabel('Teléfono del cliente').fill(waId);
    await page.getByLabel('Mensaje').fill('hola');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const log = page.getByRole('log');
    await expect.poll(async () => (await log.textContent()) ?? '', { timeout: 15_000 }).toMatch(/1️⃣ Ver catálogo/);
    // No buttons to tap on Twilio: the customer types the option's number.
    expect(await log.getByRole('button', { name: 'Ver opciones' }).count()).toBe(0);
    await page.getByLabel('Mensaje').fill('1');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect.poll(async () => (await log.textContent()) ?? '', { timeout: 15_000 }).toMatch(/1️⃣ Bolillo — \$3\.50/);
    const customer = await waitFor(() => twilioShop.db.customer.findUnique({ where: { waId } }), 5000, 'customer row');
    expect(await twilioShop.db.message.count({ where: { customerId: customer.id, direction: 'inbound' } })).toBe(2);
    await page.close();
  }, 60_000);
});
