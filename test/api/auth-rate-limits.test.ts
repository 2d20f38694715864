// Sign-ups limited per IP address and password-reset requests per IP and per email, counted in
// PostgreSQL: over the limit, 429 with a Spanish message and Retry-After, and nothing done (no
// account, no mail). Clients are told apart by X-Forwarded-For behind a trusted proxy (loopback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { apiClient, newEmail } from '../helpers/api-client.ts';
import { startTestPlatform } from '../helpers/platform.ts';
import { startSmtpServer } from '../helpers/smtp-server.ts';

let platform: Platform;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const call = apiClient(() => platform.url);

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startTestPlatform({
    SMTP_URL: smtp.url,
    TRUST_PROXY: 'loopback',
    SIGNUPS_PER_IP_PER_HOUR: '3',
    PASSWORD_RESETS_PER_IP_PER_HOUR: '4',
    PASSWORD_RESETS_PER_EMAIL_PER_HOUR: '2',
  });
});
afterAll(async () => {
  await platform.stop();
  await smtp.close();
});

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const signUp = (ip: string, email = newEmail()) =>
  call('/auth/register', { method: 'POST', headers: from(ip), body: { email, name: 'Ana', password: 'una-clave-larga' } });
const askReset = (ip: string, email: string) => call('/auth/password-reset', { method: 'POST', headers: from(ip), body: { email } });
const accounts = async (email: string) => Number((await platform.pool.query('SELECT count(*) FROM public.users WHERE email = lower($1)', [email])).rows[0].count);

function expectLimited(res: Awaited<ReturnType<typeof call>>, words: string) {
  expect(res.status).toBe(429);
  expect(res.json.error.code).toBe('RATE_LIMITED');
  expect(res.json.error.message).toContain(words);
  const retry = Number(res.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(3600);
}

describe('sign-up rate limit per IP', () => {
  it('the 4th sign-up from one address in an hour gets 429 and creates nothing; another address still signs up', async () => {
    for (let i = 0; i < 3; i++) expect((await signUp('203.0.113.10')).status).toBe(201);
    const email = newEmail('cuarta');
    const refused = await signUp('203.0.113.10', email);
    expectLimited(refused, 'Se crearon demasiadas cuentas desde tu conexión');
    expect(await accounts(email)).toBe(0);
    expect((await signUp('203.0.113.11', email)).status).toBe(201);
    expect(await accounts(email)).toBe(1);
  });
});

describe('password-reset rate limits', () => {
  it('per email: the 3rd request for one address is refused and mails nothing, whether or not the account exists', async () => {
    const email = newEmail('reset');
    expect((await signUp('203.0.113.20', email)).status).toBe(201);
    const mailsBefore = smtp.mails.length;
    expect((await askReset('198.51.100.1', email)).status).toBe(202);
    expect((await askReset('198.51.100.2', email)).status).toBe(202);
    expectLimited(await askReset('198.51.100.3', email), 'Ya pediste varios enlaces');
    // Two mails, not three.
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.length - mailsBefore).toBe(2);
    // An address without an account behaves the same: the 429 tells nothing about accounts.
    const nobody = newEmail('nadie');
    expect((await askReset('198.51.100.4', nobody)).status).toBe(202);
    expect((await askReset('198.51.100.5', nobody)).status).toBe(202);
    expectLimited(await askReset('198.51.100.6', nobody), 'Ya pediste varios enlaces');
  });

  it('per IP: the 5th request from one address is refused, whatever the email', async () => {
    for (let i = 0; i < 4; i++) expect((await askReset('192.0.2.50', newEmail())).status).toBe(202);
    expectLimited(await askReset('192.0.2.50', newEmail()), 'Ya pediste varios enlaces');
    expect((await askReset('192.0.2.51', newEmail())).status).toBe(202);
  });
});
