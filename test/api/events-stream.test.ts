// The company's live event stream (SSE) over real HTTP: events from the engine's turns (worker)
// reach connected staff through PostgreSQL NOTIFY; only the company's members may listen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';

let platform: Platform;
let a: TestCompany;
let b: TestCompany;

type SseEvent = { id?: string; event: string; data: Record<string, unknown> };

/** A minimal SSE client over fetch: the frames received so far, and a way to hang up. */
async function listen(company: TestCompany, token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(`${platform.url}/api/companies/${company.slug}/events`, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  if (res.status === 200 && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = Object.fromEntries(frame.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
            if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? '{}') as Record<string, unknown> });
          }
        }
      } catch {
        /* aborted */
      }
    })();
  }
  const ready = () => waitFor(async () => events.some((e) => e.event === 'ready'), 10_000, 'stream ready');
  return { res, events, ready, close: () => controller.abort() };
}

beforeAll(async () => {
  platform = await startTestPlatform();
  a = await createTestCompany(platform);
  b = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

describe('live event stream', () => {
  it('staff receive a new customer message, the bot’s replies and their statuses, and a handoff as they happen', async () => {
    const stream = await listen(a, a.apiKey);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.ready();
    const c = customer(platform, a);
    await c.send('hola');
    const inbound = await waitFor(async () => stream.events.find((e) => e.event === 'message.new' && e.data.direction === 'inbound'), 15_000, 'message.new');
    expect(inbound.data).toMatchObject({ type: 'message.new', customerId: expect.any(String) });
    expect(inbound.id).toEqual(expect.any(String));
    await waitFor(async () => stream.events.find((e) => e.event === 'message.new' && e.data.direction === 'outbound'), 15_000, 'bot reply');
    await waitFor(async () => stream.events.find((e) => e.event === 'message.status' && e.data.status === 'delivered'), 15_000, 'status');
    await c.send('asesor');
    const handoff = await waitFor(async () => stream.events.find((e) => e.event === 'handoff'), 15_000, 'handoff');
    expect(handoff.data).toMatchObject({ customerId: inbound.data.customerId, active: true });
    // Only ids: never what the customer wrote.
    expect(JSON.stringify(stream.events)).not.toContain('hola');
    stream.close();
  });

  it('a client reconnecting with Last-Event-ID gets what it missed; an unknown id is told to resync', async () => {
    const first = await listen(a, a.apiKey);
    await first.ready();
    const c = customer(platform, a);
    await c.send('hola');
    const seen = await waitFor(async () => first.events.find((e) => e.event === 'message.new'), 15_000, 'first event');
    await waitFor(async () => first.events.filter((e) => e.event.startsWith('message.')).length >= 3, 15_000, 'more events');
    first.close();
    const after = first.events.filter((e) => e.id && e.id !== seen.id && first.events.indexOf(e) > first.events.indexOf(seen)).map((e) => e.id);

    expect(after.length).toBeGreaterThan(0);
    const again = await listen(a, a.apiKey, { 'last-event-id': seen.id! });
    await again.ready();
    const replayed = again.events.filter((e) => e.id).map((e) => e.id);
    expect(replayed.slice(0, after.length)).toEqual(after);
    again.close();

    const lost = await listen(a, a.apiKey, { 'last-event-id': 'nunca-existio' });
    await lost.ready();
    // Later events of earlier conversations may follow; first comes the request to reload.
    expect(lost.events.map((e) => e.event).slice(0, 2)).toEqual(['resync', 'ready']);
    lost.close();
  });

  it('only the company’s members may listen: another company’s key gets 404, no credentials 401, and a closed stream leaves nothing subscribed', async () => {
    expect((await listen(a, b.apiKey)).res.status).toBe(404);
    expect((await fetch(`${platform.url}/api/companies/${a.slug}/events`)).status).toBe(401);
    expect((await listen(a, 'mst_not-a-real-key')).res.status).toBe(401);

    const mine = await listen(b, b.apiKey);
    await mine.ready();
    const theirs = await listen(a, a.apiKey);
    await theirs.ready();
    const c = customer(platform, a);
    await c.send('hola');
    await waitFor(async () => theirs.events.some((e) => e.event === 'message.new'), 15_000, 'A event');
    await new Promise((r) => setTimeout(r, 300));
    expect(mine.events.filter((e) => e.event !== 'ready')).toEqual([]);
    mine.close();
    theirs.close();
    await waitFor(async () => platform.hub.stats().subscribers === 0, 15_000, 'unsubscribed on disconnect');
  });

  it('bad input: an over-long lastEventId or unknown query parameter is a 400', async () => {
    const ok = await listen(a, a.apiKey, {});
    expect(ok.res.status).toBe(200);
    ok.close();
    const long = await fetch(`${platform.url}/api/companies/${a.slug}/events?lastEventId=${'x'.repeat(100)}`, { headers: { authorization: `Bearer ${a.apiKey}` } });
    expect(long.status).toBe(400);
    const unknown = await fetch(`${platform.url}/api/companies/${a.slug}/events?canal=todos`, { headers: { authorization: `Bearer ${a.apiKey}` } });
    expect(unknown.status).toBe(400);
  });
});
