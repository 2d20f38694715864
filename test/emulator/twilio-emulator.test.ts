import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTwilioEmulator, type TwilioEmulatorOptions } from '../../src/emulator/twilio-emulator.ts';
import { twilioSign } from '../helpers/twilio-client.ts';

// The Twilio emulator as a peer: Twilio's REST API with Basic auth, its validation and error
// bodies, and signed form posts (customer messages, status callbacks) checked here with the test
// peer's own signature code.

const ACCOUNT = `AC${'a1'.repeat(16)}`;
const TOKEN = 'emulator-auth-token-0123456789ab';
const SENDER = '+15550001234';
const CUSTOMER = '5215512345678';

type Post = { path: string; params: [string, string][]; signature: string | undefined; contentType: string | undefined };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function setup(options: Partial<TwilioEmulatorOptions> = {}) {
  const posts: Post[] = [];
  const receiver = express();
  receiver.post('/*rest', express.raw({ type: () => true }), (req, res) => {
    posts.push({ path: req.originalUrl, params: [...new URLSearchParams(req.body.toString())], signature: req.get('x-twilio-signature'), contentType: req.get('content-type') });
    res.type('text/xml').send('<Response/>');
  });
  const hook = await listen(receiver);
  const emulator = createTwilioEmulator({ logger: pino({ level: 'silent' }), statusDelayMs: 5, ...options });
  cleanups.push(() => emulator.close());
  const app = express();
  app.use('/twilio', emulator.router);
  const api = await listen(app);
  emulator.registerSender({ number: SENDER, accountSid: ACCOUNT, authToken: TOKEN, webhookUrl: `${hook.url}/webhook/twilio/canal` });
  const basic = (user = ACCOUNT, password = TOKEN) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const send = async (fields: [string, string][], auth = basic()) => {
    const res = await fetch(`${api.url}/twilio/2010-04-01/Accounts/${ACCOUNT}/Messages.json`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { emulator, api: api.url, hook: hook.url, posts, send, basic };
}

const valid = (extra: [string, string][] = []): [string, string][] => [['To', `whatsapp:+${CUSTOMER}`], ['From', `whatsapp:${SENDER}`], ['Body', 'Hola 👋'], ...extra];
const waitUntil = async (f: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!f()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Twilio emulator: Messages API', () => {
  it('accepts a valid send with 201 and Twilio’s Message resource', async () => {
    const { send } = await setup();
    const res = await send(valid());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), account_sid: ACCOUNT, to: `whatsapp:+${CUSTOMER}`, from: `whatsapp:${SENDER}`,
      body: 'Hola 👋', status: 'queued', num_media: '0', num_segments: '1', direction: 'outbound-api', api_version: '2010-04-01', error_code: null,
      date_created: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
    });
    const media = await send(valid([['MediaUrl', 'https://img.example.com/a.jpg']]));
    expect(media.json).toMatchObject({ sid: expect.stringMatching(/^MM/), num_media: '1' });
  });

  it('refuses wrong credentials with 401 / 20003, and each invalid field with Twilio’s code', async () => {
    const { send, basic } = await setup();
    expect(await send(valid(), basic(ACCOUNT, 'wrong-token'))).toMatchObject({ status: 401, json: { code: 20003, status: 401, more_info: 'https://www.twilio.com/docs/errors/20003' } });
    expect(await send(valid(), 'Bearer x')).toMatchObject({ status: 401, json: { code: 20003 } });
    const cases: [[string, string][], number][] = [
      [[['From', `whatsapp:${SENDER}`], ['Body', 'x']], 21604],
      [[['To', '+5215512345678'], ['From', `whatsapp:${SENDER}`], ['Body', 'x']], 21211],
      [[['To', `whatsapp:+${CUSTOMER}`], ['Body', 'x']], 21603],
      [[['To', `whatsapp:+${CUSTOMER}`], ['From', 'whatsapp:+15559999999'], ['Body', 'x']], 63007],
      [[['To', `whatsapp:+${CUSTOMER}`], ['From', `whatsapp:${SENDER}`]], 21602],
      [valid().map(([k, v]) => [k, k === 'Body' ? 'x'.repeat(1601) : v] as [string, string]), 21617],
      [valid([['ContentSid', 'HXnot']]), 21655],
      [valid([['ContentSid', `HX${'b'.repeat(32)}`], ['ContentVariables', '[1,2]']]), 21656],
      [valid([['MediaUrl', 'ftp://x']]), 21620],
      [valid([['StatusCallback', 'not a url']]), 21609],
    ];
    for (const [fields, code] of cases) expect(await send(fields), String(code)).toMatchObject({ status: 400, json: { code, status: 400 } });
  });

  it('sends signed status callbacks sent → delivered → read to the StatusCallback URL', async () => {
    const { send, hook, posts } = await setup();
    const callback = `${hook}/webhook/twilio/canal/status?ref=77`;
    const res = await send(valid([['StatusCallback', callback]]));
    await waitUntil(() => posts.length >= 3);
    expect(posts.map((p) => new Map(p.params).get('MessageStatus'))).toEqual(['sent', 'delivered', 'read']);
    for (const p of posts) {
      expect(p.path).toBe('/webhook/twilio/canal/status?ref=77');
      expect(p.contentType).toBe('application/x-www-form-urlencoded');
      expect(p.signature).toBe(twilioSign(TOKEN, callback, p.params));
      expect(new Map(p.params).get('MessageSid')).toBe(res.json.sid);
      expect(new Map(p.params).get('AccountSid')).toBe(ACCOUNT);
    }
  });

  it('outside the 24 h window a free-form send is accepted, then fails with 63016; a template (ContentSid) goes through', async () => {
    const { send, hook, posts } = await setup({ enforceWindow: true, statusCallbacks: false });
    const callback = `${hook}/status`;
    await send(valid([['StatusCallback', callback]]));
    await waitUntil(() => posts.length >= 1);
    expect(new Map(posts[0]!.params).get('MessageStatus')).toBe('failed');
    expect(new Map(posts[0]!.params).get('ErrorCode')).toBe('63016');
    const template = await send([['To', `whatsapp:+${CUSTOMER}`], ['From', `whatsapp:${SENDER}`], ['ContentSid', `HX${'c'.repeat(32)}`], ['ContentVariables', '{"1":"P-1001"}'], ['StatusCallback', callback]]);
    expect(template.status).toBe(201);
    await new Promise((r) => setTimeout(r, 100));
    expect(posts).toHaveLength(1);
  });

  it('answers the account for its credentials (the platform’s check), and a message by its SID', async () => {
    const { api, send, basic } = await setup();
    const account = await fetch(`${api}/twilio/2010-04-01/Accounts/${ACCOUNT}.json`, { headers: { authorization: basic() } });
    expect(account.status).toBe(200);
    expect(await account.json()).toMatchObject({ sid: ACCOUNT, status: 'active' });
    expect((await fetch(`${api}/twilio/2010-04-01/Accounts/${ACCOUNT}.json`, { headers: { authorization: basic(ACCOUNT, 'nope') } })).status).toBe(401);
    const { json } = await send(valid());
    const one = await fetch(`${api}/twilio/2010-04-01/Accounts/${ACCOUNT}/Messages/${String(json.sid)}.json`, { headers: { authorization: basic() } });
    expect(await one.json()).toMatchObject({ sid: json.sid, body: 'Hola 👋' });
  });

  it('fails sends on demand: errors in turn, then back to normal', async () => {
    const { api, send } = await setup();
    await fetch(`${api}/twilio/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'error', errors: ['429:20429', '500'], count: 2 }) });
    expect(await send(valid())).toMatchObject({ status: 429, json: { code: 20429 } });
    expect(await send(valid())).toMatchObject({ status: 500 });
    expect((await send(valid())).status).toBe(201);
  });
});

describe('Twilio emulator: a customer writes', () => {
  it('posts Twilio’s form, signed over the sender’s webhook URL, and records what the platform answered', async () => {
    const { api, hook, posts } = await setup();
    const res = await fetch(`${api}/twilio/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: SENDER, from: CUSTOMER, name: 'Ana', type: 'location', location: { latitude: 19.43, longitude: -99.13, name: 'Zócalo', address: 'Centro' } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sid: expect.stringMatching(/^SM/), status: 200 });
    const p = posts[0]!;
    expect(p.signature).toBe(twilioSign(TOKEN, `${hook}/webhook/twilio/canal`, p.params));
    expect(Object.fromEntries(p.params)).toMatchObject({
      From: `whatsapp:+${CUSTOMER}`, To: `whatsapp:${SENDER}`, WaId: CUSTOMER, ProfileName: 'Ana', AccountSid: ACCOUNT,
      SmsStatus: 'received', NumMedia: '0', Latitude: '19.43', Longitude: '-99.13', Label: 'Zócalo', Address: 'Centro',
    });
    const image = await fetch(`${api}/twilio/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: SENDER, from: CUSTOMER, type: 'image', caption: 'esta' }) });
    expect(await image.json()).toMatchObject({ sid: expect.stringMatching(/^MM/) });
    expect(Object.fromEntries(posts[1]!.params)).toMatchObject({ NumMedia: '1', MediaContentType0: 'image/jpeg', Body: 'esta', MediaUrl0: expect.stringMatching(/^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC/) });
  });

  it('an unknown sender is looked up again (refresh) before it is a 404', async () => {
    let refreshed = 0;
    const { api, emulator, hook } = await setup({ refresh: async () => {
      refreshed++;
      emulator.registerSender({ number: '+15550009999', accountSid: ACCOUNT, authToken: TOKEN, webhookUrl: `${hook}/webhook/twilio/otro` });
    } });
    const post = (to: string) => fetch(`${api}/twilio/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, from: CUSTOMER, type: 'text', text: 'hola' }) });
    expect((await post('+15550009999')).status).toBe(200);
    expect(refreshed).toBe(1);
    expect((await post('+15550008888')).status).toBe(404);
  });
});
