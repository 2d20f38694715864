import http from 'node:http';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startGraphEmulator } from '../../src/emulator/graph-emulator.ts';
import type { MetaWebhookPayload } from '../../src/emulator/meta-webhooks.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

// Faults on demand (POST /_emulator/faults) and biz_opaque_callback_data, as the chaos suite
// relies on them: Meta's error envelopes, slow answers of accepted messages, stalls.

const PHONE_ID = '106540352242922';
const OTHER_ID = '106540352242923';
const TOKEN = 'token-of-the-shop';
const CUSTOMER = '5215512345678';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

type Answer = { status: number; json: Record<string, unknown> } | { dropped: string; afterMs: number };

async function setup(statusWebhooks = true) {
  const receiver = await startWebhookReceiver();
  const running = await startGraphEmulator({
    port: 0,
    webhookUrl: receiver.url,
    appSecret: 'faults-test-secret',
    logger: pino({ level: 'silent' }),
    statusWebhooks,
    statusDelayMs: 5,
    webhookRetryDelaysMs: [10],
  });
  cleanups.push(receiver.close, running.close);
  running.emulator.registerNumber({ phoneNumberId: PHONE_ID, token: TOKEN });
  running.emulator.registerNumber({ phoneNumberId: OTHER_ID, token: TOKEN });
  const fault = async (body: unknown) => {
    const res = await fetch(`${running.emulatorUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  // node:http so that a dropped connection is seen as such (and a client timeout can be set).
  const send = (body: unknown, opts: { phoneId?: string; timeoutMs?: number } = {}): Promise<Answer> =>
    new Promise((resolve) => {
      const started = Date.now();
      const payload = JSON.stringify(body);
      const req = http.request(
        `${running.url}/v25.0/${opts.phoneId ?? PHONE_ID}/messages`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
        },
      );
      if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')));
      req.on('error', (err) => resolve({ dropped: err.message, afterMs: Date.now() - started }));
      req.end(payload);
    });
  return { receiver, running, fault, send };
}

const text = (body: string, extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp',
  to: CUSTOMER,
  type: 'text',
  text: { body },
  ...extra,
});
const statusesOf = (bodies: Array<{ body: string }>) =>
  bodies.map((w) => (JSON.parse(w.body) as MetaWebhookPayload).entry[0]?.changes[0]?.value.statuses?.[0]);

describe('faults on demand', () => {
  it('answers Meta error envelopes in turn while an outage lasts, for its number only, then recovers', async () => {
    const { fault, send, running } = await setup(false);
    const set = await fault({ phone_number_id: PHONE_ID, mode: 'error', errors: ['500', '429', '503', '500:1', '429:80007'], duration_ms: 60_000 });
    expect(set.status).toBe(200);
    expect(set.json.fault).toMatchObject({ phone_number_id: PHONE_ID, mode: 'error', expires_at: expect.any(String) });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await send(text(`hola ${i}`)));
    expect(answers.map((a) => ('status' in a ? [a.status, (a.json.error as { code: number }).code] : a))).toEqual([
      [500, 2],
      [429, 130429],
      [503, 131016],
      [500, 1],
      [429, 80007],
    ]);
    expect((answers[0] as { json: Record<string, unknown> }).json.error).toMatchObject({ type: 'OAuthException', is_transient: true, fbtrace_id: expect.any(String) });
    expect(running.emulator.store.listOutbound()).toHaveLength(0);
    // Another number is not affected.
    expect(await send(text('otro número'), { phoneId: OTHER_ID })).toMatchObject({ status: 200 });
    const listed = (await fetch(`${running.emulatorUrl}/faults`).then((r) => r.json())) as { faults: Array<{ stats: Record<string, number> }>; totals: Record<string, number> };
    expect(listed.faults[0]?.stats).toMatchObject({ matched: 5, errors: 5 });
    const cleared = await fetch(`${running.emulatorUrl}/faults`, { method: 'DELETE' }).then((r) => r.json());
    expect(cleared).toEqual({ cleared: 1 });
    expect(await send(text('ya funciona'))).toMatchObject({ status: 200 });
  });

  it('a rule for the next N sends ends by itself, and an expired one no longer applies', async () => {
    const { fault, send } = await setup(false);
    await fault({ mode: 'error', errors: ['429'], count: 2 });
    expect(await send(text('a'))).toMatchObject({ status: 429 });
    expect(await send(text('b'))).toMatchObject({ status: 429 });
    expect(await send(text('c'))).toMatchObject({ status: 200 });
    // Long enough that a busy machine still sends within it, short enough to wait out.
    await fault({ mode: 'error', duration_ms: 1000 });
    expect(await send(text('d'))).toMatchObject({ status: 500 });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await send(text('e'))).toMatchObject({ status: 200 });
  });

  it('can answer the error only after a delay (a Graph API that fails slowly)', async () => {
    const { fault, send } = await setup(false);
    await fault({ mode: 'error', errors: ['500'], delay_ms: 300 });
    const started = Date.now();
    expect(await send(text('lento'))).toMatchObject({ status: 500 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('slow: accepts and records the message, sends its statuses with biz_opaque_callback_data, and answers late', async () => {
    const { fault, send, running, receiver } = await setup(true);
    await fault({ phone_number_id: PHONE_ID, mode: 'slow', delay_ms: 600 });
    const answer = await send(text('tarde', { biz_opaque_callback_data: 'reply-42' }), { timeoutMs: 200 });
    // The client gave up, but Meta has the message: it is recorded and its statuses follow.
    expect(answer).toMatchObject({ dropped: 'client timeout' });
    const [record] = running.emulator.store.listOutbound();
    expect(record).toMatchObject({ fault: 'slow', body: { biz_opaque_callback_data: 'reply-42' } });
    const statuses = statusesOf(await receiver.waitFor(3));
    expect(statuses.map((s) => [s?.id, s?.status, s?.biz_opaque_callback_data])).toEqual([
      [record?.wamid, 'sent', 'reply-42'],
      [record?.wamid, 'delivered', 'reply-42'],
      [record?.wamid, 'read', 'reply-42'],
    ]);
    // A patient client gets the 200 with the message id after the delay.
    const started = Date.now();
    const patient = await send(text('tarde 2'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(patient).toMatchObject({ status: 200, json: { messages: [{ id: expect.stringMatching(/^wamid\./) }] } });
  });

  it('stall: drops the connection without an answer; accepted or not, as asked', async () => {
    const { fault, send, running, receiver } = await setup(true);
    await fault({ mode: 'stall', delay_ms: 200 });
    const lost = await send(text('nunca llegó'));
    expect(lost).toMatchObject({ dropped: expect.stringMatching(/socket hang up|ECONNRESET/) });
    expect((lost as { afterMs: number }).afterMs).toBeGreaterThanOrEqual(180);
    expect(running.emulator.store.listOutbound()).toHaveLength(0);

    await fault({ mode: 'stall', delay_ms: 200, accept: true });
    const kept = await send(text('sí llegó', { biz_opaque_callback_data: 'reply-7' }));
    expect(kept).toMatchObject({ dropped: expect.any(String) });
    expect(running.emulator.store.listOutbound()).toEqual([expect.objectContaining({ fault: 'stall' })]);
    expect(statusesOf(await receiver.waitFor(3)).map((s) => s?.biz_opaque_callback_data)).toEqual(['reply-7', 'reply-7', 'reply-7']);
  });

  it('rejects a malformed fault with 400 and keeps the default behaviour without faults', async () => {
    const { fault, send } = await setup(false);
    expect((await fault({ mode: 'explode' })).status).toBe(400);
    expect((await fault({ mode: 'error', errors: ['418'] })).status).toBe(400);
    expect(await send(text('normal'))).toMatchObject({ status: 200 });
    expect(await fault({ mode: 'none' })).toMatchObject({ status: 200, json: { cleared: 0 } });
  });
});

describe('biz_opaque_callback_data', () => {
  it('is echoed in every status of the message, and absent when the send did not carry it', async () => {
    const { send, receiver } = await setup(true);
    await send(text('con dato', { biz_opaque_callback_data: 'x'.repeat(512) }));
    const withData = statusesOf(await receiver.waitFor(3));
    expect(withData.every((s) => s?.biz_opaque_callback_data === 'x'.repeat(512))).toBe(true);
    await send(text('sin dato'));
    const without = statusesOf(await receiver.waitFor(6)).slice(3);
    expect(without.map((s) => s?.status)).toEqual(['sent', 'delivered', 'read']);
    expect(without.every((s) => s !== undefined && !('biz_opaque_callback_data' in s))).toBe(true);
  });

  it('accepts up to 512 characters (an emoji is one) and rejects 513 with 131009', async () => {
    const { send } = await setup(false);
    expect(await send(text('a', { biz_opaque_callback_data: '😀'.repeat(512) }))).toMatchObject({ status: 200 });
    expect(await send(text('b', { biz_opaque_callback_data: 'x'.repeat(513) }))).toMatchObject({ status: 400, json: { error: { code: 131009 } } });
    expect(await send(text('c', { biz_opaque_callback_data: 42 }))).toMatchObject({ status: 400, json: { error: { code: 131009 } } });
  });
});
