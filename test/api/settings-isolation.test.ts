// Company B's owner, staff and API key probe every settings, plans and reports route on company
// A: each answer is 404 (as for a company that does not exist) or, on platform-only routes, 403;
// A's staff read but may not write the settings; A's data is unchanged after.
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
});
beforeAll(async () => {
  const put = await h.call(`/api/companies/${h.a.slug}/settings`, {
    method: 'PUT', token: h.a.owner.token,
    body: { businessInfo: { delivery: { fee: '30', freeFrom: '300' }, welcomeText: 'Bienvenidos a A' } },
  });
  if (put.status !== 200) throw new Error(`A's owner could not write settings: ${put.status} ${put.text}`);
}, 120_000);

const stateOfA = async () =>
  (await platform.pool.query('SELECT name, timezone, currency, admin_phone, plan_code, business_info FROM companies WHERE id = $1', [h.a.id])).rows[0];

describe('settings, plans and reports across companies and roles', () => {
  it("B's owner, staff and API key get 404 for every company route of A, and A is unchanged", async () => {
    const before = await stateOfA();
    const a = `/api/companies/${h.a.slug}`;
    const probes = [
      { path: `${a}/settings` },
      { path: `${a}/settings`, method: 'PUT', body: { company: { name: 'Tomada' }, businessInfo: {} } },
      { path: `${a}/settings/delivery-quote?subtotal=100` },
      { path: `${a}/reports` },
      { path: `${a}/usage` },
    ];
    for (const caller of h.outsiders()) {
      for (const p of probes) {
        const res = await h.call(p.path, { method: p.method, token: caller.token, body: p.body });
        expect({ who: caller.label, path: `${p.method ?? 'GET'} ${p.path}`, status: res.status }).toEqual({ who: caller.label, path: `${p.method ?? 'GET'} ${p.path}`, status: 404 });
        expect(res.json.error.code).toBe('NOT_FOUND');
        expect(res.text).not.toContain('Bienvenidos a A');
      }
      // Platform-only routes: refused for who is asking, before any company is looked at.
      expect((await h.call(`${a}/plan`, { method: 'PUT', token: caller.token, body: { plan: 'basico' } })).status).toBe(403);
      expect((await h.call('/api/platform/tenants', { token: caller.token })).status).toBe(403);
    }
    expect(await stateOfA()).toEqual(before);
  });

  it("A's staff read settings, usage and reports, but changing settings or the plan is 403 with nothing changed", async () => {
    const before = await stateOfA();
    const a = `/api/companies/${h.a.slug}`;
    const staff = h.a.staff.token;
    expect((await h.call(`${a}/settings`, { token: staff })).json.businessInfo.welcomeText).toBe('Bienvenidos a A');
    expect((await h.call(`${a}/settings/delivery-quote?subtotal=100`, { token: staff })).json.total).toBe('130.00');
    expect((await h.call(`${a}/usage`, { token: staff })).status).toBe(200);
    expect((await h.call(`${a}/reports`, { token: staff })).status).toBe(200);
    const put = await h.call(`${a}/settings`, { method: 'PUT', token: staff, body: { company: { name: 'Del staff' } } });
    expect(put.status).toBe(403);
    expect(put.json.error.code).toBe('FORBIDDEN');
    expect((await h.call(`${a}/settings`, { method: 'PUT', token: h.a.apiKey, body: { company: { name: 'De la llave' } } })).status).toBe(403);
    expect((await h.call(`${a}/plan`, { method: 'PUT', token: staff, body: { plan: 'basico' } })).status).toBe(403);
    expect((await h.call(`${a}/plan`, { method: 'PUT', token: h.a.owner.token, body: { plan: 'basico' } })).status).toBe(403);
    expect(await stateOfA()).toEqual(before);
  });

  it("A's owner writes A's settings with a browser session only with the CSRF header", async () => {
    const a = `/api/companies/${h.a.slug}/settings`;
    const body = { company: { name: 'Tienda A' } };
    expect((await h.call(a, { method: 'PUT', cookie: h.a.owner.cookie, body })).status).toBe(403);
    const ok = await h.call(a, { method: 'PUT', cookie: h.a.owner.cookie, csrf: h.a.owner.csrfToken, body });
    expect(ok.status).toBe(200);
    expect(ok.json.company.name).toBe('Tienda A');
  });

  it('a forged or expired session is 401 and writes nothing', async () => {
    const before = await stateOfA();
    const a = `/api/companies/${h.a.slug}/settings`;
    expect((await h.call(a, { method: 'PUT', token: 'mss_forged000000000000000000000000', body: { company: { name: 'x' } } })).status).toBe(401);
    expect((await h.call(a, { method: 'PUT', token: 'mst_forged000000000000000000000000', body: { company: { name: 'x' } } })).status).toBe(401);
    expect(await stateOfA()).toEqual(before);
  });
});
