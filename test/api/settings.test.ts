// The settings API over real HTTP: what the bot answers from (hours, delivery, payment,
// policies, texts) and the company's own data. Owners write; members read; other companies see
// nothing; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestCompany, startTestPlatform, type TestCompany } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';
import { apiClient } from '../helpers/api-client.ts';

let platform: Platform;
let a: TestCompany;
let b: TestCompany;

const api = apiClient(() => platform.url);

const SETTINGS = {
  company: { name: 'Panadería Centro', timezone: 'America/Bogota', currency: 'COP', adminPhone: '+573001112233' },
  businessInfo: {
    hours: {
      weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' })),
      exceptions: [{ date: '2026-12-25', closed: true, note: 'Navidad' }],
      acceptOrdersWhenClosed: false,
    },
    delivery: { delivery: true, pickup: true, fee: '5000', freeFrom: '50000', minimumOrder: '10000', areas: 'Chapinero, Teusaquillo', estimatedTime: '40 minutos' },
    paymentMethods: ['Efectivo', 'Nequi'],
    address: 'Calle 45 # 13-20, Bogotá',
    policies: { shipping: 'Entregamos el mismo día.', refunds: 'Cambios dentro de 24 horas.' },
    welcomeText: '¡Bienvenido a Panadería Centro!',
    menuLabels: { catalog: 'Nuestro pan', advisor: 'Hablar con Ana' },
    botTexts: { closed: 'Estamos descansando 😴' },
  },
};

