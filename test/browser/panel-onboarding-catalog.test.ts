// A new shop owner's first steps in the panel, in Debian's Chromium against the real platform:
// business data, hours, WhatsApp checked against the Graph API emulator, a product with a photo,
// a CSV previewed then applied, and "Prueba tu bot" opening the simulator on this company.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Platform } from '../../src/composition.ts';
import { newPhoneNumberId, startTestPlatform, waitFor } from '../helpers/platform.ts';
import { launchBrowser, registerOwner, screenshots, type Owner } from './panel-auth-helpers.ts';

let platform: Platform;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let owner: Owner;

const tenantOf = async (slug: string) => {
  const company = await platform.companies.getCompany(slug);
  return platform.tenants.get(company.dbConnectionConfig as { schema: string });
};
const step = (title: string) => page.getByRole('button', { name: new RegExp(title) });

beforeAll(async () => {
  platform = await startTestPlatform({ DATABASE_POOL_SIZE: '5', WORKER_CONCURRENCY: '2' });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  owner = await registerOwner(page, platform.url, { type: 'panaderia' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('onboarding wizard', () => {
  it('business data and hours are saved, and a reload resumes at the first step left', async () => {
    await screenshots(page, 'inicio');
    await page.getByLabel('Tu WhatsApp para avisos de pedidos').fill('5215512345678');
    await page.getByRole('button', { name: 'Guardar y seguir' }).click();
    await expect.poll(async () => (await platform.companies.getCompany(owner.slug)).adminPhone).toBe('5215512345678');

    // Hours: Monday to Saturday come checked; Sunday is opened too, with a delivery fee.
    await page.getByRole('checkbox', { name: 'Domingo' }).check();
    await page.getByLabel('Domingo: abre').fill('10:00');
    await page.getByLabel('Domingo: cierra').fill('14:00');
    await page.getByLabel('Costo de envío').fill('30');
    await page.getByRole('button', { name: 'Guardar y seguir' }).click();
    await expect.poll(async () => {
      const res = await page.evaluate(async (slug) => (await fetch(`/api/companies/${slug}/settings`)).json(), owner.slug);
      return { days: res.businessInfo.hours?.weekly?.length, fee: res.businessInfo.delivery?.fee };
    }).toEqual({ days: 7, fee: '30' });

    await page.reload();
    await expect.poll(() => step('Conecta WhatsApp').getAttribute('aria-expanded')).toBe('true');
    expect(await step('Tu negocio').textContent()).toMatch(/Listo/);
  }, 60_000);

  it('WhatsApp: a wrong token is explained; the right one is verified and the webhook data can be copied', async () => {
    const phoneNumberId = newPhoneNumberId();
    const token = `EAAG${randomBytes(12).toString('hex')}`;
    platform.emulator!.registerNumber({ phoneNumberId, token, wabaId: '102290129340398', displayPhoneNumber: '15550001111' });

    await page.getByLabel('Identificador del número de teléfono').fill(phoneNumberId);
    await page.getByLabel('Token de acceso').fill('EAAG-token-equivocado');
    await page.getByRole('button', { name: 'Conectar y verificar' }).click();
    const alert = page.getByRole('alert').filter({ hasText: /token|Meta|acceso/i });
    await alert.first().waitFor({ timeout: 15_000 });

    await page.getByLabel('Token de acceso').fill(token);
    await page.getByLabel('Número que ven tus clientes').fill('+1 555 000 1111');
    await page.getByRole('button', { name: 'Conectar y verificar' }).click();
    await page.getByText('Verificado', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByText('Pega esto en el panel de Meta').waitFor();
    expect(await page.getByText('test-verify-token', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /Copiar: .*\/webhook/ }).count()).toBe(1);
    await screenshots(page, 'inicio-whatsapp');
    const company = await platform.companies.getCompany(owner.slug);
    expect(company.channels[0]).toMatchObject({ phoneNumberId, status: 'active' });
    await page.getByRole('button', { name: 'Seguir', exact: true }).click();
  }, 60_000);

  it('a product added by hand with a photo is saved with the uploaded photo', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 230, g: 160, b: 60 } } }).png().toBuffer();
    await page.getByRole('button', { name: 'Agregar producto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo producto' });
    await dialog.getByLabel('Nombre').fill('Concha de chocolate');
    await dialog.getByLabel('Precio').fill('14.50');
    await dialog.getByLabel('Foto del producto').setInputFiles({ name: 'concha.png', mimeType: 'image/png', buffer: png });
    await dialog.getByRole('img', { name: 'Vista previa de la foto' }).waitFor();
    await screenshots(page, 'producto-nuevo');
    await dialog.getByRole('button', { name: 'Agregar producto' }).click();
    const db = await tenantOf(owner.slug);
    const product = await waitFor(() => db.product.findFirst({ where: { name: 'Concha de chocolate', photoKey: { not: null } } }), 15_000, 'product with photo');
    expect(product.price.toString()).toBe('14.5');
    // The wizard now counts the product and offers to go on.
    await page.getByText(/Ya tienes 1 producto/).waitFor();
  }, 60_000);
});

