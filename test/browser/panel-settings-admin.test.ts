// The owner's settings and the platform admin, in Debian's Chromium against the real platform:
// bot texts with the live WhatsApp preview, the bot switch, a staff invitation, an API key that
// works until revoked, and the operator changing a plan and suspending a company (whose
// customers' messages are then received but not answered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Platform } from '../../src/composition.ts';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { launchBrowser, registerOwner, screenshots, type Owner } from './panel-auth-helpers.ts';

let platform: Platform;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let owner: Owner;
let shop: TestCompany;

const settingsOf = (slug: string) => page.evaluate(async (s) => (await fetch(`/api/companies/${s}/settings`)).json(), slug);

beforeAll(async () => {
  platform = await startTestPlatform({ DATABASE_POOL_SIZE: '5', WORKER_CONCURRENCY: '2' });
  shop = await createTestCompany(platform, { plan: 'basico', products: [{ sku: 'GAR', name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 20 }] });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  owner = await registerOwner(page, platform.url, { type: 'cafeteria' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('owner settings', () => {
  it('business data: payment methods and policies are saved with the rest kept', async () => {
    await page.goto(`${platform.url}/panel/${owner.slug}/ajustes`);
    await page.getByLabel('Formas de pago').fill('Efectivo, transferencia');
    await page.getByLabel('Cambios y devoluciones').fill('Cambios el mismo día con tu ticket.');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect.poll(async () => (await settingsOf(owner.slug)).businessInfo.paymentMethods).toEqual(['Efectivo', 'transferencia']);
    expect((await settingsOf(owner.slug)).businessInfo.policies.refunds).toBe('Cambios el mismo día con tu ticket.');
    await screenshots(page, 'ajustes-negocio');
  }, 60_000);

  it('bot texts show in the WhatsApp preview while typing and are saved; the bot can be switched off', async () => {
    await page.getByRole('link', { name: 'Bot y mensajes' }).click();
    const preview = page.getByRole('complementary', { name: 'Vista previa en WhatsApp' });
    await preview.waitFor();
    await page.getByLabel('Mensaje de bienvenida').fill('¡Hola! Bienvenido a *Café Lucía* ☕');
    // WhatsApp's *bold* is drawn bold in the preview before anything is saved.
    await preview.locator('strong', { hasText: 'Café Lucía' }).waitFor();
    await page.getByLabel('Opción «catálogo»').fill('Ver la carta');
    await preview.getByRole('button', { name: 'Ver opciones' }).click();
    await page.getByRole('button', { name: /Ver la carta/ }).first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByLabel('Después de confirmar un pedido').fill('¡Gracias! Te avisamos cuando salga tu café.');
    await expect.poll(() => preview.textContent()).toMatch(/Te avisamos cuando salga tu café/);
    await screenshots(page, 'ajustes-bot');
    await page.getByRole('button', { name: 'Guardar textos' }).click();
    await expect.poll(async () => (await settingsOf(owner.slug)).businessInfo.welcomeText).toBe('¡Hola! Bienvenido a *Café Lucía* ☕');
    const info = (await settingsOf(owner.slug)).businessInfo;
    expect(info.menuLabels).toEqual({ catalog: 'Ver la carta' });
    expect(info.botTexts).toEqual({ orderThanks: '¡Gracias! Te avisamos cuando salga tu café.' });
    expect(info.paymentMethods).toEqual(['Efectivo', 'transferencia']);

    await page.getByRole('switch', { name: 'Bot encendido' }).uncheck({ force: true });
    await expect.poll(async () => (await platform.companies.getCompany(owner.slug)).botEnabled).toBe(false);
    await page.getByRole('heading', { name: 'Bot apagado' }).waitFor();
  }, 60_000);

  it('an invitation gives a link to share and is listed as pending until revoked', async () => {
    await page.getByRole('link', { name: 'Equipo' }).click();
    const email = `barista.${Date.now()}@ejemplo.mx`;
    await page.getByLabel('Correo de la persona').fill(email);
    await page.getByRole('button', { name: 'Crear invitación' }).click();
    const link = page.getByText(/\/panel\/invitacion#token=/);
    await link.waitFor();
    await page.getByText(email).waitFor();
    await screenshots(page, 'ajustes-equipo');
    await page.getByRole('button', { name: `Revocar la invitación de ${email}` }).click();
    await page.getByText('No hay invitaciones pendientes.').waitFor();
  }, 60_000);

  it('an API key is shown once, works against the API, and stops working when revoked', async () => {
    await page.getByRole('link', { name: 'Claves de API' }).click();
    await page.getByLabel('Nombre de la clave').fill('Tienda en línea');
    await page.getByRole('button', { name: 'Crear clave' }).click();
    // The whole key, not the list's prefix (which ends in an ellipsis).
    const shown = page.locator('code').filter({ hasText: /^mst_[^…]+$/ });
    await shown.waitFor();
    const key = (await shown.textContent())!.trim();
    const call = () => fetch(`${platform.url}/api/companies/${owner.slug}/products`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
    expect(await call()).toBe(200);
    await screenshots(page, 'ajustes-claves');
    await page.getByRole('button', { name: 'Revocar Tienda en línea' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revocar' }).click();
    await page.getByText('Revocada', { exact: true }).waitFor();
    expect(await call()).toBe(401);
  }, 60_000);

  it('WhatsApp and plan pages show the number to connect and this month\'s use', async () => {
    await page.getByRole('link', { name: 'WhatsApp' }).click();
    await page.getByRole('button', { name: 'Conectar y verificar' }).waitFor();
    await screenshots(page, 'ajustes-whatsapp');
    await page.getByRole('link', { name: 'Plan y uso' }).click();
    await page.getByRole('meter', { name: /Mensajes de/ }).waitFor();
    await screenshots(page, 'ajustes-plan');
  }, 60_000);
});

describe('platform admin', () => {
  it('a person who is not an admin is told so', async () => {
    await page.goto(`${platform.url}/panel/admin`);
    await page.getByRole('heading', { name: 'No tienes permiso' }).waitFor();
  }, 30_000);

  it('the admin sees every company with plan, use and number health, changes a plan and suspends a company, whose messages then go unanswered', async () => {
    await platform.auth.setPlatformAdmin(owner.email, true);
    await page.goto(`${platform.url}/panel/admin`);
    const card = page.getByRole('article', { name: `Tienda ${shop.slug}` });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Funciona/);
    expect(await card.textContent()).toMatch(/\/webhook/);
    await screenshots(page, 'admin');

    await card.getByLabel(`Plan de Tienda ${shop.slug}`).selectOption('completo');
    await expect.poll(async () => (await platform.companies.getCompany(shop.slug)).plan.code).toBe('completo');

    await card.getByRole('button', { name: 'Suspender' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Suspender' }).click();
    await expect.poll(async () => (await platform.companies.getCompany(shop.slug)).status).toBe('suspended');
    await card.getByText('Suspendida').waitFor();

    // A suspended company's webhooks are acknowledged but its bot does not answer.
    const maria = customer(platform, shop);
    await maria.send('hola');
    const c = await waitFor(() => shop.db.customer.findUnique({ where: { waId: maria.waId } }), 15_000, 'customer row');
    await waitFor(() => shop.db.message.count({ where: { customerId: c.id, direction: 'inbound' } }), 15_000, 'inbound stored');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await shop.db.message.count({ where: { customerId: c.id, direction: 'outbound' } })).toBe(0);

    // Its panel says why (the admin opens it as the operator).
    await page.goto(`${platform.url}/panel/${shop.slug}/catalogo`);
    await page.getByText('Garrafón 20 L').filter({ visible: true }).first().waitFor();
    await page.getByRole('alert').filter({ hasText: 'Este negocio está suspendido' }).waitFor();
    await screenshots(page, 'suspendido');
  }, 90_000);
});
