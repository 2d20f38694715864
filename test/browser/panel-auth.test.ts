// A new shop owner and their staff at the panel's doors, in Debian's Chromium against the real
// platform: registration, a session that survives reload, sign-out, a wrong password, a reset
// mailed through SMTP, and a staff invitation whose member never sees the owner's settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Platform } from '../../src/composition.ts';
import { startTestPlatform, waitFor } from '../helpers/platform.ts';
import { startSmtpServer } from '../helpers/smtp-server.ts';
import { launchBrowser, registerOwner, screenshots, signIn, type Owner } from './panel-auth-helpers.ts';

let platform: Platform;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let browser: Browser;
let owner: Owner;
let ownerContext: BrowserContext;

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ SMTP_URL: smtp.url, MAIL_FROM: 'Mostrador <hola@mostrador.test>', DATABASE_POOL_SIZE: '5', WORKER_CONCURRENCY: '2' });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await smtp?.close();
});

describe('panel sign-in and registration', () => {
  it('registering creates the account and the business and lands on onboarding; reload keeps the session; sign-out ends it', async () => {
    ownerContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ownerContext.newPage();
    await page.goto(`${platform.url}/panel/registro`);
    await screenshots(page, 'registro');
    owner = await registerOwner(page, platform.url);
    const company = await platform.companies.getCompany(owner.slug);
    expect(company.name).toBe(owner.business);
    expect(company.businessType).toBe('panaderia');

    await page.reload();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/panel/${owner.slug}/inicio$`));
    await page.getByRole('navigation', { name: 'Secciones' }).first().waitFor();
    // The owner's phone nav has "Más", with Ajustes inside.
    await page.getByRole('button', { name: 'Más' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('link', { name: 'Ajustes' }).count()).toBe(1);
    await page.getByRole('dialog').getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/panel\/ingresar/);
    // Signed out: a company URL sends to sign-in, remembering where the person was going.
    await page.goto(`${platform.url}/panel/${owner.slug}/catalogo`);
    await page.waitForURL(/\/panel\/ingresar\?volver=/);
    await screenshots(page, 'ingresar');
    await signIn(page, null, owner.email, owner.password);
    await page.waitForURL(new RegExp(`/panel/${owner.slug}/catalogo$`));
  }, 90_000);

  it('an owner of two businesses switches between them from the header, staying in the same section', async () => {
    const page = await ownerContext.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${platform.url}/panel/${owner.slug}/catalogo`);
    await page.getByRole('link', { name: 'Agregar otro negocio' }).click();
    await page.getByLabel('Nombre del negocio').fill('Cafetería Lucía Norte');
    await page.getByLabel('Tipo de negocio').selectOption('cafeteria');
    await page.getByRole('button', { name: 'Crear negocio' }).click();
    await page.waitForURL(/\/panel\/cafeteria-lucia-norte[a-z0-9-]*\/inicio$/);
    const second = new URL(page.url()).pathname.split('/')[2]!;
    await page.goto(`${platform.url}/panel/${second}/catalogo`);
    const switcher = page.getByRole('complementary', { name: 'Menú del negocio' }).getByLabel('Cambiar de negocio');
    await expect.poll(() => switcher.locator('option').allTextContents()).toEqual(expect.arrayContaining([owner.business, 'Cafetería Lucía Norte']));
    await switcher.selectOption(owner.slug);
    await page.waitForURL(new RegExp(`/panel/${owner.slug}/catalogo$`));
    await page.close();
  }, 60_000);

  it('a wrong password says so kindly and stays on the form', async () => {
    const page = await browser.newPage();
    await signIn(page, platform.url, owner.email, 'no-es-la-clave');
    await expect.poll(async () => (await page.getByRole('alert').allTextContents()).join(' ')).toMatch(/correo o la contraseña no coinciden/);
    expect(page.url()).toMatch(/\/panel\/ingresar/);
    await page.close();
  }, 30_000);

  it('a password reset is mailed and the link sets a new password that signs in; a panel left open elsewhere is sent to sign in, keeping its page', async () => {
    // A tab of the owner's that stays open while the password changes (which ends every session).
    const openTab = await ownerContext.newPage();
    await openTab.setViewportSize({ width: 1280, height: 800 });
    await openTab.goto(`${platform.url}/panel/${owner.slug}/catalogo`);
    await openTab.getByRole('heading', { name: 'Catálogo', exact: true }).waitFor();
    const page = await browser.newPage();
    await page.goto(`${platform.url}/panel/restablecer`);
    await screenshots(page, 'restablecer');
    await page.getByLabel('Correo electrónico').fill(owner.email);
    await page.getByRole('button', { name: 'Enviarme el enlace' }).click();
    await page.getByRole('status').filter({ hasText: /spam/ }).waitFor();
    const mail = await waitFor(async () => smtp.mails.find((m) => m.to.some((t) => t.includes(owner.email))), 10_000, 'reset mail');
    const link = /(https?:\/\/\S+\/panel\/restablecer#token=[\w-]+)/.exec(mail.text)?.[1];
    expect(link).toBeTruthy();
    await page.goto(link!.replace(/^https?:\/\/[^/]+/, platform.url));
    const newPassword = 'otra-clave-nueva-123';
    await page.getByLabel('Contraseña nueva').fill(newPassword);
    await page.getByLabel('Repite la contraseña').fill(newPassword);
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByRole('status').filter({ hasText: /tu contraseña cambió/ }).waitFor();
    await signIn(page, platform.url, owner.email, newPassword);
    await page.waitForURL(new RegExp(`/panel/${owner.slug}`));
    owner.password = newPassword;
    await page.close();

    // The old tab's next call is refused (401): it goes to sign in and comes back to where it was going.
    await openTab.getByRole('link', { name: 'Ajustes' }).click();
    await openTab.waitForURL(/\/panel\/ingresar\?volver=/);
    expect(decodeURIComponent(new URL(openTab.url()).search)).toContain(`/panel/${owner.slug}/ajustes`);
    await openTab.getByText('Tu sesión terminó').waitFor();
    await signIn(openTab, null, owner.email, newPassword);
    await openTab.waitForURL(new RegExp(`/panel/${owner.slug}/ajustes$`));
    await openTab.close();
  }, 60_000);

  it('a staff member accepts an invitation: their nav has no Ajustes and the settings URL says they have no permission', async () => {
    // The owner invites from the API (the settings page's invite form is covered in panel-settings-admin).
    const ownerPage = await browser.newPage();
    await signIn(ownerPage, platform.url, owner.email, owner.password);
    await ownerPage.waitForURL(new RegExp(`/panel/${owner.slug}`));
    const staffEmail = `cajero.${Date.now()}@ejemplo.mx`;
    const invite = await ownerPage.evaluate(async ({ slug, email }) => {
      const me = await (await fetch('/auth/me')).json();
      const res = await fetch(`/api/companies/${slug}/invitations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ email, role: 'staff' }) });
      return res.json() as Promise<{ token: string }>;
    }, { slug: owner.slug, email: staffEmail });
    expect(invite.token).toBeTruthy();
    await ownerPage.close();

    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await staffContext.newPage();
    await page.goto(`${platform.url}/panel/invitacion#token=${invite.token}`);
    await page.getByRole('heading', { name: /Te invitaron a/ }).waitFor();
    await screenshots(page, 'invitacion');
    await page.getByLabel('Tu nombre').fill('Pedro Cajero');
    await page.getByLabel('Elige una contraseña').fill('clave-del-cajero-1');
    await page.getByRole('button', { name: 'Aceptar la invitación' }).click();
    await page.waitForURL(new RegExp(`/panel/${owner.slug}$`));
    const sidebar = page.getByRole('complementary', { name: 'Menú del negocio' });
    await sidebar.getByRole('link', { name: 'Pedidos' }).waitFor();
    expect(await sidebar.getByRole('link', { name: 'Ajustes' }).count()).toBe(0);
    await page.goto(`${platform.url}/panel/${owner.slug}/ajustes`);
    await page.getByRole('heading', { name: 'No tienes permiso' }).waitFor();
    await screenshots(page, 'sin-permiso');
    await staffContext.close();
  }, 60_000);
});
