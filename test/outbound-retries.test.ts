import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import type { Platform } from '../src/composition.ts';

// The platform sends through a flaky Graph API peer: a local server in front of the emulator
// that answers the next sends the way Meta does when it is throttling (429 + 130429), failing
// (500), unreachable (connection reset) or too slow (no answer), and otherwise forwards.

type Fault = '429' | '500' | 'reset' | 'hang' | 'undeliverable';
const plan: Fault[] = [];
const seen: string[] = [];
let target = '';

const metaError = (code: number, message: string) => JSON.stringify({ error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } });

const peer = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    // Replies only: read receipts go to the same endpoint and are passed through untouched.
    const isSend = req.method === 'POST' && req.url?.endsWith('/messages') && !body.toString().includes('"status":"read"');
    const fault = isSend ? plan.shift() : undefined;
    if (isSend) seen.push(fault ?? 'pass');
    if (fault === '429') return void res.writeHead(429, { 'content-type': 'application/json' }).end(metaError(130429, '(#130429) Rate limit hit'));
    if (fault === '500') return void res.writeHead(500, { 'content-type': 'application/json' }).end(metaError(131000, 'Something went wrong'));
    if (fault === 'undeliverable') return void res.writeHead(400, { 'content-type': 'application/json' }).end(metaError(131026, 'Message undeliverable'));
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'hang') return; // never answers; the sender gives up after its timeout
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
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
    return rows.length > 0 && rows.every((r) => r.status !== 'pending' && r.status !== 'sending') ? rows : undefined;
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
    expect(row!.status).toBe('accepted');
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
