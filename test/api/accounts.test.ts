// Accounts over real HTTP: sign-up, sign-in (cookie + CSRF for the panel, Bearer for API
// clients), the same answer for unknown accounts and wrong passwords, rate limits shared through
// PostgreSQL, password change and reset by a one-time link mailed through SMTP (a local server),
// forged and expired sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { apiClient, newEmail, register, sessionCookieOf } from '../helpers/api-client.ts';
import { ADMIN_TOKEN, startTestPlatform } from '../helpers/platform.ts';
import { startSmtpServer } from '../helpers/smtp-server.ts';

let platform: Platform;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const call = apiClient(() => platform.url);

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({ SMTP_URL: smtp.url, MAIL_FROM: 'Mostrador <hola@mostrador.test>' });
});
afterAll(async () => {
  await platform.stop();
  await smtp.close();
});

const usersNamed = async (email: string) => (await platform.pool.query('SELECT id, password_hash FROM public.users WHERE lower(email) = lower($1)', [email])).rows;

describe('sign-up and sign-in', () => {
  it('registers with an argon2id hash, answers the session for the panel (httpOnly cookie) and API clients (token)', async () => {
    const email = newEmail('DUENA');
    const res = await call('/auth/register', { method: 'POST', body: { email, name: 'Dueña Uno', password: 'una-clave-larga' } });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email: email.toLowerCase(), name: 'Dueña Uno', platformAdmin: false });
    expect(res.json.token).toMatch(/^mss_/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/mostrador_session=mss_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const [row] = await usersNamed(email);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    // The session is stored as a hash: the token itself is nowhere in the database.
    const stored = await platform.pool.query('SELECT count(*)::int AS n FROM public.sessions WHERE token_hash = $1', [res.json.token]);
    expect(stored.rows[0].n).toBe(0);
  });

  it('one account per email whatever its case', async () => {
    const me = await register(call);
    const again = await call('/auth/register', { method: 'POST', body: { email: me.email.toUpperCase(), name: 'Otra', password: 'otra-clave-larga' } });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/Ya existe una cuenta/);
    expect(await usersNamed(me.email)).toHaveLength(1);
  });

  it('signs in by email in any case; /auth/me answers with the cookie or the token', async () => {
    const me = await register(call);
    const login = await call('/auth/login', { method: 'POST', body: { email: me.email.toUpperCase(), password: me.password } });
    expect(login.status).toBe(200);
    const cookie = sessionCookieOf(login)!;
    const byCookie = await call('/auth/me', { cookie });
    expect(byCookie.status).toBe(200);
    expect(byCookie.json).toMatchObject({ user: { id: me.userId, email: me.email }, companies: [], csrfToken: login.json.csrfToken });
    const byToken = await call('/auth/me', { token: login.json.token });
    expect(byToken.json).toMatchObject({ user: { id: me.userId }, csrfToken: null });
  });

  it('the same 401 for an unknown email and a wrong password', async () => {
    const me = await register(call);
    const wrong = await call('/auth/login', { method: 'POST', body: { email: me.email, password: 'no-es-esta' } });
    const unknown = await call('/auth/login', { method: 'POST', body: { email: newEmail('nadie'), password: 'no-es-esta' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
  });

  it('too many failures for one account: 429 even with the right password, counted in PostgreSQL', async () => {
    const me = await register(call);
    for (let i = 0; i < 10; i++) {
      expect((await call('/auth/login', { method: 'POST', body: { email: me.email, password: `mala-${i}` } })).status).toBe(401);
    }
    const blocked = await call('/auth/login', { method: 'POST', body: { email: me.email, password: me.password } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('RATE_LIMITED');
    expect(blocked.headers.get('retry-after')).toBe('900');
    const rows = await platform.pool.query('SELECT count(*)::int AS n FROM public.login_attempts WHERE email = $1 AND NOT succeeded', [me.email]);
    expect(rows.rows[0].n).toBe(10);
    // Another account from the same address still signs in (the per-IP limit is higher).
    const other = await register(call);
    expect((await call('/auth/login', { method: 'POST', body: { email: other.email, password: other.password } })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('a cookie request that changes something needs the x-csrf-token of its session; Bearer does not', async () => {
    const me = await register(call);
    const body = { name: 'Panadería Sin CSRF' };
    const missing = await call('/api/companies', { method: 'POST', cookie: me.cookie, body });
    expect(missing.status).toBe(403);
    expect(missing.json.error.message).toMatch(/x-csrf-token/);
    const forged = await call('/api/companies', { method: 'POST', cookie: me.cookie, csrf: 'x'.repeat(32), body });
    expect(forged.status).toBe(403);
    expect((await call('/auth/me', { token: me.token })).json.companies).toEqual([]);
    const ok = await call('/api/companies', { method: 'POST', cookie: me.cookie, csrf: me.csrfToken, body: { name: 'Panadería Con CSRF' } });
    expect(ok.status).toBe(201);
    // Reads need no CSRF header.
    expect((await call('/auth/me', { cookie: me.cookie })).json.companies).toHaveLength(1);
  });

  it('logout ends that session only; forged, expired and signed-out tokens get 401', async () => {
    const me = await register(call);
    const second = await call('/auth/login', { method: 'POST', body: { email: me.email, password: me.password } });
    expect((await call('/auth/logout', { method: 'POST', token: me.token })).status).toBe(204);
    expect((await call('/auth/me', { token: me.token })).status).toBe(401);
    expect((await call('/auth/me', { token: second.json.token })).status).toBe(200);
    expect((await call('/auth/me', { token: 'mss_forjado' })).status).toBe(401);
    expect((await call('/auth/me', { cookie: 'mss_forjado' })).status).toBe(401);
    expect((await call('/auth/me', { token: 'cualquier-cosa' })).status).toBe(401);
    await platform.pool.query(`UPDATE public.sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [me.userId]);
    const expired = await call('/auth/me', { token: second.json.token });
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toMatch(/sesión/);
  });

  it('a stale cookie does not stop signing in again', async () => {
    const me = await register(call);
    const res = await call('/auth/login', { method: 'POST', cookie: 'mss_viejo', body: { email: me.email, password: me.password } });
    expect(res.status).toBe(200);
  });

  it('the platform token and API keys are not a person: /auth/me answers 403', async () => {
    expect((await call('/auth/me', { token: ADMIN_TOKEN })).status).toBe(403);
  });
});

describe('passwords', () => {
  it('change: needs the current password, signs out the other sessions, the new one works', async () => {
    const me = await register(call);
    const other = await call('/auth/login', { method: 'POST', body: { email: me.email, password: me.password } });
    const wrong = await call('/auth/password', { method: 'POST', token: me.token, body: { currentPassword: 'no-es', newPassword: 'nueva-clave-larga' } });
    expect(wrong.status).toBe(403);
    const ok = await call('/auth/password', { method: 'POST', token: me.token, body: { currentPassword: me.password, newPassword: 'nueva-clave-larga' } });
    expect(ok.status).toBe(204);
    expect((await call('/auth/me', { token: me.token })).status).toBe(200);
    expect((await call('/auth/me', { token: other.json.token })).status).toBe(401);
    expect((await call('/auth/login', { method: 'POST', body: { email: me.email, password: 'nueva-clave-larga' } })).status).toBe(200);
    expect((await call('/auth/login', { method: 'POST', body: { email: me.email, password: me.password } })).status).toBe(401);
  });

  it('reset: the same answer whether the account exists; the mailed link works once, within 30 minutes, and signs everyone out', async () => {
    const me = await register(call, { name: 'Olvidadiza' });
    const known = await call('/auth/password-reset', { method: 'POST', body: { email: me.email } });
    const unknown = await call('/auth/password-reset', { method: 'POST', body: { email: newEmail('nadie') } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.json).toEqual(known.json);

    const mail = await smtp.mailTo(me.email);
    expect(mail.text).toMatch(/Para elegir una nueva contraseña/);
    expect(mail.text).toMatch(/Olvidadiza/);
    const token = /#token=(msr_[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    const short = await call('/auth/password-reset/confirm', { method: 'POST', body: { token, password: 'corta' } });
    expect(short.status).toBe(400);
    const done = await call('/auth/password-reset/confirm', { method: 'POST', body: { token, password: 'clave-recuperada' } });
    expect(done.status).toBe(204);
    expect((await call('/auth/me', { token: me.token })).status).toBe(401);
    expect((await call('/auth/login', { method: 'POST', body: { email: me.email, password: 'clave-recuperada' } })).status).toBe(200);
    const again = await call('/auth/password-reset/confirm', { method: 'POST', body: { token, password: 'otra-clave-mas' } });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toMatch(/no es válido, ya se usó o venció/);

    // An expired link is refused and changes nothing.
    await call('/auth/password-reset', { method: 'POST', body: { email: me.email } });
    const second = await waitForSecondMail(me.email);
    await platform.pool.query(`UPDATE public.password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expect((await call('/auth/password-reset/confirm', { method: 'POST', body: { token: second, password: 'clave-vencida-x' } })).status).toBe(400);
    expect((await call('/auth/login', { method: 'POST', body: { email: me.email, password: 'clave-recuperada' } })).status).toBe(200);
  });
});

async function waitForSecondMail(email: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const tokens = smtp.mails.filter((m) => m.to.some((t) => t.includes(email))).map((m) => /#token=(msr_[A-Za-z0-9_-]+)/.exec(m.text)?.[1]);
    if (tokens.length >= 2) return tokens.at(-1)!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('second reset mail never came');
}

describe('bad input on the accounts routes', () => {
  it('wrong types, huge bodies, unknown fields and non-JSON bodies are 4xx in Spanish, and nothing is written', async () => {
    const before = (await platform.pool.query('SELECT count(*)::int AS n FROM public.users')).rows[0].n;
    const cases: { path: string; body?: unknown; raw?: string; headers?: Record<string, string> }[] = [
      { path: '/auth/register', body: { email: 42, name: ['x'], password: true } },
      { path: '/auth/register', body: { email: 'no-es-correo', name: 'X', password: 'una-clave-larga' } },
      { path: '/auth/register', body: { email: newEmail(), name: 'X', password: 'x'.repeat(10_000) } },
      { path: '/auth/register', body: { email: newEmail(), name: 'X', password: 'una-clave-larga', platformAdmin: true } },
      { path: '/auth/register', raw: JSON.stringify({ email: newEmail(), name: 'y'.repeat(100_000), password: 'una-clave-larga' }) },
      { path: '/auth/register', raw: 'email=a@b.c', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { path: '/auth/register', raw: '{"email": ' },
      { path: '/auth/register', body: { email: `${'\u0000'}a@b.mx`, name: 'X', password: 'una-clave-larga' } },
      { path: '/auth/login', body: { email: [], password: {} } },
      { path: '/auth/password-reset', body: { email: null } },
      { path: '/auth/password-reset/confirm', body: { token: 'msr_inventado-por-alguien', password: 'una-clave-larga' } },
      { path: '/auth/invitations/accept', body: { token: 'msi_inventado-por-alguien', name: 'X', password: 'una-clave-larga' } },
    ];
    for (const c of cases) {
      const res = await call(c.path, { method: 'POST', body: c.body, raw: c.raw, headers: c.headers });
      const label = `${c.path} ${(c.raw ?? JSON.stringify(c.body)).slice(0, 60)}`;
      expect(res.status, `${label} → ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      expect(res.json.error.message, label).toBeTruthy();
    }
    expect((await platform.pool.query('SELECT count(*)::int AS n FROM public.users')).rows[0].n).toBe(before);
  });
});

describe('platform admin', () => {
  it('a user flagged by `npm run user:admin` (the same service) sees every company', async () => {
    const me = await register(call);
    const company = await call('/api/companies', { method: 'POST', token: (await register(call)).token, body: { name: 'Ajena' } });
    expect((await call(`/api/companies/${company.json.company.slug}`, { token: me.token })).status).toBe(404);
    expect((await call('/api/companies', { token: me.token })).status).toBe(403);
    await platform.auth.setPlatformAdmin(me.email, true);
    expect((await call(`/api/companies/${company.json.company.slug}`, { token: me.token })).status).toBe(200);
    expect((await call('/api/companies', { token: me.token })).status).toBe(200);
    expect((await call('/auth/me', { token: me.token })).json.user.platformAdmin).toBe(true);
  });
});
