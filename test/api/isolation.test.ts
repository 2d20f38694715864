// Cross-company and cross-role probes on the accounts and companies resources (issue 10, item 10):
// for every verb, company B's owner, staff and API key get 404 for company A's rows — exactly as
// for rows that do not exist — and A is unchanged; A's staff and API key get 403 on owner-only
// actions. Other modules add their resources in their own isolation tests with the same harness.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { newEmail } from '../helpers/api-client.ts';
import { startTestPlatform } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Platform;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
});

/** Everything of A these probes could change, read straight from PostgreSQL. */
async function snapshotOfA() {
  const q = async (sql: string) => (await platform.pool.query(sql, [h.a.id])).rows;
  return {
    company: await q('SELECT name, plan_code, status, currency, bot_enabled, admin_phone FROM public.companies WHERE id = $1'),
    members: await q('SELECT user_id, role FROM public.memberships WHERE company_id = $1 ORDER BY user_id'),
    invitations: await q('SELECT id, email, revoked_at, accepted_at FROM public.invitations WHERE company_id = $1 ORDER BY id'),
    keys: await q('SELECT id, name, revoked_at FROM public.api_keys WHERE company_id = $1 ORDER BY id'),
    channels: await q('SELECT id, phone_number_id, whatsapp_token, last_check_at FROM public.channels WHERE company_id = $1'),
  };
}

type Probe = { method: string; path: string; body?: unknown };

/** Every verb on A's resources, with bodies that would succeed for A's owner. */
async function probesOnA(): Promise<{ member: Probe[]; owner: Probe[]; ownerOrKey: Probe[] }> {
  const s = h.a.slug;
  const pendingInvitation = await h.call(`/api/companies/${s}/invitations`, { method: 'POST', token: h.a.owner.token, body: { email: newEmail('pendiente') } });
  const key = await h.call(`/api/companies/${s}/api-keys`, { method: 'POST', token: h.a.owner.token, body: { name: 'Integración A' } });
  return {
    member: [
      { method: 'GET', path: `/api/companies/${s}` },
    ],
    owner: [
      { method: 'PATCH', path: `/api/companies/${s}`, body: { name: 'Tomada por otro' } },
      { method: 'GET', path: `/api/companies/${s}/members` },
      { method: 'DELETE', path: `/api/companies/${s}/members/${h.a.staff.userId}` },
      { method: 'GET', path: `/api/companies/${s}/invitations` },
      { method: 'POST', path: `/api/companies/${s}/invitations`, body: { email: newEmail('intruso') } },
      { method: 'DELETE', path: `/api/companies/${s}/invitations/${pendingInvitation.json.invitation.id}` },
      { method: 'GET', path: `/api/companies/${s}/api-keys` },
      { method: 'POST', path: `/api/companies/${s}/api-keys`, body: { name: 'Intrusa' } },
      { method: 'DELETE', path: `/api/companies/${s}/api-keys/${key.json.apiKey.id}` },
      { method: 'GET', path: `/api/companies/${s}/channel` },
      { method: 'PUT', path: `/api/companies/${s}/channel`, body: { phoneNumberId: '7777777', accessToken: 'token-de-otro-x' } },
      { method: 'POST', path: `/api/companies/${s}/channel/check` },
    ],
    // The company itself (its API key) may replace a leaked key; staff may not.
    ownerOrKey: [{ method: 'POST', path: `/api/companies/${s}/api-key/rotate` }],
  };
}

describe('company B cannot reach company A', () => {
  it("B's owner, staff and API key get 404 for every verb on A's resources, and A is unchanged", async () => {
    const probes = await probesOnA();
    const before = await snapshotOfA();
    for (const who of h.outsiders()) {
      for (const p of [...probes.member, ...probes.owner, ...probes.ownerOrKey]) {
        const res = await h.call(p.path, { method: p.method, token: who.token, body: p.body });
        expect(res.status, `${who.label}: ${p.method} ${p.path}`).toBe(404);
        expect(res.json.error.code).toBe('NOT_FOUND');
      }
    }
    expect(await snapshotOfA()).toEqual(before);
  });

  it('the 404 is the same as for a company that does not exist', async () => {
    const missing = await h.call(`/api/companies/no-existe-${randomBytes(3).toString('hex')}/members`, { token: h.b.owner.token });
    const hidden = await h.call(`/api/companies/${h.a.slug}/members`, { token: h.b.owner.token });
    expect(hidden.status).toBe(missing.status);
    expect(hidden.json).toEqual(missing.json);
  });

  it("a body naming A (ids of A's rows, A's slug) does not move B's request to A", async () => {
    const before = await snapshotOfA();
    const aKey = (await platform.pool.query('SELECT id FROM public.api_keys WHERE company_id = $1 LIMIT 1', [h.a.id])).rows[0].id;
    const res = await h.call(`/api/companies/${h.b.slug}/api-keys/${aKey}`, { method: 'DELETE', token: h.b.owner.token });
    expect(res.status).toBe(404);
    const patch = await h.call(`/api/companies/${h.b.slug}`, { method: 'PATCH', token: h.b.owner.token, body: { slug: h.a.slug, name: 'B con slug de A' } });
    expect(patch.status).toBe(400);
    const removeA = await h.call(`/api/companies/${h.b.slug}/members/${h.a.owner.userId}`, { method: 'DELETE', token: h.b.owner.token });
    expect(removeA.status).toBe(404);
    expect(await snapshotOfA()).toEqual(before);
  });
});

describe('roles within company A', () => {
  it("A's staff and A's API key get 403 on owner-only actions; A is unchanged", async () => {
    const probes = await probesOnA();
    const before = await snapshotOfA();
    for (const who of [{ label: "A's staff", token: h.a.staff.token }, { label: "A's API key", token: h.a.apiKey }]) {
      for (const p of probes.owner) {
        const res = await h.call(p.path, { method: p.method, token: who.token, body: p.body });
        expect(res.status, `${who.label}: ${p.method} ${p.path}`).toBe(403);
        expect(res.json.error.code).toBe('FORBIDDEN');
      }
    }
    const staffRotate = await h.call(probes.ownerOrKey[0]!.path, { method: 'POST', token: h.a.staff.token });
    expect(staffRotate.status).toBe(403);
    expect(await snapshotOfA()).toEqual(before);
    for (const who of h.insiders()) {
      expect((await h.call(`/api/companies/${h.a.slug}`, { token: who.token })).status, who.label).toBe(200);
    }
  });
});

describe('forged and expired credentials', () => {
  it('are 401 on every resource, and nothing changes', async () => {
    const before = await snapshotOfA();
    const probes = await probesOnA();
    const after = await snapshotOfA();
    await platform.pool.query(`UPDATE public.sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [h.b.staff.userId]);
    const forged = [`mss_${randomBytes(32).toString('base64url')}`, `mst_${randomBytes(32).toString('base64url')}`, 'x'.repeat(40), h.b.staff.token];
    for (const token of forged) {
      for (const p of [...probes.member, ...probes.owner]) {
        const res = await h.call(p.path, { method: p.method, token, body: p.body });
        expect(res.status, `${token.slice(0, 8)}: ${p.method} ${p.path}`).toBe(401);
      }
    }
    expect(await snapshotOfA()).toEqual(after);
    expect(after.keys.length).toBe(before.keys.length + 1);
  });
});
