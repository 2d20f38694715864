// Live-event streams are limited per company and per user (or API key) in a process: beyond,
// 429 RATE_LIMITED with a Spanish message and Retry-After, before any stream opens; a stream that
// closes frees its place; other companies are not affected.
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPlatform, waitFor } from '../helpers/platform.ts';
import { withIsolatedPlatform, type HarnessCompany, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
}, { env: { SSE_MAX_STREAMS_PER_COMPANY: '3', SSE_MAX_STREAMS_PER_USER: '2' } });

const opened: AbortController[] = [];
afterAll(() => opened.forEach((c) => c.abort()));

/** Opens a stream; for a 200 it stays open (read in the background) until closed. */
async function open(company: HarnessCompany, token: string) {
  const controller = new AbortController();
  opened.push(controller);
  const res = await fetch(`${platform.url}/api/companies/${company.slug}/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (res.status === 200 && res.body) {
    const reader = res.body.getReader();
    void (async () => {
      try {
        while (!(await reader.read()).done);
      } catch {
        /* closed */
      }
    })();
    return { status: 200, json: null as Record<string, any> | null, retryAfter: null as string | null, close: () => controller.abort() };
  }
  return { status: res.status, json: (await res.json()) as Record<string, any>, retryAfter: res.headers.get('retry-after'), close: () => controller.abort() };
}

describe('live-event stream limits', () => {
  it('per user, then per company; a closed stream frees its place; another company is not affected', async () => {
    const first = await open(h.a, h.a.owner.token);
    const second = await open(h.a, h.a.owner.token);
    expect([first.status, second.status]).toEqual([200, 200]);

    const third = await open(h.a, h.a.owner.token);
    expect(third.status).toBe(429);
    expect(third.json!.error.code).toBe('RATE_LIMITED');
    expect(third.json!.error.message).toContain('Ya tienes 2 pantallas conectadas');
    expect(third.retryAfter).toBe('30');

    expect((await open(h.a, h.a.staff.token)).status).toBe(200);
    const full = await open(h.a, h.a.apiKey);
    expect(full.status).toBe(429);
    expect(full.json!.error.message).toContain('Esta empresa ya tiene 3 pantallas conectadas');
    expect(full.json!.error.details).toMatchObject({ scope: 'company', limit: 3 });

    // Company B has its own places.
    expect((await open(h.b, h.b.owner.token)).status).toBe(200);

    // The owner closes a tab: the server notices the socket close and the place is free again.
    first.close();
    const again = await waitFor(async () => {
      const r = await open(h.a, h.a.owner.token);
      return r.status === 200 ? r : undefined;
    }, 10_000, 'a freed place');
    expect(again.status).toBe(200);
  });
});
