// Shared by the panel's browser tests and the board benchmark: orders placed as the bot places
// them (the orders module's own placeOrder: real rows with items, stock and history), Debian's
// Chromium, and people signed in to the panel.
import { placeOrder } from '../../src/modules/orders/index.ts';
import { toCompany } from '../../src/modules/companies/index.ts';
import type { Platform } from '../../src/composition.ts';
import type { TestCompany } from '../helpers/platform.ts';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_TOKEN } from '../helpers/platform.ts';
import { newEmail } from '../helpers/api-client.ts';

export type SeedOrder = { waId: string; name: string; address?: string; pin?: { latitude: number; longitude: number }; at?: Date; quantity?: string; requested?: { from: Date; to: Date; text: string } };

export async function seedOrders(platform: Platform, shop: Pick<TestCompany, 'slug' | 'db'>, orders: SeedOrder[]) {
  const company = toCompany(await platform.companies.getCompany(shop.slug));
  const products = await shop.db.product.findMany({ where: { isActive: true }, orderBy: { name: 'asc' } });
  if (!products.length) throw new Error('seedOrders: the company has no active products');
  const customers = new Map<string, string>();
  const placed: { id: string; orderCode: string }[] = [];
  for (const [i, o] of orders.entries()) {
    let customerId = customers.get(o.waId);
    if (!customerId) {
      customerId = (await shop.db.customer.upsert({ where: { waId: o.waId }, create: { waId: o.waId, name: o.name }, update: {} })).id;
      customers.set(o.waId, customerId);
    }
    const first = products[i % products.length]!;
    const second = products[(i + 1) % products.length]!;
    const lines = first.id === second.id ? [{ productId: first.id, quantity: o.quantity ?? '1' }] : [{ productId: first.id, quantity: o.quantity ?? '1' }, { productId: second.id, quantity: '2' }];
    const result = await shop.db.$transaction((tx) =>
      placeOrder(tx, company, {
        customerId: customerId!,
        lines,
        delivery: { addressId: null, address: o.address ?? 'Av. Juárez 10, Centro', latitude: o.pin?.latitude ?? null, longitude: o.pin?.longitude ?? null },
        sourceMessageId: null,
        ...(o.at ? { now: o.at } : {}),
        ...(o.requested ? { requested: o.requested } : {}),
      }),
    );
    if (!result.ok) throw result.error;
    placed.push({ id: result.order.id, orderCode: result.order.orderCode });
  }
  return placed;
}


export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-artifacts/screenshots';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is missing: run `npm run build:web` first');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * A browser context signed in as a new person (registered through the API, so the session cookie
 * is the browser's) who joined the company with the given role by an accepted invitation.
 */
export async function signedInMember(browser: Browser, baseUrl: string, slug: string, role: 'owner' | 'staff', viewport = DESKTOP) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'es-MX' });
  const email = newEmail(role === 'owner' ? 'duena' : 'equipo');
  const name = role === 'owner' ? 'Ana Dueña' : 'Beto Equipo';
  const registered = await context.request.post('/auth/register', { data: { email, name, password: 'una clave bien larga' } });
  if (registered.status() !== 201) throw new Error(`register answered ${registered.status()}: ${await registered.text()}`);
  const { token } = (await registered.json()) as { token: string };
  const invited = await fetch(`${baseUrl}/api/companies/${slug}/invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, role }),
  });
  if (invited.status !== 201) throw new Error(`invitation answered ${invited.status}: ${await invited.text()}`);
  const accepted = await fetch(`${baseUrl}/auth/invitations/accept`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ token: ((await invited.json()) as { token: string }).token }),
  });
  if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}: ${await accepted.text()}`);
  return { context, email, name, token };
}

export async function shoot(page: Page, name: string) {
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: false });
}

export type { Browser, BrowserContext, Page };
