import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import { envelope, escapeUnicode, newWamid, postWebhook, sign } from './helpers/meta-client.ts';
import type { Platform } from '../src/composition.ts';

// Signed webhooks (so from Meta, or from someone holding the app secret) carrying what PostgreSQL
// cannot hold or no real payload has, next to good messages: the delivery is acknowledged, the
// good messages are stored and answered, what can be cleaned is cleaned and kept, and what cannot
// is set aside with its reason — never a 5xx, never retried forever.

let platform: Platform;
let shop: TestCompany;

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

const now = () => String(Math.floor(Date.now() / 1000));
const text = (from: string, body: string, extra: Record<string, unknown> = {}) => ({ from, id: newWamid(), timestamp: now(), type: 'text', text: { body }, ...extra });
const repliesTo = (waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);
// The inbox keeps the neutral content the edge parsed (channels/stored-events.ts), not Meta's object.
const inboxRow = async (id: string) => (await platform.pool.query<{ state: string; payload: { content?: { text?: string } } }>(`SELECT state, payload FROM public.inbox_events WHERE provider_message_id = $1`, [id])).rows[0];

describe('a signed webhook with hostile items next to good ones', () => {
  it('stores and answers the good messages, cleans what it can, and sets aside the rest with a reason', async () => {
    const good = customer(platform, shop);
    const other = customer(platform, shop);
    const goodMessage = text(good.waId, 'hola');
    const surrogateText = text(other.waId, 'hola \ud800 mundo');
    const nulKey = text(other.waId, 'menu', { ['ex\u0000tra']: { ['k\u0000']: 'v\u0000' } });
    const badTimestamp = { ...text(other.waId, 'hola'), timestamp: '99999999999999999' };
    // Nested 5,000 levels deep, spliced in as text (too deep for our own JSON.stringify).
    const tooDeep = text(other.waId, 'hola', { extra: 'DEEP' });
    const surrogateId = { ...text(other.waId, 'hola'), id: `wamid.\udc00${newWamid()}` };
    const surrogateFrom = text(`521\ud800${other.waId}`, 'hola');
    const surrogateType = { ...text(other.waId, 'hola'), type: 'te\udfffxt' };
    const payload = envelope(shop.phoneNumberId, {
      contacts: [{ profile: { name: 'Ana \udfff' }, wa_id: good.waId }],
      messages: [badTimestamp, tooDeep, goodMessage, surrogateText, nulKey, surrogateId, surrogateFrom, surrogateType],
    });
    const body = escapeUnicode(JSON.stringify(payload)).replace('"DEEP"', `${'['.repeat(5000)}"fondo"${']'.repeat(5000)}`);
    const post = () => fetch(`${platform.url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body });
    expect((await post()).status).toBe(200);

    // The good message is stored and answered; text a customer wrote is cleaned and answered.
    await waitFor(async () => repliesTo(good.waId).length > 0, 15_000, 'reply to the good message');
    expect((await inboxRow(goodMessage.id))?.payload.content?.text).toBe('hola');
    expect((await inboxRow(surrogateText.id))?.payload.content?.text).toBe('hola \ufffd mundo');
    await waitFor(async () => repliesTo(other.waId).length >= 1, 15_000, 'reply to the cleaned text');

    // Identity and structure are not cleaned but refused: a key with NUL (cleaning "te\0xt" would
    // make a real "text" field), an id, a sender or a type with an unpaired surrogate, an impossible
    // timestamp, hostile nesting. Each is set aside with its reason and never processed.
    const { rows } = await platform.pool.query<{ kind: string; reason: string; company_id: string }>(
      `SELECT kind, reason, company_id FROM public.webhook_rejects WHERE company_id = $1 ORDER BY id`,
      [shop.id],
    );
    expect(rows.map((r) => r.kind)).toEqual(Array(6).fill('message'));
    const reasons = rows.map((r) => r.reason);
    expect(reasons[0]).toMatch(/timestamp/);
    expect(reasons[1]).toMatch(/nested deeper than/);
    expect(reasons[2]).toMatch(/key holds a NUL/);
    expect(reasons[3]).toMatch(/^id:/);
    expect(reasons[4]).toMatch(/^from:/);
    expect(reasons[5]).toMatch(/^type:/);
    for (const m of [badTimestamp, tooDeep, nulKey, surrogateType]) expect(await inboxRow(m.id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(repliesTo(other.waId)).toHaveLength(1);
    const alerts = await platform.pool.query(`SELECT 1 FROM public.alerts WHERE kind = 'webhook_rejected' AND company_id = $1`, [shop.id]);
    expect(alerts.rowCount).toBe(1);

    // Meta's redelivery of the same webhook: acknowledged, nothing answered twice.
    expect((await post()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(repliesTo(good.waId)).toHaveLength(1);
  }, 45_000);

  it('a webhook whose only item is hostile is still acknowledged', async () => {
    const c = customer(platform, shop);
    const res = await postWebhook(platform.url, envelope(shop.phoneNumberId, { messages: [{ ...text(c.waId, 'x'), from: 'x'.repeat(5000) }] }));
    expect(res.status).toBe(200);
    const { rows } = await platform.pool.query<{ reason: string }>(`SELECT reason FROM public.webhook_rejects WHERE reason LIKE 'from:%' AND excerpt LIKE '%xxxxxxxxxx%'`);
    expect(rows).toHaveLength(1);
  });

  it('a status with an error code beyond any integer is applied without it, and later statuses of its shard still are', async () => {
    const c = customer(platform, shop);
    await c.send('hola');
    const reply = await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    const status = (s: string, extra: Record<string, unknown> = {}) =>
      envelope(shop.phoneNumberId, { statuses: [{ id: reply.wamid, status: s, timestamp: now(), recipient_id: c.waId, ...extra }] });
    expect((await postWebhook(platform.url, status('failed', { errors: [{ code: 1e20, title: 'x' }] }))).status).toBe(200);
    const row = await waitFor(async () => {
      const r = await shop.db.message.findFirst({ where: { providerMessageId: reply.wamid } });
      return r?.status === 'failed' ? r : undefined;
    }, 10_000, 'failed status applied');
    expect(row.errorCode).toBeNull();
    // Nothing of that shard is left pending behind it.
    await waitFor(async () => (await platform.pool.query(`SELECT 1 FROM public.inbox_events WHERE kind = 'status' AND state = 'pending'`)).rowCount === 0, 10_000, 'statuses drained');
  });
});
