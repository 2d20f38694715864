// Plans over real HTTP: the plan list, a company's usage against its plan, the platform admin's
// plan change and tenant listing (plan, usage, numbers' health, webhook URLs), and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestCompany, startTestPlatform, type TestCompany } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';
import { apiClient } from '../helpers/api-client.ts';

let platform: Platform;
let a: TestCompany;
let b: TestCompany;

const api = apiClient(() => platform.url);
const period = () => new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  platform = await startTestPlatform();
  a = await createTestCompany(platform, { plan: 'basico' });
  b = await createTestCompany(platform, { plan: 'completo', provider: 'twilio' });
  await platform.pool.query(
    `INSERT INTO public.usage_counters (company_id, period, inbound_messages, outbound_messages) VALUES ($1, $2, 700, 800)`,
    [a.id, period()],
  );
});
afterAll(async () => {
  await platform.stop();
});

describe('plans', () => {
  it('lists the three plans with their limits, features and price, to anyone', async () => {
    const res = await api('/api/plans');
    expect(res.status).toBe(200);
    expect(res.json.plans.map((p: { code: string }) => p.code)).toEqual(['basico', 'completo', 'premium']);
    expect(res.json.plans[0]).toEqual({
      code: 'basico', name: 'Básico', monthlyMessages: 2000, activeProducts: 50, staffSeats: 1,
      features: { ai: false, bookings: false, shortlinks: false, analytics: false }, priceMonthly: '299.00', aiMonthlyTokens: 0,
    });
    expect(res.json.plans[2]).toMatchObject({ code: 'premium', features: { ai: true }, aiMonthlyTokens: 2_000_000 });
  });

  it("a company reads its plan and this month's usage against it", async () => {
    const res = await api(`/api/companies/${a.slug}/usage`, { token: a.apiKey });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ period: period(), plan: 'basico', messagesUsed: 1500, messageLimit: 2000, inboundMessages: 700, outboundMessages: 800, remaining: 500, limitReached: false });
    expect(res.json.limits.name).toBe('Básico');
    expect((await api(`/api/companies/${a.slug}/usage`, { token: b.apiKey })).status).toBe(404);
  });

  it('the platform admin changes a plan; the usage shows the new limits at once', async () => {
    const res = await api(`/api/companies/${a.slug}/plan`, { method: 'PUT', token: ADMIN_TOKEN, body: { plan: 'completo' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ slug: a.slug, previousPlan: 'basico', plan: { code: 'completo', monthlyMessages: 10000 }, usage: { messages: 1500, remaining: 8500 } });
    expect((await api(`/api/companies/${a.slug}/usage`, { token: a.apiKey })).json).toMatchObject({ plan: 'completo', messageLimit: 10000 });
    // Reports come with Completo: the feature gate follows the plan.
    expect((await api(`/api/companies/${a.slug}/reports`, { token: a.apiKey })).status).toBe(200);
    await api(`/api/companies/${a.slug}/plan`, { method: 'PUT', token: ADMIN_TOKEN, body: { plan: 'basico' } });
    const gated = await api(`/api/companies/${a.slug}/reports`, { token: a.apiKey });
    expect(gated.status).toBe(402);
    expect(gated.json.error.code).toBe('PLAN_LIMIT');
  });

  it('only the platform admin changes plans: a company key gets 403, its own or another; nothing changes', async () => {
    const own = await api(`/api/companies/${a.slug}/plan`, { method: 'PUT', token: a.apiKey, body: { plan: 'premium' } });
    expect(own.status).toBe(403);
    expect((await api(`/api/companies/${b.slug}/plan`, { method: 'PUT', token: a.apiKey, body: { plan: 'premium' } })).status).toBe(403);
    expect((await api(`/api/companies/${a.slug}/plan`, { method: 'PUT', body: { plan: 'premium' } })).status).toBe(401);
    const plans = await platform.pool.query('SELECT slug, plan_code FROM companies WHERE id = ANY($1) ORDER BY slug', [[a.id, b.id]]);
    expect(Object.fromEntries(plans.rows.map((r) => [r.slug, r.plan_code]))).toEqual({ [a.slug]: 'basico', [b.slug]: 'completo' });
  });

  it.each([
    ['an unknown plan', { plan: 'oro' }],
    ['no plan', {}],
    ['a plan that is not text', { plan: 3 }],
    ['an extra field', { plan: 'premium', price: 0 }],
  ])('refuses %s with 400', async (_label, body) => {
    const res = await api(`/api/companies/${a.slug}/plan`, { method: 'PUT', token: ADMIN_TOKEN, body });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/plan|price/);
    expect((await api(`/api/companies/${a.slug}/usage`, { token: a.apiKey })).json.plan).toBe('basico');
  });

  it('a plan change for a company that does not exist is 404', async () => {
    expect((await api('/api/companies/no-existe-xyz/plan', { method: 'PUT', token: ADMIN_TOKEN, body: { plan: 'premium' } })).status).toBe(404);
  });

  it('the platform admin lists tenants with plan, usage, channel health and the webhook URL to paste', async () => {
    await platform.pool.query(`UPDATE channels SET last_check_at = now(), last_check_error = 'token vencido' WHERE id = $1`, [b.channelId]);
    const res = await api('/api/platform/tenants', { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    const byslug = Object.fromEntries(res.json.tenants.map((t: { slug: string }) => [t.slug, t]));
    expect(byslug[a.slug]).toMatchObject({
      plan: { code: 'basico', name: 'Básico' },
      usage: { period: period(), messages: 1500, limit: 2000, limitReached: false },
      channels: [{ provider: 'meta', phoneNumberId: a.phoneNumberId, health: 'ok', webhookUrl: `${platform.url}/webhook` }],
    });
    expect(byslug[b.slug].channels[0]).toMatchObject({
      provider: 'twilio', health: 'failing', lastCheckError: 'token vencido', webhookUrl: `${platform.url}/webhook/twilio/${b.channelId}`,
    });
    expect(JSON.stringify(res.json)).not.toMatch(/tok-|whatsapp_token|authToken/);
  });

  it('the tenant listing is for the platform admin only', async () => {
    expect((await api('/api/platform/tenants', { token: a.apiKey })).status).toBe(403);
    expect((await api('/api/platform/tenants')).status).toBe(401);
  });
});
