// Two companies, A and B, each with an owner, a staff member and an API key — all made through
// the real API (registration, invitations accepted by link) — for cross-company and cross-role
// probes: B's people and key must get 404 for anything of A, A's staff 403 on owner-only routes.
import { afterAll, beforeAll } from 'vitest';
import type { Platform } from '../../src/composition.ts';
import { apiClient, register, type Call, type SignedIn } from '../helpers/api-client.ts';
import { ADMIN_TOKEN, createTestCompany, startTestPlatform, type TestCompany } from '../helpers/platform.ts';

export type Member = SignedIn & { role: 'owner' | 'staff' };
export type HarnessCompany = TestCompany & { owner: Member; staff: Member };
export type Caller = { label: string; token: string };

async function joinAs(call: Call, slug: string, role: 'owner' | 'staff', label: string): Promise<Member> {
  const person = await register(call, { name: `${label} ${role}` });
  const invited = await call(`/api/companies/${slug}/invitations`, { method: 'POST', token: ADMIN_TOKEN, body: { email: person.email, role } });
  if (invited.status !== 201) throw new Error(`invitation answered ${invited.status}: ${invited.text}`);
  const accepted = await call('/auth/invitations/accept', { method: 'POST', token: person.token, body: { token: invited.json.token } });
  if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}: ${accepted.text}`);
  return { ...person, role };
}

/** Companies A and B (Premium, a Meta number each, products if given) with their people. */
export async function createIsolationHarness(platform: Platform, opts: Parameters<typeof createTestCompany>[1] = {}) {
  const call = apiClient(() => platform.url);
  const make = async (label: string): Promise<HarnessCompany> => {
    const company = await createTestCompany(platform, opts);
    return { ...company, owner: await joinAs(call, company.slug, 'owner', label), staff: await joinAs(call, company.slug, 'staff', label) };
  };
  const a = await make('A');
  const b = await make('B');
  return {
    call,
    a,
    b,
    /** Everyone of B: each must see A's rows exactly as rows that do not exist (404). */
    outsiders: (): Caller[] => [
      { label: "B's owner", token: b.owner.token },
      { label: "B's staff", token: b.staff.token },
      { label: "B's API key", token: b.apiKey },
    ],
    /** Everyone of A who may read A's data. */
    insiders: (): Caller[] => [
      { label: "A's owner", token: a.owner.token },
      { label: "A's staff", token: a.staff.token },
      { label: "A's API key", token: a.apiKey },
    ],
  };
}

export type IsolationHarness = Awaited<ReturnType<typeof createIsolationHarness>>;

/**
 * A test file's platform (with `env`) and harness (companies made with `companies`): started
 * before its tests, handed to `set`, and stopped after them. Further set-up goes in a
 * `beforeAll` of the file's own, registered after this call (hooks run in order).
 */
export function withIsolatedPlatform(
  set: (platform: Platform, harness: IsolationHarness) => void,
  o: { env?: Record<string, string>; companies?: Parameters<typeof createTestCompany>[1] } = {},
): void {
  let platform: Platform | undefined;
  beforeAll(async () => {
    platform = await startTestPlatform(o.env);
    set(platform, await createIsolationHarness(platform, o.companies));
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
  });
}
