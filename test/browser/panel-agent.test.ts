// The assistant's page (issue 12) driven by a shop owner in Debian's Chromium against the real
// platform, whose default model is the local OpenAI-compatible server: a Básico shop sees the
// switch locked and why; a Premium owner switches to Híbrido, saves the prompt (a version),
// restores the previous one, tries the unsaved draft in the preview (a scripted tool call shown,
// nothing sent to WhatsApp), is told in Spanish that a bad key failed, sees a real customer's
// turn in the activity; staff never get to the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Platform } from '../../src/composition.ts';
import { apiClient } from '../helpers/api-client.ts';
import { ADMIN_TOKEN, createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { lastUser, startOpenAiServer, systemOf, toolResults, type ChatRequest, type OpenAiServer, type Scripted } from '../helpers/openai-server.ts';
import { launchBrowser, screenshots } from './panel-auth-helpers.ts';

const PRODUCTS = [
  { name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 30 },
  { name: 'Agua natural 1 L', price: '12.50', unit: 'botella', stock: 100 },
];

let model: OpenAiServer;
let platform: Platform;
let api: ReturnType<typeof apiClient>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let premium: TestCompany;
let basic: TestCompany;
const email = `duena.ia.${Date.now()}@ejemplo.mx`;

const agentOf = async (slug: string) => (await api(`/api/companies/${slug}/agent`, { token: ADMIN_TOKEN })).json;
const invite = async (slug: string, to: string, role: 'owner' | 'staff') => {
  const res = await api(`/api/companies/${slug}/invitations`, { method: 'POST', token: ADMIN_TOKEN, body: { email: to, role } });
  if (res.status !== 201) throw new Error(`invitation: ${res.status} ${res.text}`);
  return res.json.token as string;
};

/** Accepts an invitation through the panel's page, creating the person's account. */
async function acceptAsNewPerson(p: Page, token: string, slug: string, name: string, password: string) {
  await p.goto(`${platform.url}/panel/invitacion#token=${token}`);
  await p.getByLabel('Tu nombre').fill(name);
  await p.getByLabel('Elige una contraseña').fill(password);
  await p.getByRole('button', { name: 'Aceptar la invitación' }).click();
  await p.waitForURL(new RegExp(`/panel/${slug}$`));
}

beforeAll(async () => {
  model = await startOpenAiServer({ apiKeys: ['sk-test-platform', 'sk-negocio-propia-1234'] });
  platform = await startTestPlatform({ DATABASE_POOL_SIZE: '5', WORKER_CONCURRENCY: '2', RECONCILE_INTERVAL_MS: '600000', OPENAI_API_KEY: 'sk-test-platform', OPENAI_BASE_URL: model.url, AI_TIMEOUT_MS: '3000' });
  api = apiClient(() => platform.url);
  premium = await createTestCompany(platform, { plan: 'premium', products: PRODUCTS });
  basic = await createTestCompany(platform, { plan: 'basico', products: PRODUCTS });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // One owner of both shops: the Premium one by a new account, the Básico one with that session.
  await acceptAsNewPerson(page, await invite(premium.slug, email, 'owner'), premium.slug, 'Lucía Gómez', 'clave-de-lucia-1');
  const second = await invite(basic.slug, email, 'owner');
  const accepted = await page.evaluate(async (token) => {
    const me = await (await fetch('/auth/me')).json();
    const res = await fetch('/auth/invitations/accept', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ token }) });
    return res.status;
  }, second);
  expect(accepted).toBe(200);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await model?.close();
});

