// Onboarding over real HTTP: a signed-in user creates a business (provisioned like the platform
// path: schema, migrations, statuses) and connects its WhatsApp number, verified with the Graph
// API emulator or the Twilio emulator before anything is saved; then a customer's message gets
// the bot's answer through that number.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { apiClient, register } from '../helpers/api-client.ts';
import { customer, newPhoneNumberId, startTestPlatform, waitFor } from '../helpers/platform.ts';

let platform: Platform;
const call = apiClient(() => platform.url);

beforeAll(async () => {
  platform = await startTestPlatform({ PUBLIC_URL: 'https://mostrador.example.mx' });
});
afterAll(async () => {
  await platform.stop();
});

const channelsOf = async (companyId: string) =>
  (await platform.pool.query('SELECT phone_number_id, whatsapp_token, provider, last_check_error FROM public.channels WHERE company_id = $1', [companyId])).rows;

describe('creating a business', () => {
  it('a signed-in user creates it and is its owner; the tenant schema is migrated with its statuses', { timeout: 90_000 }, async () => {
    const owner = await register(call);
    const res = await call('/api/companies', {
      method: 'POST',
      token: owner.token,
      body: { name: 'Panadería La Espiga', businessType: 'panadería', currency: 'cop', locale: 'es-co', timezone: 'America/Bogota', adminPhone: '+573001112233' },
    });
    expect(res.status).toBe(201);
    expect(res.json.company).toMatchObject({ slug: 'panaderia-la-espiga', plan: 'basico', currency: 'COP', locale: 'es-CO', timezone: 'America/Bogota', adminPhone: '573001112233', channels: [] });
    expect(res.json.apiKey).toBeUndefined();
    const me = await call('/auth/me', { token: owner.token });
    expect(me.json.companies).toEqual([expect.objectContaining({ slug: 'panaderia-la-espiga', role: 'owner' })]);
    const statuses = await platform.pool.query(`SELECT count(*)::int AS n FROM ${res.json.company.schema}.order_status`);
    expect(statuses.rows[0].n).toBeGreaterThan(0);

    // The same name again: another slug, another owner; an explicit taken slug is a 409.
    const second = await register(call);
    const again = await call('/api/companies', { method: 'POST', token: second.token, body: { name: 'Panadería La Espiga' } });
    expect(again.status).toBe(201);
    expect(again.json.company.slug).toMatch(/^panaderia-la-espiga-[0-9a-f]{4}$/);
    const taken = await call('/api/companies', { method: 'POST', token: second.token, body: { name: 'Otra', slug: 'panaderia-la-espiga' } });
    expect(taken.status).toBe(409);
    expect((await call(`/api/companies/panaderia-la-espiga`, { token: second.token })).status).toBe(404);
  });

  it('a user cannot choose the plan, a database or an unverified number; bad fields are 400; nothing is created', async () => {
    const owner = await register(call);
    const before = (await platform.pool.query('SELECT count(*)::int AS n FROM public.companies')).rows[0].n;
    for (const extra of [{ plan: 'premium' }, { databaseUrl: 'postgres://x@y/z' }, { channel: { phoneNumberId: '1234567', accessToken: 'token-largo-x' } }]) {
      const res = await call('/api/companies', { method: 'POST', token: owner.token, body: { name: 'Tienda Lista', ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(403);
    }
    for (const body of [{ name: 1 }, { name: 'X' }, { name: 'Tienda', currency: 'PESOS' }, { name: 'Tienda', timezone: 'Luna/Base' }, { name: 'Tienda', adminPhone: 'llámame' }, { name: 'Tienda', color: 'rojo' }]) {
      const res = await call('/api/companies', { method: 'POST', token: owner.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await platform.pool.query('SELECT count(*)::int AS n FROM public.companies')).rows[0].n).toBe(before);
  });
});

describe('connecting WhatsApp', () => {
  async function business() {
    const owner = await register(call);
    const res = await call('/api/companies', { method: 'POST', token: owner.token, body: { name: `Agua ${randomBytes(3).toString('hex')}`, adminPhone: '5215519998888' } });
    return { owner, slug: res.json.company.slug as string, id: res.json.company.id as string };
  }

  it('Meta: a wrong token is 422 and nothing is saved; the right one is saved encrypted and the answer says what to paste in Meta', async () => {
    const { owner, slug, id } = await business();
    const phoneNumberId = newPhoneNumberId();
    const token = `EAAG${randomBytes(12).toString('hex')}`;
    // The number exists at "Meta" (the Graph API emulator) with its token.
    platform.emulator!.registerNumber({ phoneNumberId, token, wabaId: '102290129340398', displayPhoneNumber: '15550001111' });

    const wrong = await call(`/api/companies/${slug}/channel`, { method: 'PUT', token: owner.token, body: { phoneNumberId, accessToken: 'EAAG-token-equivocado', wabaId: '102290129340398' } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.message).toMatch(/no se guardó nada/);
    expect(await channelsOf(id)).toEqual([]);

    const ok = await call(`/api/companies/${slug}/channel`, { method: 'PUT', token: owner.token, body: { phoneNumberId, accessToken: token, wabaId: '102290129340398', displayPhoneNumber: '+15550001111' } });
    expect(ok.status).toBe(200);
    expect(ok.json.channel).toMatchObject({ provider: 'meta', phoneNumberId, wabaId: '102290129340398', status: 'active', lastCheck: { ok: true, error: null } });
    expect(ok.json.setup).toEqual({ callbackUrl: 'https://mostrador.example.mx/webhook', verifyToken: 'test-verify-token', subscribeFields: ['messages'], note: null });
    expect(JSON.stringify(ok.json)).not.toContain(token);
    const [row] = await channelsOf(id);
    expect(row.whatsapp_token).toMatch(/^v1:/);
    expect(row.whatsapp_token).not.toContain(token);
    expect(JSON.stringify((await call(`/api/companies/${slug}`, { token: owner.token })).json)).not.toContain(token);
    expect((await call(`/api/companies/${slug}/channel`, { token: owner.token })).json).toEqual(ok.json);

    // The simulator lists it with the admin's WhatsApp, so it can show the new-order notices sent there.
    const simulated = (await call('/api/simulator/companies')).json as unknown as { slug: string; adminPhone: string }[];
    expect(simulated.find((c) => c.slug === slug)).toMatchObject({ provider: 'meta', phoneNumberId, adminPhone: '5215519998888' });

    // The number answers customers at once.
    const maria = customer(platform, { phoneNumberId });
    await maria.send('hola');
    await waitFor(async () => platform.emulator!.store.listOutbound({ phoneNumberId }).find((m) => m.waId === maria.waId), 15_000, 'the bot answers');

    // Checked again on demand: the result and its time are kept.
    const checked = await call(`/api/companies/${slug}/channel/check`, { method: 'POST', token: owner.token });
    expect(checked.json.channel.lastCheck.ok).toBe(true);
    expect(Date.parse(checked.json.channel.lastCheck.at)).toBeGreaterThan(Date.parse(ok.json.channel.lastCheck.at));
  });

  it('a number connected to another business is 409; the first business keeps it', async () => {
    const first = await business();
    const second = await business();
    const phoneNumberId = newPhoneNumberId();
    const token = `EAAG${randomBytes(12).toString('hex')}`;
    platform.emulator!.registerNumber({ phoneNumberId, token });
    expect((await call(`/api/companies/${first.slug}/channel`, { method: 'PUT', token: first.owner.token, body: { phoneNumberId, accessToken: token } })).status).toBe(200);
    const taken = await call(`/api/companies/${second.slug}/channel`, { method: 'PUT', token: second.owner.token, body: { phoneNumberId, accessToken: token } });
    expect(taken.status).toBe(409);
    expect(await channelsOf(second.id)).toEqual([]);
    expect((await channelsOf(first.id)).map((c) => c.phone_number_id)).toEqual([phoneNumberId]);
  });

  it('Twilio: checked against the Twilio REST emulator; the answer gives the sender webhook URL', async () => {
    const { owner, slug, id } = await business();
    const accountSid = `AC${randomBytes(16).toString('hex')}`;
    const authToken = randomBytes(16).toString('hex');
    const number = `+1555${newPhoneNumberId().slice(-7)}`;
    platform.twilioEmulator!.registerSender({ number, accountSid, authToken, webhookUrl: 'http://127.0.0.1:1/pendiente' });
    const wrong = await call(`/api/companies/${slug}/channel`, { method: 'PUT', token: owner.token, body: { provider: 'twilio', accountSid, authToken: 'f'.repeat(32), whatsappNumber: number } });
    expect(wrong.status).toBe(422);
    expect(await channelsOf(id)).toEqual([]);
    const ok = await call(`/api/companies/${slug}/channel`, { method: 'PUT', token: owner.token, body: { provider: 'twilio', accountSid, authToken, whatsappNumber: number } });
    expect(ok.status).toBe(200);
    expect(ok.json.channel).toMatchObject({ provider: 'twilio', phoneNumberId: number, lastCheck: { ok: true } });
    expect(ok.json.setup.callbackUrl).toBe(`https://mostrador.example.mx/webhook/twilio/${ok.json.channel.id}`);
    expect(JSON.stringify(ok.json)).not.toContain(authToken);
  });

  it('bad channel input is 400 and nothing is saved', async () => {
    const { owner, slug, id } = await business();
    for (const body of [{}, { phoneNumberId: 'abc', accessToken: 'token-largo-x' }, { phoneNumberId: '1234567', accessToken: 'x'.repeat(5000) }, { provider: 'evolution' }, { provider: 'twilio', accountSid: 'nope' }]) {
      const res = await call(`/api/companies/${slug}/channel`, { method: 'PUT', token: owner.token, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await channelsOf(id)).toEqual([]);
  });
});
