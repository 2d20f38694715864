import { createHmac } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startGraphEmulator, type StartGraphEmulatorOptions } from '../../src/emulator/graph-emulator.ts';
import type { MetaWebhookPayload } from '../../src/emulator/meta-webhooks.ts';
import { startWebhookReceiver, type ReceivedWebhook } from './webhook-receiver.ts';

type GraphResponse = {
  error?: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: string; details: string };
    fbtrace_id: string;
  };
  messaging_product?: string;
  contacts?: Array<{ input: string; wa_id: string }>;
  messages?: Array<{ id: string }>;
  success?: boolean;
};
type DebugToken = { data: { is_valid: boolean; expires_at?: number; scopes: string[] } };

const SECRET = 'emulator-test-secret';
const PHONE_ID = '106540352242922';
const TOKEN = 'token-of-the-shop';
const CUSTOMER = '5215512345678';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(options: Partial<StartGraphEmulatorOptions> = {}, webhookStatuses: number[] = []) {
  const receiver = await startWebhookReceiver(webhookStatuses);
  const running = await startGraphEmulator({
    port: 0,
    webhookUrl: receiver.url,
    appSecret: SECRET,
    logger: pino({ level: 'silent' }),
    statusDelayMs: 5,
    webhookRetryDelaysMs: [10, 10],
    ...options,
  });
  cleanups.push(receiver.close, running.close);
  running.emulator.registerNumber({
    phoneNumberId: PHONE_ID,
    token: TOKEN,
    wabaId: '102290129340398',
    displayPhoneNumber: '15550783881',
    verifiedName: 'Tacos Don Pepe',
  });
  const graph = `${running.url}/v25.0`;
  async function send(body: unknown, token: string | null = TOKEN, phoneId = PHONE_ID) {
    const res = await fetch(`${graph}/${phoneId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as GraphResponse };
  }
  return { receiver, running, graph, send };
}

function verified(webhook: ReceivedWebhook): MetaWebhookPayload {
  const expected = `sha256=${createHmac('sha256', SECRET).update(webhook.body).digest('hex')}`;
  expect(webhook.signature).toBe(expected);
  return JSON.parse(webhook.body) as MetaWebhookPayload;
}

const text = (body: string) => ({ messaging_product: 'whatsapp', to: `+${CUSTOMER}`, type: 'text', text: { body } });
const buttons = (titles: string[]) => ({
  messaging_product: 'whatsapp',
  to: CUSTOMER,
  type: 'interactive',
  interactive: {
    type: 'button',
    body: { text: '¿Confirmas tu pedido?' },
    action: { buttons: titles.map((title, i) => ({ type: 'reply', reply: { id: `b${i}`, title } })) },
  },
});
const list = (rows: Array<{ id: string; title: string }>, sections = 1) => ({
  messaging_product: 'whatsapp',
  to: CUSTOMER,
  type: 'interactive',
  interactive: {
    type: 'list',
    body: { text: 'Elige una categoría' },
    action: {
      button: 'Ver menú',
      sections: Array.from({ length: sections }, (_, s) => ({
        title: `Sección ${s}`,
        rows: rows.filter((_, i) => i % sections === s),
      })),
    },
  },
});
const rows = (n: number, title = (i: number) => `Opción ${i}`) =>
  Array.from({ length: n }, (_, i) => ({ id: `row-${i}`, title: title(i) }));

describe('sending: Meta limits are rejected with Meta error codes', () => {
  it('rejects a list with 11 rows in total across sections with 131009', async () => {
    const { send } = await setup({ statusWebhooks: false });
    const res = await send(list(rows(11), 2));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      message: '(#131009) Parameter value is not valid',
      type: 'OAuthException',
      code: 131009,
      error_data: { messaging_product: 'whatsapp', details: 'Total row count exceed max allowed count: 10' },
    });
    expect(res.json.error?.fbtrace_id).toMatch(/^[\w-]{10,}$/);
    expect((await send(list(rows(10), 2))).status).toBe(200);
  });

  it('rejects a 25-character row title and accepts 24', async () => {
    const { send } = await setup({ statusWebhooks: false });
    const res = await send(list(rows(2, () => 'x'.repeat(25))));
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe(131009);
    expect(res.json.error?.error_data?.details).toContain('24');
    expect((await send(list(rows(2, (i) => `${i}`.padEnd(24, 'y'))))).status).toBe(200);
  });

  it('rejects 4 reply buttons and a 21-character button title', async () => {
    const { send } = await setup({ statusWebhooks: false });
    const four = await send(buttons(['Uno', 'Dos', 'Tres', 'Cuatro']));
    expect(four.status).toBe(400);
    expect(four.json.error?.code).toBe(131009);
    expect(four.json.error?.error_data?.details).toBe('Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3');
    const long = await send(buttons(['Sí', 'a'.repeat(21)]));
    expect(long.json.error?.error_data?.details).toBe('Button title length invalid. Min length: 1, Max length: 20');
    const duplicate = await send(buttons(['Sí', 'Sí']));
    expect(duplicate.json.error?.code).toBe(131009);
    expect((await send(buttons(['Sí', 'b'.repeat(20)]))).status).toBe(200);
  });

  it('uses 131008 for missing required parameters and 100 for a wrong product or type', async () => {
    const { send } = await setup({ statusWebhooks: false });
    const noTo = await send({ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } });
    expect(noTo.json.error?.code).toBe(131008);
    const noBody = await send({ messaging_product: 'whatsapp', to: CUSTOMER, type: 'interactive', interactive: { type: 'button', action: { buttons: [] } } });
    expect(noBody.json.error).toMatchObject({ code: 131008, error_data: { details: "The parameter interactive['body'] is required." } });
    expect((await send({ ...text('x'), messaging_product: 'sms' })).json.error?.code).toBe(100);
    expect((await send({ ...text('x'), type: 'fax' })).json.error?.code).toBe(100);
    expect((await send(text('x'.repeat(4097)))).json.error?.code).toBe(131009);
    const both = await send({ messaging_product: 'whatsapp', to: CUSTOMER, type: 'image', image: { id: '1', link: 'https://x/y.png' } });
    expect(both.json.error?.code).toBe(131009);
  });

  it('a missing or wrong token gets 401 code 190, an unknown number 400 code 100 subcode 33', async () => {
    const { send } = await setup({ statusWebhooks: false });
    const missing = await send(text('hola'), null);
    expect(missing.status).toBe(401);
    expect(missing.json.error).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: 467 });
    const wrong = await send(text('hola'), 'not-a-token');
    expect(wrong.status).toBe(401);
    expect(wrong.json.error?.code).toBe(190);
    const unknown = await send(text('hola'), TOKEN, '999999999999999');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ type: 'GraphMethodException', code: 100, error_subcode: 33 });
  });
});

describe('sending: success', () => {
  it('answers with the Meta success shape and records the message', async () => {
    const { send, running } = await setup({ statusWebhooks: false });
    const res = await send(text('¡Hola! *Bienvenido*'));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: `+${CUSTOMER}`, wa_id: CUSTOMER }],
      messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]{20,}$/) }],
    });
    const listed = await fetch(`${running.emulatorUrl}/messages?phone_number_id=${PHONE_ID}&to=${CUSTOMER}`);
    const { messages } = (await listed.json()) as { messages: Array<Record<string, unknown>> };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ wamid: res.json.messages?.[0]?.id, type: 'text', body: { text: { body: '¡Hola! *Bienvenido*' } } });
    expect(messages[0]?.receivedAt).toEqual(expect.any(String));
    await fetch(`${running.emulatorUrl}/messages`, { method: 'DELETE' });
    expect(running.emulator.store.listOutbound()).toHaveLength(0);
  });

  it('sends signed sent, delivered and read status webhooks in order', async () => {
    const { send, receiver } = await setup();
    const res = await send(text('hola'));
    const webhooks = await receiver.waitFor(3);
    const statuses = webhooks.map((w) => {
      const payload = verified(w);
      expect(payload.entry[0]?.id).toBe('102290129340398');
      const value = payload.entry[0]?.changes[0]?.value;
      expect(value?.metadata.phone_number_id).toBe(PHONE_ID);
      return value?.statuses?.[0];
    });
    expect(statuses.map((s) => s?.status)).toEqual(['sent', 'delivered', 'read']);
    for (const s of statuses) {
      expect(s).toMatchObject({ id: res.json.messages?.[0]?.id, recipient_id: CUSTOMER, timestamp: expect.stringMatching(/^\d+$/) });
    }
  });

  it('can skip delivered, and fails free-form sends outside the 24 h window with 131047', async () => {
    const { send, receiver, running } = await setup({ skipDelivered: true, enforceWindow: true });
    const res = await send(text('¿Sigues ahí?'));
    expect(res.status).toBe(200);
    const [failed] = await receiver.waitFor(1);
    const status = verified(failed!).entry[0]?.changes[0]?.value.statuses?.[0];
    expect(status).toMatchObject({ status: 'failed', errors: [{ code: 131047 }] });
    running.emulator.store.openWindow(PHONE_ID, CUSTOMER, Date.now());
    await send(text('Ahora sí'));
    const after = await receiver.waitFor(3);
    expect(after.slice(1).map((w) => verified(w).entry[0]?.changes[0]?.value.statuses?.[0]?.status)).toEqual(['sent', 'read']);
  });

  it('marks as read (with typing indicator) and answers success', async () => {
    const { send, running } = await setup({ statusWebhooks: false });
    const res = await send({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN', typing_indicator: { type: 'text' } });
    expect(res).toEqual({ status: 200, json: { success: true } });
    expect(running.emulator.store.listReads()).toMatchObject([{ messageId: 'wamid.IN', typing: true }]);
    expect((await send({ messaging_product: 'whatsapp', status: 'read' })).json.error?.code).toBe(131008);
  });

  it('applies the throughput limit per number with 130429, and the pair limit when enabled', async () => {
    const { send } = await setup({ statusWebhooks: false, throughputPerSecond: 3 });
    const codes = [];
    for (let i = 0; i < 4; i += 1) codes.push((await send(text(`m${i}`))).json.error?.code);
    expect(codes).toEqual([undefined, undefined, undefined, 130429]);

    const pair = await setup({ statusWebhooks: false, pairRateLimit: true, throughputPerSecond: 1000 });
    const results = [];
    for (let i = 0; i < 46; i += 1) results.push((await pair.send(text(`m${i}`))).status);
    expect(results.filter((s) => s === 200)).toHaveLength(45);
    expect((await pair.send(text('otra'))).json.error?.code).toBe(131056);
  });
});

describe('identity, token and media', () => {
  it('answers the phone identity and debug_token per §7', async () => {
    const { graph } = await setup();
    const auth = { authorization: `Bearer ${TOKEN}` };
    const identity = await (await fetch(`${graph}/${PHONE_ID}?fields=display_phone_number,verified_name,quality_rating,code_verification_status,platform_type,throughput,status`, { headers: auth })).json();
    expect(identity).toEqual({
      display_phone_number: '15550783881',
      verified_name: 'Tacos Don Pepe',
      quality_rating: 'GREEN',
      code_verification_status: 'VERIFIED',
      platform_type: 'CLOUD_API',
      throughput: { level: 'STANDARD' },
      status: 'CONNECTED',
      id: PHONE_ID,
    });
    const good = (await (await fetch(`${graph}/debug_token?input_token=${TOKEN}`, { headers: auth })).json()) as DebugToken;
    expect(good.data).toMatchObject({ is_valid: true, expires_at: 0, scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'] });
    const bad = (await (await fetch(`${graph}/debug_token?input_token=nope`, { headers: auth })).json()) as DebugToken;
    expect(bad.data.is_valid).toBe(false);
    const version = await fetch(`${graph.replace('v25.0', 'latest')}/${PHONE_ID}`, { headers: auth });
    expect(version.status).toBe(400);
  });

  it('uploads media, returns a short-lived URL and serves it only with a token', async () => {
    const { graph } = await setup();
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', 'image/png');
    form.append('file', new Blob([Buffer.from('fake-png')], { type: 'image/png' }), 'a.png');
    const upload = await fetch(`${graph}/${PHONE_ID}/media`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form });
    const { id } = (await upload.json()) as { id: string };
    expect(id).toMatch(/^\d{16}$/);
    const info = (await (await fetch(`${graph}/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Record<string, string>;
    expect(info).toMatchObject({ messaging_product: 'whatsapp', mime_type: 'image/png', file_size: '8', id });
    expect((await fetch(info.url!)).status).toBe(401);
    const file = await fetch(info.url!, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('fake-png');
  });
});

