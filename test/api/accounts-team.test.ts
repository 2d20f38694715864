// A company's people and keys over real HTTP: invitations by link (once, for one email,
// revocable, seat-limited by the plan), members (never the last owner), roles (staff 403 on
// owner-only routes), and API keys (several, named, shown once, last used, revocable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { apiClient, newEmail, register } from '../helpers/api-client.ts';
import { ADMIN_TOKEN, startTestPlatform } from '../helpers/platform.ts';

let platform: Platform;
const call = apiClient(() => platform.url);

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.stop();
});

/** A signed-in owner with a new business (Básico: one staff seat). */
async function ownerWithBusiness(name = 'Tortillería La Güera') {
  const owner = await register(call, { name: 'Dueña' });
  const res = await call('/api/companies', { method: 'POST', token: owner.token, body: { name } });
  expect(res.status).toBe(201);
  return { owner, slug: res.json.company.slug as string, companyId: res.json.company.id as string };
}

const membersOf = async (companyId: string) =>
  (await platform.pool.query('SELECT user_id, role FROM public.memberships WHERE company_id = $1 ORDER BY created_at', [companyId])).rows;

describe('invitations', () => {
  it('an owner invites by link; a new person accepts by creating the account and is staff, signed in at once', async () => {
    const { owner, slug, companyId } = await ownerWithBusiness();
    const email = newEmail('mesero');
    const invited = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: owner.token, body: { email } });
    expect(invited.status).toBe(201);
    expect(invited.json.link).toMatch(/\/panel\/invitacion#token=msi_/);
    expect(invited.json.invitation).toMatchObject({ email, role: 'staff' });
    const listed = await call(`/api/companies/${slug}/invitations`, { token: owner.token });
    expect(listed.json.invitations.map((i: { email: string }) => i.email)).toEqual([email]);

    const preview = await call('/auth/invitations/preview', { method: 'POST', body: { token: invited.json.token } });
    expect(preview.json).toMatchObject({ company: { slug, name: 'Tortillería La Güera' }, email, role: 'staff' });

    const accepted = await call('/auth/invitations/accept', { method: 'POST', body: { token: invited.json.token, name: 'Mesero', password: 'clave-del-mesero' } });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ company: { slug }, role: 'staff' });
    const me = await call('/auth/me', { token: accepted.json.session.token });
    expect(me.json.user.email).toBe(email);
    expect(me.json.companies).toEqual([expect.objectContaining({ slug, role: 'staff' })]);
    expect(await membersOf(companyId)).toHaveLength(2);

    // Once: the link cannot be used again, and it left the pending list.
    const again = await call('/auth/invitations/accept', { method: 'POST', body: { token: invited.json.token, name: 'Otro', password: 'clave-de-otro-mas' } });
    expect(again.status).toBe(404);
    expect((await call(`/api/companies/${slug}/invitations`, { token: owner.token })).json.invitations).toEqual([]);
  });

  it('a signed-in user accepts only an invitation for their own email', async () => {
    const { owner, slug, companyId } = await ownerWithBusiness('Ferretería Dos');
    const invitee = await register(call);
    const intruder = await register(call);
    const invited = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: owner.token, body: { email: invitee.email.toUpperCase(), role: 'owner' } });
    const wrong = await call('/auth/invitations/accept', { method: 'POST', token: intruder.token, body: { token: invited.json.token } });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toContain(invitee.email);
    const ok = await call('/auth/invitations/accept', { method: 'POST', token: invitee.token, body: { token: invited.json.token } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ role: 'owner', session: null });
    expect((await membersOf(companyId)).map((m) => m.role).sort()).toEqual(['owner', 'owner']);
  });

  it('revoked or expired links are refused; the plan counts pending invitations as seats (402)', async () => {
    const { owner, slug } = await ownerWithBusiness('Papelería Tres');
    const first = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: owner.token, body: { email: newEmail() } });
    expect(first.status).toBe(201);
    // Básico has one staff seat, and the first invitation holds it.
    const second = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: owner.token, body: { email: newEmail() } });
    expect(second.status).toBe(402);
    expect(second.json.error.code).toBe('PLAN_LIMIT');
    expect((await call(`/api/companies/${slug}/invitations/${first.json.invitation.id}`, { method: 'DELETE', token: owner.token })).status).toBe(204);
    const revoked = await call('/auth/invitations/accept', { method: 'POST', body: { token: first.json.token, name: 'X', password: 'clave-larga-x' } });
    expect(revoked.status).toBe(404);
    const third = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: owner.token, body: { email: newEmail() } });
    expect(third.status).toBe(201);
    await platform.pool.query(`UPDATE public.invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [third.json.invitation.id]);
    const expired = await call('/auth/invitations/accept', { method: 'POST', body: { token: third.json.token, name: 'X', password: 'clave-larga-x' } });
    expect(expired.status).toBe(404);
    expect(expired.json.error.message).toMatch(/venció/);
  });
});

describe('members and roles', () => {
  it('staff get 403 on owner-only routes; an owner removes staff, never the last owner', async () => {
    const { owner, slug, companyId } = await ownerWithBusiness('Carnicería Cuatro');
    const staff = await register(call);
    const inv = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: owner.token, body: { email: staff.email } });
    await call('/auth/invitations/accept', { method: 'POST', token: staff.token, body: { token: inv.json.token } });

    expect((await call(`/api/companies/${slug}`, { token: staff.token })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', `/api/companies/${slug}/members`],
      ['GET', `/api/companies/${slug}/invitations`],
      ['POST', `/api/companies/${slug}/invitations`, { email: newEmail() }],
      ['GET', `/api/companies/${slug}/api-keys`],
      ['POST', `/api/companies/${slug}/api-keys`, { name: 'Robot' }],
      ['POST', `/api/companies/${slug}/api-key/rotate`],
      ['DELETE', `/api/companies/${slug}/members/${owner.userId}`],
      ['PATCH', `/api/companies/${slug}`, { name: 'Cambiado por staff' }],
      ['GET', `/api/companies/${slug}/channel`],
      ['PUT', `/api/companies/${slug}/channel`, { phoneNumberId: '1234567', accessToken: 'token-largo-x' }],
    ] as const) {
      const res = await call(path, { method, token: staff.token, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await call(`/api/companies/${slug}`, { token: owner.token })).json.company.name).toBe('Carnicería Cuatro');
    expect((await platform.pool.query('SELECT count(*)::int AS n FROM public.invitations WHERE company_id = $1', [companyId])).rows[0].n).toBe(1);

    const members = await call(`/api/companies/${slug}/members`, { token: owner.token });
    expect(members.json.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([[owner.email, 'owner'], [staff.email, 'staff']]);
    const last = await call(`/api/companies/${slug}/members/${owner.userId}`, { method: 'DELETE', token: owner.token });
    expect(last.status).toBe(409);
    expect(last.json.error.message).toMatch(/último dueño/);
    expect((await call(`/api/companies/${slug}/members/${staff.userId}`, { method: 'DELETE', token: owner.token })).status).toBe(204);
    expect((await call(`/api/companies/${slug}`, { token: staff.token })).status).toBe(404);
    expect(await membersOf(companyId)).toEqual([{ user_id: owner.userId, role: 'owner' }]);
    expect((await call(`/api/companies/${slug}/members/${staff.userId}`, { method: 'DELETE', token: owner.token })).status).toBe(404);
  });

  it('two owners removing each other at once: one of them stays', async () => {
    const { owner, slug, companyId } = await ownerWithBusiness('Panadería Cinco');
    const other = await register(call);
    const inv = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: owner.token, body: { email: other.email, role: 'owner' } });
    await call('/auth/invitations/accept', { method: 'POST', token: other.token, body: { token: inv.json.token } });
    const [x, y] = await Promise.all([
      call(`/api/companies/${slug}/members/${other.userId}`, { method: 'DELETE', token: owner.token }),
      call(`/api/companies/${slug}/members/${owner.userId}`, { method: 'DELETE', token: other.token }),
    ]);
    // One removal wins; the other finds its caller gone (404) or its target the last owner (409).
    expect([x.status, y.status].filter((s) => s === 204)).toHaveLength(1);
    expect([x.status, y.status].filter((s) => s !== 204)[0]).toBeOneOf([404, 409]);
    const owners = (await membersOf(companyId)).filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });
});

describe('API keys', () => {
  it('several named keys, shown once, hashed, with last use; a revoked key stops at once', async () => {
    const { owner, slug, companyId } = await ownerWithBusiness('Verdulería Seis');
    const created = await call(`/api/companies/${slug}/api-keys`, { method: 'POST', token: owner.token, body: { name: 'Tienda en línea' } });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^mst_/);
    expect(created.json.apiKey).toMatchObject({ name: 'Tienda en línea', createdBy: 'Dueña', lastUsedAt: null, active: true });
    expect(created.json.key.startsWith(created.json.apiKey.prefix)).toBe(true);
    const second = await call(`/api/companies/${slug}/api-keys`, { method: 'POST', token: owner.token, body: { name: 'Contabilidad' } });
    const stored = await platform.pool.query('SELECT key_hash FROM public.api_keys WHERE company_id = $1', [companyId]);
    expect(stored.rows.map((r) => r.key_hash)).not.toContain(created.json.key);

    expect((await call(`/api/companies/${slug}`, { token: created.json.key })).status).toBe(200);
    const listed = await call(`/api/companies/${slug}/api-keys`, { token: owner.token });
    expect(listed.json.apiKeys.map((k: { name: string }) => k.name)).toEqual(['Tienda en línea', 'Contabilidad']);
    expect(listed.json.apiKeys[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.json)).not.toContain(created.json.key);

    expect((await call(`/api/companies/${slug}/api-keys/${created.json.apiKey.id}`, { method: 'DELETE', token: owner.token })).status).toBe(204);
    expect((await call(`/api/companies/${slug}`, { token: created.json.key })).status).toBe(401);
    expect((await call(`/api/companies/${slug}`, { token: second.json.key })).status).toBe(200);
    // A key reaches its own company's data, never the owner's routes or a person's.
    expect((await call(`/api/companies/${slug}/api-keys`, { token: second.json.key })).status).toBe(403);
    expect((await call('/auth/me', { token: second.json.key })).status).toBe(403);
    expect((await call('/api/companies', { method: 'POST', token: second.json.key, body: { name: 'Por clave' } })).status).toBe(403);
  });

  it("the platform's first key of a company is one of its keys; rotation replaces them all", async () => {
    const res = await call('/api/companies', { method: 'POST', token: ADMIN_TOKEN, body: { slug: `llaves-${Date.now()}`, name: 'Llaves' } });
    const slug = res.json.company.slug;
    const keys = await call(`/api/companies/${slug}/api-keys`, { token: ADMIN_TOKEN });
    expect(keys.json.apiKeys).toEqual([expect.objectContaining({ name: 'Clave principal', active: true })]);
    const rotated = await call(`/api/companies/${slug}/api-key/rotate`, { method: 'POST', token: res.json.apiKey });
    expect(rotated.status).toBe(200);
    expect((await call(`/api/companies/${slug}`, { token: res.json.apiKey })).status).toBe(401);
    expect((await call(`/api/companies/${slug}`, { token: rotated.json.apiKey })).status).toBe(200);
  });

  it('bad input: unknown ids, wrong types and other companies’ ids are 4xx with nothing changed', async () => {
    const { owner, slug, companyId } = await ownerWithBusiness('Dulcería Siete');
    const other = await ownerWithBusiness('Dulcería Ajena');
    const theirs = await call(`/api/companies/${other.slug}/api-keys`, { method: 'POST', token: other.owner.token, body: { name: 'Suya' } });
    const cases: [string, string, unknown?][] = [
      ['POST', `/api/companies/${slug}/api-keys`, { name: 42 }],
      ['POST', `/api/companies/${slug}/api-keys`, { name: 'x'.repeat(500) }],
      ['POST', `/api/companies/${slug}/api-keys`, {}],
      ['DELETE', `/api/companies/${slug}/api-keys/no-es-uuid`],
      ['DELETE', `/api/companies/${slug}/api-keys/${theirs.json.apiKey.id}`],
      ['DELETE', `/api/companies/${slug}/invitations/${theirs.json.apiKey.id}`],
      ['DELETE', `/api/companies/${slug}/members/${other.owner.userId}`],
      ['POST', `/api/companies/${slug}/invitations`, { email: 'no-es-correo' }],
      ['POST', `/api/companies/${slug}/invitations`, { email: newEmail(), role: 'admin' }],
    ];
    for (const [method, path, body] of cases) {
      const res = await call(path, { method, token: owner.token, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await call(`/api/companies/${other.slug}`, { token: theirs.json.key })).status).toBe(200);
    expect((await platform.pool.query('SELECT count(*)::int AS n FROM public.api_keys WHERE company_id = $1', [companyId])).rows[0].n).toBe(0);
    expect((await membersOf(other.companyId)).map((m) => m.user_id)).toEqual([other.owner.userId]);
  });
});