beforeAll(async () => {
  platform = await startTestPlatform();
  a = await createTestCompany(platform);
  b = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

const settingsOf = (slug: string) => api(`/api/companies/${slug}/settings`, { token: ADMIN_TOKEN });

describe('business settings', () => {
  it('a new company reads its defaults: open (no hours written), no delivery fee', async () => {
    const res = await api(`/api/companies/${a.slug}/settings`, { token: a.apiKey });
    expect(res.status).toBe(200);
    expect(res.json.company).toMatchObject({ name: `Tienda ${a.slug}`, currency: 'MXN', timezone: 'America/Mexico_City' });
    expect(res.json.businessInfo).toEqual({});
    expect(res.json.now).toEqual({ open: true, nextOpening: null, closedNotice: null });
    expect(res.json.delivery).toEqual({ fee: '0.00', freeFrom: null, minimumOrder: null });
  });

  it('the owner replaces the business info and company data in one PUT; members read it back', async () => {
    const put = await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: ADMIN_TOKEN, body: SETTINGS });
    expect(put.status).toBe(200);
    expect(put.json.company).toEqual({ name: 'Panadería Centro', currency: 'COP', locale: 'es-MX', timezone: 'America/Bogota', adminPhone: '573001112233' });
    expect(put.json.businessInfo).toMatchObject(SETTINGS.businessInfo);
    expect(put.json.delivery).toEqual({ fee: '5000.00', freeFrom: '50000.00', minimumOrder: '10000.00' });
    const read = await api(`/api/companies/${a.slug}/settings`, { token: a.apiKey });
    expect(read.json).toEqual(put.json);
    // Stored where the engine reads it.
    const row = await platform.pool.query('SELECT name, timezone, currency, admin_phone, business_info FROM companies WHERE id = $1', [a.id]);
    expect(row.rows[0]).toMatchObject({ name: 'Panadería Centro', timezone: 'America/Bogota', currency: 'COP', admin_phone: '573001112233' });
    expect(row.rows[0].business_info.delivery.freeFrom).toBe('50000');
  });

  it('outside hours the settings say when the shop opens and what the bot will say', async () => {
    const closed = { businessInfo: { ...SETTINGS.businessInfo, hours: { weekly: [], exceptions: [{ date: '2099-01-01', open: '09:00', close: '10:00' }], acceptOrdersWhenClosed: false } } };
    const res = await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: ADMIN_TOKEN, body: closed });
    expect(res.status).toBe(200);
    expect(res.json.now.open).toBe(false);
    // The shop's own words for being closed (its botTexts.closed), as the bot will say them.
    expect(res.json.now.closedNotice).toContain(SETTINGS.businessInfo.botTexts!.closed!);
    expect(res.json.now.closedNotice).not.toContain('está cerrado');
    expect(res.json.now.closedNotice).toContain('Escríbenos en nuestro horario');
    // Nothing within a month: no date promised.
    expect(res.json.now.nextOpening).toBeNull();
    // PUT without `company` keeps the company data.
    expect(res.json.company.name).toBe('Panadería Centro');
    await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: ADMIN_TOKEN, body: SETTINGS });
  });

  it('quotes the delivery rule for an order total', async () => {
    const q = (query: string, token = a.apiKey) => api(`/api/companies/${a.slug}/settings/delivery-quote?${query}`, { token });
    expect((await q('subtotal=20000')).json).toMatchObject({ fee: '5000.00', total: '25000.00', belowMinimum: false, missingForFreeDelivery: '30000.00' });
    expect((await q('subtotal=60000')).json).toMatchObject({ fee: '0.00', total: '60000.00' });
    expect((await q('subtotal=8000&method=pickup')).json).toMatchObject({ fee: '0.00', belowMinimum: true, missingForMinimum: '2000.00' });
    const bad = await q('subtotal=-5');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION');
    expect((await q('subtotal=10&method=drone')).status).toBe(400);
  });

  it('a company API key reads but may not change the settings (owner only): 403, nothing changed', async () => {
    const res = await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: a.apiKey, body: { company: { name: 'Otra' } } });
    expect(res.status).toBe(403);
    expect((await settingsOf(a.slug)).json.company.name).toBe('Panadería Centro');
  });

  it("another company's key gets 404 for A's settings, reading or writing, and A is unchanged", async () => {
    const before = (await settingsOf(a.slug)).json;
    expect((await api(`/api/companies/${a.slug}/settings`, { token: b.apiKey })).status).toBe(404);
    const put = await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: b.apiKey, body: { company: { name: 'Robada' } } });
    expect(put.status).toBe(404);
    expect(put.json.error.code).toBe('NOT_FOUND');
    expect((await api(`/api/companies/${a.slug}/settings/delivery-quote?subtotal=10`, { token: b.apiKey })).status).toBe(404);
    expect((await settingsOf(a.slug)).json).toEqual(before);
    expect((await api(`/api/companies/${a.slug}/settings`)).status).toBe(401);
  });

  it.each([
    ['an hour that does not exist', { businessInfo: { hours: { weekly: [{ day: 1, open: '25:00', close: '26:00' }] } } }],
    ['a weekday out of range', { businessInfo: { hours: { weekly: [{ day: 7, open: '09:00', close: '10:00' }] } } }],
    ['an exception with only its opening hour', { businessInfo: { hours: { exceptions: [{ date: '2026-12-24', open: '09:00' }] } } }],
    ['overlapping spans on one day', { businessInfo: { hours: { weekly: [{ day: 1, open: '09:00', close: '14:00' }, { day: 1, open: '13:00', close: '18:00' }] } } }],
    ['a fee that is not an amount', { businessInfo: { delivery: { fee: 'gratis' } } }],
    ['a fee as a number', { businessInfo: { delivery: { fee: 35 } } }],
    ['a menu label longer than WhatsApp shows', { businessInfo: { menuLabels: { catalog: 'x'.repeat(25) } } }],
    ['an unknown time zone', { company: { timezone: 'Mars/Olympus' } }],
    ['an unknown currency', { company: { currency: 'XYZ' } }],
    ['a misspelt field', { compnay: { name: 'x' } }],
    ['an empty name', { company: { name: ' ' } }],
    ['business info that is not an object', { businessInfo: 'abierto siempre' }],
  ])('refuses %s with a Spanish 400 and writes nothing', async (_label, body) => {
    const before = (await settingsOf(a.slug)).json;
    const res = await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: ADMIN_TOKEN, body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION');
    expect(res.json.error.message).toMatch(/[a-záéíóúñ]/i);
    expect((await settingsOf(a.slug)).json).toEqual(before);
  });

  it('refuses malformed JSON and oversized bodies without writing', async () => {
    const before = (await settingsOf(a.slug)).json;
    expect((await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: ADMIN_TOKEN, raw: '{"company":' })).status).toBe(400);
    const huge = await api(`/api/companies/${a.slug}/settings`, { method: 'PUT', token: ADMIN_TOKEN, body: { businessInfo: { welcomeText: 'a'.repeat(6 * 1024 * 1024) } } });
    expect([400, 413]).toContain(huge.status);
    expect((await settingsOf(a.slug)).json).toEqual(before);
  });
});
