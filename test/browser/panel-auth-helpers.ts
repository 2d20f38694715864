// Shared by the panel's browser tests: Debian's Chromium, screenshots at phone and desktop width,
// and a new shop owner registered through the panel's own form.
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-artifacts/screenshots';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run `npm run build:web` first');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The page as it looks on a phone (390 px) and on a desktop (1280 px), then back to the width it had. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  // The lazily loaded page and its data first: no spinner, no skeleton, no Suspense fallback left.
  await page
    .waitForFunction(() => !document.querySelector('.animate-spin, .animate-pulse, [aria-busy="true"]'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

export type Owner = { email: string; password: string; name: string; business: string; slug: string };

/** Registers a person and their business through /panel/registro; the panel lands on onboarding. */
export async function registerOwner(page: Page, baseUrl: string, opts: { business?: string; type?: string } = {}): Promise<Owner> {
  const id = randomBytes(4).toString('hex');
  const owner = { email: `duena.${id}@ejemplo.mx`, password: `clave-${id}-segura`, name: 'Lucía Gómez', business: opts.business ?? `Panadería Lucía ${id}` };
  await page.goto(`${baseUrl}/panel/registro`);
  await page.getByLabel('Tu nombre').fill(owner.name);
  await page.getByLabel('Correo electrónico').fill(owner.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(owner.password);
  await page.getByLabel('Repite la contraseña').fill(owner.password);
  await page.getByLabel('Nombre del negocio').fill(owner.business);
  await page.getByLabel('Tipo de negocio').selectOption(opts.type ?? 'panaderia');
  await page.getByRole('button', { name: 'Crear cuenta y negocio' }).click();
  await page.waitForURL(/\/panel\/[a-z0-9-]+\/inicio$/, { timeout: 15_000 });
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  expect(slug).toBeTruthy();
  return { ...owner, slug };
}

/** Fills the sign-in form (on the page already open when baseUrl is null, e.g. after a redirect). */
export async function signIn(page: Page, baseUrl: string | null, email: string, password: string): Promise<void> {
  if (baseUrl) await page.goto(`${baseUrl}/panel/ingresar`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}