describe('catalog', () => {
  it('a CSV is previewed first (nothing written) and applied on request', async () => {
    await page.goto(`${platform.url}/panel/${owner.slug}/catalogo`);
    await page.getByRole('row', { name: /Concha de chocolate/ }).waitFor();
    expect(await page.getByRole('row', { name: /Concha de chocolate/ }).locator('img').getAttribute('src')).toMatch(/^(https?:\/\/|\/)/);
    await screenshots(page, 'catalogo');

    await page.getByRole('button', { name: 'Importar CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importar productos desde CSV' });
    const csv = 'sku,nombre,categoria,precio,unidad,existencias\nBOL-1,Bolillo,Pan salado,3.50,pieza,200\nTEL-1,Telera,Pan salado,4,pieza,\n';
    await dialog.getByLabel('Archivo CSV').setInputFiles({ name: 'pan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByText('2 nuevos').waitFor({ timeout: 15_000 });
    expect(await dialog.getByText('Categorías nuevas: Pan salado').count()).toBe(1);
    const db = await tenantOf(owner.slug);
    expect(await db.product.count()).toBe(1);
    await screenshots(page, 'catalogo-csv');
    await dialog.getByRole('button', { name: 'Aplicar cambios' }).click();
    await page.getByRole('row', { name: /Bolillo/ }).waitFor({ timeout: 15_000 });
    expect(await db.product.count()).toBe(3);
  }, 60_000);

  it('stock and active change inline; search and the out-of-stock filter narrow the list', async () => {
    const db = await tenantOf(owner.slug);
    // Phone cards and the desktop table are both in the page; the visible one is what a person uses.
    const stock = page.getByLabel('Existencias de Bolillo').filter({ visible: true });
    await stock.fill('0');
    await stock.press('Enter');
    await expect.poll(async () => (await db.product.findFirst({ where: { sku: 'BOL-1' } }))?.stock?.toString()).toBe('0');
    await page.getByRole('switch', { name: 'Telera activo' }).filter({ visible: true }).uncheck({ force: true });
    await expect.poll(async () => (await db.product.findFirst({ where: { sku: 'TEL-1' } }))?.isActive).toBe(false);

    await page.getByRole('checkbox', { name: 'Sin existencias' }).check();
    await expect.poll(() => page.getByRole('row').count()).toBe(2); // header + Bolillo
    await page.getByRole('checkbox', { name: 'Sin existencias' }).uncheck();
    await page.getByLabel('Buscar productos').fill('concha');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Buscar productos').fill('');
    await screenshots(page, 'catalogo-tarjetas');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('the starter catalog of the business type is previewed, then loaded with its categories', async () => {
    const db = await tenantOf(owner.slug);
    const before = await db.product.count();
    await page.goto(`${platform.url}/panel/${owner.slug}/inicio`);
    await step('Tus primeros productos').click();
    await page.getByRole('button', { name: 'Ver ejemplo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Catálogo de ejemplo' });
    await dialog.getByText('Concha de vainilla').waitFor();
    expect(await db.product.count()).toBe(before);
    await dialog.getByRole('button', { name: 'Cargar estos productos' }).click();
    await expect.poll(() => db.product.count(), { timeout: 15_000 }).toBe(before + 5);
    expect(await db.category.findFirst({ where: { name: 'Pan dulce' } })).toBeTruthy();
  }, 60_000);

  it('"Prueba tu bot" opens the simulator on this company', async () => {
    await page.goto(`${platform.url}/panel/${owner.slug}/inicio`);
    await step('Prueba tu bot').click();
    const [simulator] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Prueba tu bot' }).click()]);
    await simulator.waitForLoadState();
    expect(new URL(simulator.url()).pathname).toBe('/simulador');
    await expect.poll(() => simulator.getByLabel('Empresa').inputValue(), { timeout: 10_000 }).toBe(owner.slug);
    await simulator.close();
  }, 60_000);
});