describe('simulated inbound messages', () => {
  it('POST /inbound delivers a signed, escaped Meta webhook and returns our status', async () => {
    const { receiver, running, send } = await setup({ statusWebhooks: false });
    const menu = await send(list(rows(3)));
    const res = await fetch(`${running.emulatorUrl}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phone_number_id: PHONE_ID,
        from: CUSTOMER,
        name: 'María José',
        type: 'interactive',
        reply: { kind: 'list_reply', id: 'row-1', title: 'Opción 1' },
      }),
    });
    const result = (await res.json()) as { id: string; status: number };
    expect(result).toMatchObject({ id: expect.stringMatching(/^wamid\./), status: 200 });
    const [webhook] = await receiver.waitFor(1);
    expect(webhook?.body).toContain('Mar\\u00eda Jos\\u00e9');
    const value = verified(webhook!).entry[0]?.changes[0]?.value;
    expect(value?.contacts).toEqual([{ profile: { name: 'María José' }, wa_id: CUSTOMER }]);
    expect(value?.messages?.[0]).toMatchObject({
      id: result.id,
      context: { from: '15550783881', id: menu.json.messages?.[0]?.id },
      interactive: { type: 'list_reply', list_reply: { id: 'row-1', title: 'Opción 1' } },
    });
  });

  it('retries when our webhook does not answer 200', async () => {
    const { receiver, running } = await setup({ statusWebhooks: false }, [500, 503]);
    const result = await running.emulator.dispatchInbound({ phone_number_id: PHONE_ID, from: CUSTOMER, type: 'sticker' });
    expect(result).toMatchObject({ status: 200, attempts: 3 });
    const bodies = (await receiver.waitFor(3)).map((w) => w.body);
    expect(new Set(bodies).size).toBe(1);
  });

  it('registers numbers over HTTP and lists them without tokens', async () => {
    const { running } = await setup({ statusWebhooks: false });
    const created = await fetch(`${running.emulatorUrl}/numbers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number_id: '222222222222222', token: 'other-token', verified_name: 'Florería Lupita' }),
    });
    expect(created.status).toBe(201);
    const listed = JSON.stringify(await (await fetch(`${running.emulatorUrl}/numbers`)).json());
    expect(listed).toContain('Florería Lupita');
    expect(listed).not.toContain(TOKEN);
  });

  it('rejects malformed requests and unknown numbers', async () => {
    const { running } = await setup({ statusWebhooks: false });
    const post = (body: unknown) =>
      fetch(`${running.emulatorUrl}/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ phone_number_id: PHONE_ID, from: CUSTOMER, type: 'text' })).status).toBe(400);
    expect((await post({ phone_number_id: '1', from: CUSTOMER, type: 'text', text: 'hola' })).status).toBe(404);
  });

  it('streams the chat to the simulator over SSE', async () => {
    const { running, send } = await setup({ statusWebhooks: false });
    await running.emulator.dispatchInbound({ phone_number_id: PHONE_ID, from: CUSTOMER, type: 'text', text: 'hola' });
    const controller = new AbortController();
    const res = await fetch(`${running.emulatorUrl}/stream?phone_number_id=${PHONE_ID}&wa_id=${CUSTOMER}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await send(text('¡Hola, bienvenido!'));
    const reader = res.body!.getReader();
    let buffer = '';
    while (!buffer.includes('bienvenido')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      buffer += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    const events = buffer
      .split('\n\n')
      .filter((block) => block.startsWith('event: message'))
      .map((block) => JSON.parse(block.split('\ndata: ')[1] ?? '{}') as { direction: string; type: string });
    expect(events.map((e) => e.direction)).toEqual(['in', 'out']);
  });
});
