import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { inboundForm, newMessageSid, postTwilio, statusForm, twilioSign } from '../helpers/twilio-client.ts';
import type { Platform } from '../../src/composition.ts';

// Twilio's side of the platform, end to end, behind a public URL that is not the address the
// server listens on (a proxy's place): signatures are checked over PUBLIC_URL, never the Host
// header; messages and status callbacks are stored through the same inbox with the same rules.

const PUBLIC = 'https://mostrador.example.com';
let platform: Platform;
let shop: TestCompany;

beforeAll(async () => {
  platform = await startTestPlatform({
    PUBLIC_URL: PUBLIC,
    WHATSAPP_SEND_TIMEOUT_MS: '600',
    WHATSAPP_SEND_MAX_ATTEMPTS: '3',
    OUTBOUND_UNKNOWN_GRACE_SECONDS: '2',
  });
  shop = await createTestCompany(platform, { provider: 'twilio', products: [{ name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 10 }] });
});
afterAll(async () => {
  await platform.stop();
});

const path = () => `/webhook/twilio/${shop.channelId}`;
const sent = (waId: string) => platform.twilioEmulator!.store.listMessages({ from: shop.phoneNumberId, to: waId });
const inboxCount = async (id: string) => Number((await platform.pool.query('SELECT count(*) FROM inbox_events WHERE provider_message_id = $1', [id])).rows[0].count);
let n = 0;
const newWaId = () => `5215598${String(process.pid % 1000).padStart(3, '0')}${String(++n).padStart(3, '0')}`;
const message = (waId: string, text = 'hola') => inboundForm({ accountSid: shop.twilio!.accountSid, sender: shop.phoneNumberId, waId, name: 'Ana', message: { type: 'text', text } });

async function replyRow(waId: string) {
  return waitFor(async () => (await shop.db.message.findMany({ where: { direction: 'outbound', recipient: waId }, orderBy: { id: 'asc' } }))[0], 10_000, 'reply row');
}

