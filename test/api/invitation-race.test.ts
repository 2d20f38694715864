// One invitation link accepted twice at the same instant (a double tap, two tabs, a retried
// request): exactly one membership and at most one account; the other request gets the same
// clean 404 as a used link, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { apiClient, newEmail, register } from '../helpers/api-client.ts';
import { startTestPlatform } from '../helpers/platform.ts';

let platform: Platform;
const call = apiClient(() => platform.url);

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.stop();
});

async function invite(email: string, plan = 'premium') {
  const owner = await register(call, { name: 'Dueña' });
  const res = await call('/api/companies', { method: 'POST', token: owner.token, body: { name: `Negocio ${email.slice(0, 12)}` } });
  expect(res.status).toBe(201);
  const companyId = res.json.company.id as string;
  // Seats are not what this test is about.
  await platform.pool.query('UPDATE public.companies SET plan_code = $1 WHERE id = $2', [plan, companyId]);
  const invited = await call(`/api/companies/${res.json.company.slug}/invitations`, { method: 'POST', token: owner.token, body: { email } });
  expect(invited.status).toBe(201);
  return { companyId, token: invited.json.token as string };
}

const rows = async (sql: string, args: unknown[]) => (await platform.pool.query(sql, args)).rows;

describe('accepting one invitation twice at once', () => {
  it('creating the account: one membership, one account, the other answer a 404', async () => {
    for (let round = 0; round < 3; round++) {
      const email = newEmail('doble');
      const { companyId, token } = await invite(email);
      const accept = () => call('/auth/invitations/accept', { method: 'POST', body: { token, name: 'Mesera', password: 'clave-de-la-mesera' } });
      const answers = await Promise.all([accept(), accept(), accept()]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 200), JSON.stringify(answers.map((a) => a.json))).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 404 || s === 409), JSON.stringify(answers.map((a) => a.json))).toBe(true);
      const users = await rows('SELECT id FROM public.users WHERE email = $1', [email]);
      expect(users).toHaveLength(1);
      const members = await rows('SELECT user_id, role FROM public.memberships WHERE company_id = $1 AND role = $2', [companyId, 'staff']);
      expect(members).toEqual([{ user_id: users[0].id, role: 'staff' }]);
    }
  }, 120_000);

  it('signed in: the same user tapping twice gets one membership', async () => {
    for (let round = 0; round < 3; round++) {
      const person = await register(call);
      const { companyId, token } = await invite(person.email);
      const accept = () => call('/auth/invitations/accept', { method: 'POST', token: person.token, body: { token } });
      const answers = await Promise.all([accept(), accept(), accept()]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 404, 404]);
      const members = await rows('SELECT user_id FROM public.memberships WHERE company_id = $1 AND user_id = $2', [companyId, person.userId]);
      expect(members).toHaveLength(1);
    }
  }, 120_000);
});