describe('the assistant page', () => {
  it('a Básico shop sees the mode switch locked and why, with what to do', async () => {
    await page.goto(`${platform.url}/panel/${basic.slug}/asistente`);
    await page.getByRole('heading', { name: 'Asistente', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: /^IA/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Híbrido/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Menú/ }).isChecked()).toBe(true);
    await page.getByText(/no incluye el asistente con IA \(está en Premium\)/).first().waitFor();
    await page.getByRole('link', { name: 'Ver planes' }).waitFor();
    await screenshots(page, 'agent-basico');
  }, 60_000);

  it('the owner opens Asistente from the menu and switches to Híbrido at once', async () => {
    await page.goto(`${platform.url}/panel/${premium.slug}`);
    await page.getByRole('complementary', { name: 'Menú del negocio' }).getByRole('link', { name: 'Asistente' }).click();
    await page.waitForURL(new RegExp(`/panel/${premium.slug}/asistente$`));
    await page.getByRole('radio', { name: /^Híbrido/ }).check();
    await expect.poll(async () => (await agentOf(premium.slug)).mode).toBe('hybrid');
    expect((await agentOf(premium.slug)).effectiveMode).toBe('hybrid');
    await page.getByText(/Modo Híbrido: ya responde así/).waitFor();
  }, 60_000);

  it('saving the prompt creates a version; an older one is restored after a confirmation', async () => {
    const prompt = page.getByLabel('Instrucciones para el asistente');
    await prompt.fill('Versión uno: saluda con «¡Qué onda!» y ofrece garrafones.');
    await page.getByText(/\d+ \/ 8,000 caracteres/).waitFor();
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    const versions = page.getByRole('list', { name: 'Versiones del prompt' });
    await versions.getByRole('listitem', { name: 'Versión 1' }).waitFor();
    await prompt.fill('Versión dos: habla de usted, sin emojis.');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await versions.getByRole('listitem', { name: 'Versión 2' }).getByText('Activa').waitFor();
    expect(await versions.getByRole('listitem', { name: 'Versión 2' }).getByText('Lucía Gómez').count()).toBe(1);
    await screenshots(page, 'agent-editor');

    await page.getByRole('button', { name: 'Restaurar la versión 1' }).click();
    const dialog = page.getByRole('dialog', { name: '¿Restaurar la versión 1?' });
    await dialog.getByText('Versión uno: saluda').waitFor();
    await dialog.getByRole('button', { name: 'Restaurar' }).click();
    await versions.getByRole('listitem', { name: 'Versión 3' }).getByText('Restaurada de la 1').waitFor();
    expect((await agentOf(premium.slug)).prompt).toEqual({ version: 3, text: 'Versión uno: saluda con «¡Qué onda!» y ofrece garrafones.' });
    expect(await prompt.inputValue()).toBe('Versión uno: saluda con «¡Qué onda!» y ofrece garrafones.');
  }, 60_000);

  it('a key the provider refuses is not saved and the Spanish reason is shown; a good one shows only its last digits', async () => {
    await page.getByLabel('Tu clave de API').fill('sk-no-sirve-0000');
    await page.getByLabel('URL del proveedor').fill(model.url);
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText(/No pudimos verificar la clave de API con el proveedor: la clave fue rechazada/).waitFor();
    const after = await agentOf(premium.slug);
    expect(after.apiKey).toBeNull();
    expect(after.baseUrl).toBeNull();

    await page.getByLabel('Tu clave de API').fill('sk-negocio-propia-1234');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('configurado ••••1234').waitFor();
    expect(await page.getByLabel('Tu clave de API').inputValue()).toBe('');
    expect(await page.content()).not.toContain('sk-negocio-propia');
    expect((await agentOf(premium.slug)).model).toEqual({ name: 'gpt-4o-mini', own: true });
    // The prompt did not change: no new version.
    expect((await agentOf(premium.slug)).prompt.version).toBe(3);
  }, 60_000);

  it('the preview runs the unsaved draft, shows the tool the model called and sends nothing to WhatsApp', async () => {
    model.respond((req: ChatRequest): Scripted => {
      const user = lastUser(req);
      const results = toolResults(req);
      if (/garraf/i.test(user) && results.length === 0) return { kind: 'tools', calls: [{ name: 'search_products', args: { query: 'garrafón' } }] };
      const draft = systemOf(req).includes('BORRADOR-XYZ') ? ' (borrador)' : '';
      if (/garraf/i.test(user)) return { kind: 'text', content: `El Garrafón 20 L cuesta ${(results[0] as { products: { price: string }[] }).products[0]!.price}${draft}.` };
      return { kind: 'text', content: `¡Qué onda! ¿En qué te ayudo?${draft}` };
    });
    const sentBefore = platform.emulator!.store.listOutbound().length;
    // In IA mode every message goes to the model (in Híbrido a greeting is the menu's).
    await page.getByRole('radio', { name: /^IA/ }).check();
    await expect.poll(async () => (await agentOf(premium.slug)).mode).toBe('ai');
    // An edit not saved: the preview uses it.
    await page.getByLabel('Instrucciones para el asistente').fill('BORRADOR-XYZ: responde breve y ofrece garrafones.');
    const chat = page.getByTestId('agent-preview-chat');
    await page.getByLabel('Mensaje del cliente').fill('hola');
    await page.getByRole('button', { name: 'Enviar mensaje de prueba' }).click();
    await chat.getByText('¡Qué onda! ¿En qué te ayudo? (borrador)').waitFor();
    await chat.getByText('Respondió la IA').waitFor();
    await page.getByLabel('Mensaje del cliente').fill('¿cuánto cuesta el garrafón?');
    await page.keyboard.press('Enter');
    await chat.getByText('El Garrafón 20 L cuesta $45.00 (borrador).').waitFor();
    const tools = chat.getByRole('list', { name: 'Herramientas usadas' });
    await tools.getByText('search_products').waitFor();
    await tools.getByText('query: "garrafón"').waitFor();
    await tools.getByText(/1 producto: Garrafón 20 L \(\$45\.00\)/).waitFor();
    await chat.getByText(/300 tokens · [\d.,]+ m?s/).waitFor();
    await screenshots(page, 'agent-preview');

    // Nothing went to WhatsApp, no customer was created, nothing was saved.
    expect(platform.emulator!.store.listOutbound({ phoneNumberId: premium.phoneNumberId })).toHaveLength(0);
    expect(platform.emulator!.store.listOutbound().length).toBe(sentBefore);
    expect(await premium.db.customer.count()).toBe(0);
    expect(await premium.db.agentTurn.count()).toBe(0);
    expect((await agentOf(premium.slug)).prompt.text).not.toContain('BORRADOR');
    // The business's own key went to its own URL.
    expect(model.chats.at(-1)!.auth).toBe('Bearer sk-negocio-propia-1234');

    await page.getByRole('button', { name: 'Reiniciar' }).click();
    await expect.poll(() => chat.getByText('El Garrafón 20 L cuesta').count()).toBe(0);
  }, 60_000);

  it('a real customer answered by the AI shows in the activity with its tool calls and tokens', async () => {
    const c = customer(platform, premium);
    await c.send('¿cuánto cuesta el garrafón?');
    await waitFor(async () => platform.emulator!.store.listOutbound({ phoneNumberId: premium.phoneNumberId }).some((m) => JSON.stringify(m.body).includes('$45.00')), 20_000, 'the AI reply');
    await page.reload();
    const activity = page.getByRole('list', { name: 'Turnos del asistente' });
    await activity.getByText('Respondió la IA').waitFor();
    await activity.getByText(/Buscó productos · 300 tokens/).waitFor();
    await page.getByRole('meter', { name: 'Tokens del asistente' }).waitFor();
    await screenshots(page, 'agent-actividad');
    // The inbox marks the reply the assistant wrote.
    await page.goto(`${platform.url}/panel/${premium.slug}/conversaciones/${c.waId}`);
    await page.getByText('🤖 Respondió el asistente con IA').first().waitFor();
  }, 60_000);

  it('staff cannot open the page and do not see it in the menu', async () => {
    const staffEmail = `cajero.ia.${Date.now()}@ejemplo.mx`;
    const token = await invite(premium.slug, staffEmail, 'staff');
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await staffContext.newPage();
    await acceptAsNewPerson(p, token, premium.slug, 'Pedro Cajero', 'clave-del-cajero-1');
    const sidebar = p.getByRole('complementary', { name: 'Menú del negocio' });
    await sidebar.getByRole('link', { name: 'Pedidos' }).waitFor();
    expect(await sidebar.getByRole('link', { name: 'Asistente' }).count()).toBe(0);
    await p.goto(`${platform.url}/panel/${premium.slug}/asistente`);
    await p.getByRole('heading', { name: 'No tienes permiso' }).waitFor();
    expect((await p.evaluate(async (slug) => (await fetch(`/api/companies/${slug}/agent`)).status, premium.slug))).toBe(403);
    await staffContext.close();
  }, 60_000);
});
