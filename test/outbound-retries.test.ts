import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import type { Platform } from '../src/composition.ts';

// The platform sends through a flaky Graph API peer: a local server in front of the emulator
// that answers the next sends the way Meta does when it is throttling (429 + 130429), failing
// (500), unreachable (connection reset) or too slow (no answer), and otherwise forwards.

type Fault = '429' | '500' | 'reset' | 'hang' | 'undeliverable' | 'slow';
const plan: Fault[] = [];
const seen: string[] = [];
let target = '';
// While set, every send answers 500 (Meta down), whatever the plan says.
let outageUntil = 0;

const metaError = (code: number, message: string) => JSON.stringify({ error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } });

const peer = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    // Replies only: read receipts go to the same endpoint and are passed through untouched.
    const isSend = req.method === 'POST' && req.url?.endsWith('/messages') && !body.toString().includes('"status":"read"');
    const fault = isSend ? (Date.now() < outageUntil ? '500' : plan.shift()) : undefined;
    if (isSend) seen.push(fault ?? 'pass');
    if (fault === '429') return void res.writeHead(429, { 'content-type': 'application/json' }).end(metaError(130429, '(#130429) Rate limit hit'));
    if (fault === '500') return void res.writeHead(500, { 'content-type': 'application/json' }).end(metaError(131000, 'Something went wrong'));
    if (fault === 'undeliverable') return void res.writeHead(400, { 'content-type': 'application/json' }).end(metaError(131026, 'Message undeliverable'));
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'hang') return; // never answers; the sender gives up after its timeout
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
      // slow: Meta accepts the message (and will send its statuses) but answers after our timeout.
      const answer = () => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      };
      if (fault === 'slow') setTimeout(answer, 1500);
      else answer();
    });
    upstream.end(body);
  });
});

let platform: Platform;
let shop: TestCompany;
const repliesTo = (waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);

beforeAll(async () => {
  await new Promise<void>((r) => peer.listen(0, '127.0.0.1', r));
  const port = (peer.address() as AddressInfo).port;
  platform = await startTestPlatform({
    WHATSAPP_GRAPH_URL: `http://127.0.0.1:${port}/_emulator/graph`,
    WHATSAPP_SEND_TIMEOUT_MS: '400',
    WHATSAPP_SEND_MAX_ATTEMPTS: '5',
    // A send that timed out waits this long for a status before it is sent again.
    OUTBOUND_UNKNOWN_GRACE_SECONDS: '1',
  });
  target = platform.url;
  shop = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
  peer.closeAllConnections();
  await new Promise((r) => peer.close(r));
});

async function replyRow(waId: string) {
  return waitFor(async () => {
    const rows = await shop.db.message.findMany({ where: { direction: 'outbound', recipient: waId } });
    return rows.length > 0 && rows.every((r) => !['pending', 'sending', 'retry', 'unknown'].includes(r.status)) ? rows : undefined;
  }, 15_000, 'reply settled');
}

describe('sending through a Graph API that throttles, fails and times out', () => {
  it('retries with backoff on 429, 5xx, a dropped connection and a timeout, and the customer gets the reply once', async () => {
    plan.push('429', '500', 'reset', 'hang');
    seen.length = 0;
    const c = customer(platform, shop);
    await c.send('hola');
    const [row] = await replyRow(c.waId);
    expect(seen).toEqual(['429', '500', 'reset', 'hang', 'pass']);
    expect(repliesTo(c.waId)).toHaveLength(1);
    // The emulator's status webhooks may already have raised it past accepted.
    expect(['accepted', 'sent', 'delivered', 'read']).toContain(row!.status);
    expect(row!.providerMessageId).toBe(repliesTo(c.waId)[0]!.wamid);
  }, 30_000);

  it('keeps a reply through an outage longer than its quick retries and sends it once Meta is back, before later replies', async () => {
    seen.length = 0;
    const c = customer(platform, shop);
    // Meta down until the test says otherwise: longer than any in-process retrying.
    outageUntil = Number.POSITIVE_INFINITY;
    await c.send('hola');
    // The reply waits in the message log, not failed.
    const waiting = await waitFor(async () => {
      const rows = await shop.db.message.findMany({ where: { direction: 'outbound', recipient: c.waId } });
      return rows.find((r) => r.status === 'retry');
    }, 10_000, 'reply waiting to be retried');
    expect(waiting.nextAttemptAt).toBeInstanceOf(Date);
    // A later message of the same customer during the outage: its reply must not overtake.
    await c.send('1');
    await waitFor(async () => {
      const { rows } = await platform.pool.query(`SELECT 1 FROM public.inbox_events WHERE wa_id = $1 AND state = 'pending'`, [c.waId]);
      return rows.length === 0;
    }, 10_000, 'second message handled, its reply held back');
    outageUntil = 0;
    const rows = await waitFor(async () => {
      const all = await shop.db.message.findMany({ where: { direction: 'outbound', recipient: c.waId }, orderBy: { id: 'asc' } });
      return all.length >= 2 && all.every((r) => ['accepted', 'sent', 'delivered', 'read'].includes(r.status)) ? all : undefined;
    }, 30_000, 'both replies sent after the outage');
    const received = repliesTo(c.waId);
    expect(received.map((m) => m.wamid)).toEqual(rows.map((r) => r.providerMessageId));
    expect(seen.filter((s) => s === '500').length).toBeGreaterThan(1);
  }, 45_000);

  it('never sends twice a reply that Meta accepted but answered after the timeout: its status settles it', async () => {
    plan.push('slow');
    seen.length = 0;
    const c = customer(platform, shop);
    await c.send('hola');
    const [row] = await replyRow(c.waId);
    // Settled by the status webhook that echoed its row id, not by sending it again.
    expect(['sent', 'delivered', 'read']).toContain(row!.status);
    expect(seen).toEqual(['slow']);
    expect(repliesTo(c.waId)).toHaveLength(1);
    expect(row!.providerMessageId).toBe(repliesTo(c.waId)[0]!.wamid);
  }, 30_000);

  it('does not retry what retrying cannot fix, and records a readable cause', async () => {
    plan.push('undeliverable');
    seen.length = 0;
    const c = customer(platform, shop);
    await c.send('hola');
    const [row] = await replyRow(c.waId);
    expect(seen).toEqual(['undeliverable']);
    expect(repliesTo(c.waId)).toHaveLength(0);
    expect(row!.status).toBe('failed');
    expect(row!.errorCode).toBe(131026);
    expect(row!.errorTitle).toMatch(/cannot receive WhatsApp messages/);
  }, 30_000);
});