describe('POST /webhook/twilio/<channel id>', () => {
  it('accepts a post signed over the PUBLIC_URL and answers empty TwiML, with the message already stored', async () => {
    const { sid, params } = message(newWaId());
    const res = await postTwilio(platform.url, path(), shop.twilio!.authToken, params, { publicBase: PUBLIC });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/xml/);
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await inboxCount(sid)).toBe(1);
  });

  it('refuses a post signed over the address it reached (what the Host header says), or with another token, or none', async () => {
    const { sid, params } = message(newWaId());
    // Signed over the local URL the request really hit: not the public one Twilio signs.
    expect((await postTwilio(platform.url, path(), shop.twilio!.authToken, params)).status).toBe(403);
    expect((await postTwilio(platform.url, path(), 'another-auth-token-0000000000000', params, { publicBase: PUBLIC })).status).toBe(403);
    expect((await postTwilio(platform.url, path(), shop.twilio!.authToken, params, { publicBase: PUBLIC, signature: null })).status).toBe(403);
    // A Host header claiming the public host over plain HTTP changes nothing: the URL comes from configuration.
    const spoofed = await new Promise<number>((resolve, reject) => {
      const body = new URLSearchParams(params).toString();
      const url = new URL(`${platform.url}${path()}`);
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: {
        host: 'mostrador.example.com', 'x-forwarded-proto': 'http', 'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSign(shop.twilio!.authToken, `http://mostrador.example.com${path()}`, params),
      } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(spoofed).toBe(403);
    expect(await inboxCount(sid)).toBe(0);
  });

  it('a redelivery is stored once and answered once; a status arriving at the message URL is taken as a status', async () => {
    const waId = newWaId();
    const { sid, params } = message(waId);
    const results = await Promise.all([1, 2, 3].map(() => postTwilio(platform.url, path(), shop.twilio!.authToken, params, { publicBase: PUBLIC })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await inboxCount(sid)).toBe(1);
    await waitFor(async () => sent(waId).length >= 1, 10_000, 'reply');
    await new Promise((r) => setTimeout(r, 400));
    expect(sent(waId)).toHaveLength(1);
  });

  it('an unknown channel, or a Meta channel, is 404; a post of another Twilio account is refused', async () => {
    const { params } = message(newWaId());
    expect((await postTwilio(platform.url, '/webhook/twilio/00000000-0000-4000-8000-000000000000', shop.twilio!.authToken, params, { publicBase: PUBLIC })).status).toBe(404);
    expect((await postTwilio(platform.url, '/webhook/twilio/not-a-uuid', shop.twilio!.authToken, params, { publicBase: PUBLIC })).status).toBe(404);
    const meta = await createTestCompany(platform);
    expect((await postTwilio(platform.url, `/webhook/twilio/${meta.channelId}`, shop.twilio!.authToken, params, { publicBase: PUBLIC })).status).toBe(404);
    const other = inboundForm({ accountSid: `AC${'1'.repeat(32)}`, sender: shop.phoneNumberId, waId: newWaId(), message: { type: 'text', text: 'hola' } });
    expect((await postTwilio(platform.url, path(), shop.twilio!.authToken, other.params, { publicBase: PUBLIC })).status).toBe(403);
    expect(await inboxCount(other.sid)).toBe(0);
  });

  it('hostile text is cleaned and answered; a malformed MessageSid is set aside with its reason, never a 5xx', async () => {
    const waId = newWaId();
    const good = message(waId, 'me\u0000nu \ud800');
    expect((await postTwilio(platform.url, path(), shop.twilio!.authToken, good.params, { publicBase: PUBLIC })).status).toBe(200);
    await waitFor(async () => sent(waId).length >= 1, 10_000, 'reply');
    expect((await shop.db.message.findFirstOrThrow({ where: { providerMessageId: good.sid } })).body).toBe('menu \ufffd');
    const bad = message(newWaId());
    const params = bad.params.map(([k, v]) => [k, k === 'MessageSid' || k === 'SmsSid' || k === 'SmsMessageSid' ? 'SMnot-a-sid' : v] as [string, string]);
    expect((await postTwilio(platform.url, path(), shop.twilio!.authToken, params, { publicBase: PUBLIC })).status).toBe(200);
    const { rows } = await platform.pool.query(`SELECT provider, kind, reason FROM webhook_rejects WHERE company_id = $1`, [shop.id]);
    expect(rows).toEqual([{ provider: 'twilio', kind: 'message', reason: expect.stringMatching(/^MessageSid/) }]);
  });
});

describe('status callbacks', () => {
  it('the emulator’s callbacks (signed over the public URL, naming the row) take the reply to read', async () => {
    const waId = newWaId();
    await postTwilio(platform.url, path(), shop.twilio!.authToken, message(waId).params, { publicBase: PUBLIC });
    const reply = await waitFor(async () => sent(waId)[0], 10_000, 'reply');
    expect(reply.statusCallback).toMatch(new RegExp(`^${PUBLIC}/webhook/twilio/${shop.channelId}/status\\?ref=\\d+$`));
    const row = await waitFor(async () => {
      const r = await shop.db.message.findUnique({ where: { providerMessageId: reply.sid } });
      return r?.status === 'read' ? r : undefined;
    }, 10_000, 'read');
    expect(row.deliveredAt).not.toBeNull();
    expect(reply.statuses.map((s) => [s.status, s.callback])).toEqual([['sent', 200], ['delivered', 200], ['read', 200]]);
  });

  it('never downgrade: a late "delivered" or "sent" after "read" leaves it read', async () => {
    const waId = newWaId();
    await postTwilio(platform.url, path(), shop.twilio!.authToken, message(waId).params, { publicBase: PUBLIC });
    const reply = await waitFor(async () => sent(waId)[0], 10_000, 'reply');
    const row = await replyRow(waId);
    const post = (status: string) => postTwilio(platform.url, `${path()}/status?ref=${row.id}`, shop.twilio!.authToken,
      statusForm({ accountSid: shop.twilio!.accountSid, sender: shop.phoneNumberId, waId, sid: reply.sid, status }), { publicBase: PUBLIC });
    expect((await post('read')).status).toBe(200);
    await waitFor(async () => (await shop.db.message.findUnique({ where: { id: row.id } }))?.status === 'read', 10_000, 'read');
    await post('delivered');
    await post('sent');
    await post('queued');
    await new Promise((r) => setTimeout(r, 700));
    const after = await shop.db.message.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe('read');
    expect(after.readAt).not.toBeNull();
  });

  it('failed with 63016 (outside the 24 h window): the reply is failed with a readable cause, and the shop alerted', async () => {
    const waId = newWaId();
    await postTwilio(platform.url, path(), shop.twilio!.authToken, message(waId).params, { publicBase: PUBLIC });
    const reply = await waitFor(async () => sent(waId)[0], 10_000, 'reply');
    const row = await replyRow(waId);
    // A status callback for another message of ours, failed: the row is found by its SID.
    await waitFor(async () => (await shop.db.message.findUnique({ where: { id: row.id } }))?.status === 'read', 10_000, 'settled first');
    const second = newMessageSid();
    const extra = await shop.db.message.create({ data: { customerId: row.customerId, direction: 'outbound', recipient: waId, type: 'text', body: 'x', payload: { kind: 'text', body: 'x' }, status: 'accepted', statusRank: 2, providerMessageId: second, inboxId: null, seq: 0 } });
    const res = await postTwilio(platform.url, `${path()}/status`, shop.twilio!.authToken,
      statusForm({ accountSid: shop.twilio!.accountSid, sender: shop.phoneNumberId, waId, sid: second, status: 'undelivered', errorCode: 63016 }), { publicBase: PUBLIC });
    expect(res.status).toBe(200);
    const failed = await waitFor(async () => {
      const m = await shop.db.message.findUnique({ where: { id: extra.id } });
      return m?.status === 'failed' ? m : undefined;
    }, 10_000, 'failed');
    expect(failed.errorCode).toBe(63016);
    expect(failed.errorTitle).toMatch(/24 hours.*templates/);
    await waitFor(async () => (await platform.pool.query(`SELECT 1 FROM alerts WHERE kind = 'send_failures' AND company_id = $1 AND message LIKE '%24 hours%'`, [shop.id])).rowCount! > 0, 5000, 'alert');
    expect(reply.sid).not.toBe(second);
  });

  it('a send Twilio accepted but never answered (timeout) is settled by its status callback, not sent twice', async () => {
    const waId = newWaId();
    await fetch(`${platform.url}/_emulator/twilio/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: shop.phoneNumberId, mode: 'stall', accept: true, delay_ms: 2000, count: 1 }) });
    await postTwilio(platform.url, path(), shop.twilio!.authToken, message(waId).params, { publicBase: PUBLIC });
    const row = await waitFor(async () => {
      const r = await shop.db.message.findFirst({ where: { direction: 'outbound', recipient: waId } });
      return r && ['sent', 'delivered', 'read'].includes(r.status) ? r : undefined;
    }, 15_000, 'settled by its status');
    await new Promise((r) => setTimeout(r, 3000));
    expect(sent(waId)).toHaveLength(1);
    const after = await shop.db.message.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.providerMessageId).toBe(sent(waId)[0]!.sid);
    expect(['sent', 'delivered', 'read']).toContain(after.status);
  });

  it('Twilio errors on send: 429 is retried and the reply sent once; 21211 fails at once with its cause', async () => {
    const retried = newWaId();
    await fetch(`${platform.url}/_emulator/twilio/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: shop.phoneNumberId, mode: 'error', errors: ['429:20429', '503'], count: 2 }) });
    await postTwilio(platform.url, path(), shop.twilio!.authToken, message(retried).params, { publicBase: PUBLIC });
    await waitFor(async () => sent(retried).length >= 1, 15_000, 'reply after retries');
    await new Promise((r) => setTimeout(r, 300));
    expect(sent(retried)).toHaveLength(1);

    const refused = newWaId();
    await fetch(`${platform.url}/_emulator/twilio/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: shop.phoneNumberId, mode: 'error', errors: ['400:21211'], count: 1 }) });
    await postTwilio(platform.url, path(), shop.twilio!.authToken, message(refused).params, { publicBase: PUBLIC });
    const row = await waitFor(async () => {
      const r = await shop.db.message.findFirst({ where: { direction: 'outbound', recipient: refused } });
      return r?.status === 'failed' ? r : undefined;
    }, 10_000, 'failed');
    expect(row.errorCode).toBe(21211);
    expect(row.errorTitle).toMatch(/invalid 'To' number/);
    expect(sent(refused)).toHaveLength(0);
  });
});
