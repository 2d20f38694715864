import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import { escapeUnicode, inboundPayload, postWebhook, sign, statusPayload } from './helpers/meta-client.ts';
import type { Platform } from '../src/composition.ts';
import { conversationQueueSql } from '../src/modules/inbox/inbox.repository.ts';

let platform: Platform;
let shop: TestCompany;

const inboxCount = async (providerMessageId: string) =>
  Number((await platform.pool.query('SELECT count(*) FROM inbox_events WHERE provider_message_id = $1', [providerMessageId])).rows[0].count);

const repliesTo = (waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform, { products: [{ name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 10 }] });
});
afterAll(async () => {
  await platform.stop();
});

describe('GET /webhook verification', () => {
  it('echoes the challenge verbatim for the right verify token', async () => {
    const res = await fetch(`${platform.url}/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong verify token', async () => {
    const res = await fetch(`${platform.url}/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(res.status).toBe(403);
  });
});

describe('POST /webhook', () => {
  it('rejects a missing or wrong signature with 401 and stores nothing', async () => {
    const { id, payload } = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: '5215500000001', message: { type: 'text', text: 'hola' } });
    expect((await postWebhook(platform.url, payload, { signature: null })).status).toBe(401);
    expect((await postWebhook(platform.url, payload, { secret: 'other-secret' })).status).toBe(401);
    expect((await postWebhook(platform.url, payload, { signature: 'sha256=zz' })).status).toBe(401);
    expect(await inboxCount(id)).toBe(0);
  });

  it('verifies the signature over the raw bytes, with accents and emoji escaped as Meta sends them', async () => {
    const c = customer(platform, shop, undefined, 'José Ñúñez');
    const id = await c.send('Hola, ¿qué tal? 👋');
    expect(await inboxCount(id)).toBe(1);
    const reply = await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    expect(reply).toBeTruthy();
    const customerRow = await shop.db.customer.findUnique({ where: { waId: c.waId } });
    expect(customerRow?.name).toBe('José Ñúñez');
  });

  it('stores the message before answering 200: the row exists when the response arrives', async () => {
    const { id, payload } = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: '5215500000002', message: { type: 'text', text: 'menu' } });
    const res = await postWebhook(platform.url, payload);
    expect(res.status).toBe(200);
    expect(await inboxCount(id)).toBe(1);
  });

  it('marks the customer\'s message as read on WhatsApp once it is answered', async () => {
    const c = customer(platform, shop);
    const id = await c.send('hola');
    await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    const read = await waitFor(async () => platform.emulator!.store.listReads({ phoneNumberId: shop.phoneNumberId }).find((r) => r.messageId === id), 5000, 'read mark');
    expect(read.messageId).toBe(id);
  });

  it('a redelivered message is stored once and answered once', async () => {
    const c = customer(platform, shop);
    const { id, payload } = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: c.waId, name: 'Ana', message: { type: 'text', text: 'hola' } });
    const results = await Promise.all([1, 2, 3, 4].map(() => postWebhook(platform.url, payload)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await inboxCount(id)).toBe(1);
    await waitFor(async () => repliesTo(c.waId).length >= 1, 10_000, 'reply');
    await new Promise((r) => setTimeout(r, 500));
    expect(repliesTo(c.waId)).toHaveLength(1);
    const logged = await shop.db.message.count({ where: { providerMessageId: id } });
    expect(logged).toBe(1);
  });

  it('a burst of concurrent deliveries, each sent twice at once, is stored once each and answered once each', async () => {
    // Deliveries arriving together are written together (group commit); each still gets its
    // own answer only after its rows are committed, and a racing redelivery counts once.
    const chats = Array.from({ length: 30 }, () => customer(platform, shop));
    const sent = chats.map((c) => inboundPayload({ phoneNumberId: shop.phoneNumberId, from: c.waId, name: 'Ráfaga', message: { type: 'text', text: 'menu' } }));
    const results = await Promise.all([...sent, ...sent].map(({ payload }) => postWebhook(platform.url, payload)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const { id } of sent) expect(await inboxCount(id)).toBe(1);
    await waitFor(async () => chats.every((c) => repliesTo(c.waId).length >= 1), 20_000, 'every reply');
    await new Promise((r) => setTimeout(r, 500));
    for (const c of chats) expect(repliesTo(c.waId)).toHaveLength(1);
  });

  it('a message with U+0000 in its text or the contact name is stored and answered, without it', async () => {
    const c = customer(platform, shop);
    const { id, payload } = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: c.waId, name: 'Ana\u0000 Luz', message: { type: 'text', text: 'me\u0000nu' } });
    expect((await postWebhook(platform.url, payload)).status).toBe(200);
    expect(await inboxCount(id)).toBe(1);
    await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    expect((await shop.db.customer.findUniqueOrThrow({ where: { waId: c.waId } })).name).toBe('Ana Luz');
    expect((await shop.db.message.findFirstOrThrow({ where: { providerMessageId: id } })).body).toBe('menu');
  });

  it('a webhook for a number no company owns is acknowledged and ignored', async () => {
    const { id, payload } = inboundPayload({ phoneNumberId: '555000111222333', from: '5215500000003', message: { type: 'text', text: 'hola' } });
    expect((await postWebhook(platform.url, payload)).status).toBe(200);
    expect(await inboxCount(id)).toBe(0);
  });

  it('answers 400 to a signed body that is not JSON, and ignores other webhook objects', async () => {
    const bad = 'not json';
    const res = await fetch(`${platform.url}/webhook`, { method: 'POST', headers: { 'x-hub-signature-256': sign(bad), 'content-type': 'application/json' }, body: bad });
    expect(res.status).toBe(400);
    const other = escapeUnicode(JSON.stringify({ object: 'page', entry: [] }));
    const res2 = await fetch(`${platform.url}/webhook`, { method: 'POST', headers: { 'x-hub-signature-256': sign(other), 'content-type': 'application/json' }, body: other });
    expect(res2.status).toBe(200);
  });

  it('messages delivered out of order are answered in the order they were written', async () => {
    const c = customer(platform, shop);
    const now = Math.floor(Date.now() / 1000);
    // Both arrive before the worker picks either up: send in one batch, newest first.
    const a = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: c.waId, message: { type: 'text', text: 'hola' }, timestamp: now - 5 });
    const b = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: c.waId, message: { type: 'text', text: '1' }, timestamp: now - 2 });
    const batch = { object: 'whatsapp_business_account', entry: [b.payload.entry[0], a.payload.entry[0]] };
    expect((await postWebhook(platform.url, batch)).status).toBe(200);
    await waitFor(async () => repliesTo(c.waId).length >= 2, 10_000, 'two replies');
    const inbound = await shop.db.message.findMany({ where: { direction: 'inbound', customer: { waId: c.waId } }, orderBy: { id: 'asc' } });
    expect(inbound.map((m) => m.providerMessageId)).toEqual([a.id, b.id]);
  });

  it('a message that keeps failing holds back only its own conversation, not others on the same queue', async () => {
    const schema = ((await platform.companies.getCompany(shop.slug)).dbConnectionConfig as { schema: string }).schema;
    // Two customers whose conversations hash onto the same queue.
    const queueOf = async (waId: string) =>
      Number((await platform.pool.query(`SELECT ${conversationQueueSql('$1', '$2::text')} AS q`, [shop.id, waId])).rows[0].q);
    const a = customer(platform, shop);
    const target = await queueOf(a.waId);
    let b = customer(platform, shop);
    while ((await queueOf(b.waId)) !== target) b = customer(platform, shop);
    // Fault injected in the database: logging the text "veneno" fails, as a broken row would.
    await platform.pool.query(`CREATE FUNCTION "${schema}".poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.body = 'veneno' THEN RAISE EXCEPTION 'poisoned message'; END IF; RETURN NEW; END $$`);
    await platform.pool.query(`CREATE TRIGGER poison BEFORE INSERT ON "${schema}".messages FOR EACH ROW EXECUTE FUNCTION "${schema}".poison()`);
    try {
      const now = Math.floor(Date.now() / 1000);
      const poisoned = await a.send('veneno', { timestamp: now - 3 });
      await a.send('menu', { timestamp: now - 2 });
      await b.send('hola', { timestamp: now - 1 });
      await waitFor(async () => repliesTo(b.waId).length >= 1, 10_000, 'reply to the other conversation');
      await waitFor(async () => {
        const { rows } = await platform.pool.query('SELECT attempts FROM inbox_events WHERE provider_message_id = $1', [poisoned]);
        return rows[0]?.attempts >= 1;
      }, 10_000, 'failed attempt recorded');
      // The failing conversation waits: its later "menu" is not answered ahead of "veneno".
      expect(repliesTo(a.waId)).toHaveLength(0);
    } finally {
      await platform.pool.query(`DROP TRIGGER poison ON "${schema}".messages`);
    }
    // Once the fault is gone the retry answers both, in the order they were written.
    await waitFor(async () => repliesTo(a.waId).length >= 2, 20_000, 'both replies after the retry');
    const inbound = await shop.db.message.findMany({ where: { direction: 'inbound', customer: { waId: a.waId } }, orderBy: { id: 'asc' } });
    expect(inbound.map((m) => m.body)).toEqual(['veneno', 'menu']);
  }, 40_000);

  it('one queue with more pending messages than a job takes is drained by a follow-up job, in order', async () => {
    // 510 messages from 17 customers on one conversation queue, in one webhook: one job drains
    // 500 (in reads of 100) and queues another for the rest.
    const { rows } = await platform.pool.query<{ wa: string }>(
      `SELECT wa FROM (SELECT '52166' || lpad(g::text, 8, '0') AS wa FROM generate_series(1, 50000) g) x
       WHERE ${conversationQueueSql('$1', 'wa')} = ${conversationQueueSql('$1', "'5216600000001'")} LIMIT 17`,
      [shop.id],
    );
    expect(rows).toHaveLength(17);
    const base = Math.floor(Date.now() / 1000) - 1000;
    const sent = Array.from({ length: 510 }, (_, i) => {
      const from = rows[i % 17]!.wa;
      return { from, ...inboundPayload({ phoneNumberId: shop.phoneNumberId, from, message: { type: 'text', text: i % 2 ? 'menu' : 'hola' }, timestamp: base + i }) };
    });
    const batch = { object: 'whatsapp_business_account', entry: sent.map((m) => m.payload.entry[0]) };
    expect((await postWebhook(platform.url, batch)).status).toBe(200);
    const answered = () => rows.reduce((n, { wa }) => n + repliesTo(wa).length, 0);
    await waitFor(async () => answered() >= 510, 60_000, '510 replies');
    for (const { wa } of rows) {
      const inbound = await shop.db.message.findMany({ where: { direction: 'inbound', customer: { waId: wa } }, orderBy: { id: 'asc' } });
      expect(inbound.map((m) => m.providerMessageId)).toEqual(sent.filter((m) => m.from === wa).map((m) => m.id));
      expect(repliesTo(wa)).toHaveLength(30);
    }
  }, 90_000);

  it('tells the shop of a new order with its approved template when one is set, one line per variable', async () => {
    const templated = await createTestCompany(platform, {
      adminPhone: '5215512340000',
      adminOrderTemplate: 'nuevo_pedido',
      products: [{ name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 10 }],
    });
    const c = customer(platform, templated, undefined, 'Rosa');
    const sent = () => platform.emulator!.store.listOutbound({ phoneNumberId: templated.phoneNumberId });
    const step = async (message: Parameters<typeof c.send>[0], n: number) => {
      await c.send(message);
      await waitFor(async () => sent().filter((m) => m.waId === c.waId).length >= n, 10_000, `reply ${n}`);
    };
    await step('quiero 2 garrafones', 1);
    await step({ type: 'button_reply', id: 'cart:finish', title: 'Finalizar pedido' }, 2);
    await step('Av. Juárez 123, Col. Centro', 3);
    await step({ type: 'button_reply', id: 'confirm:yes', title: 'Confirmar' }, 4);
    const notice = await waitFor(async () => sent().find((m) => m.waId === '5215512340000'), 10_000, 'admin notice');
    expect(notice.type).toBe('template');
    const template = notice.body.template as { name: string; language: { code: string }; components: { parameters: { text: string }[] }[] };
    expect(template.name).toBe('nuevo_pedido');
    expect(template.language.code).toBe('es_MX');
    const params = template.components[0]!.parameters.map((p) => p.text);
    expect(params[0]).toMatch(/^P-\d+$/);
    expect(params[1]).toBe(`Rosa (+${c.waId})`);
    expect(params[2]).toBe('$90.00');
    expect(params[3]).toBe('Av. Juárez 123, Col. Centro');
    const row = await waitFor(() => templated.db.message.findUnique({ where: { providerMessageId: notice.wamid } }), 5000, 'logged notice');
    expect(row.type).toBe('template');
  });

  it('statuses only move forward: a late "delivered" never downgrades "read"', async () => {
    const c = customer(platform, shop);
    await c.send('hola');
    const reply = await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    const row = await waitFor(() => shop.db.message.findUnique({ where: { providerMessageId: reply.wamid } }), 5000, 'logged reply');
    const send = (status: string) => postWebhook(platform.url, statusPayload({ phoneNumberId: shop.phoneNumberId, wamid: reply.wamid, status, recipient: c.waId }));
    await send('read');
    await waitFor(async () => (await shop.db.message.findUnique({ where: { id: row.id } }))?.status === 'read', 10_000, 'read');
    await send('delivered');
    await send('sent');
    await new Promise((r) => setTimeout(r, 700));
    const after = await shop.db.message.findUnique({ where: { id: row.id } });
    expect(after?.status).toBe('read');
    expect(after?.readAt).not.toBeNull();
  });

  it('a "failed" status with Meta\'s error code marks the reply failed with a readable cause and alerts', async () => {
    const c = customer(platform, shop);
    await c.send('hola');
    const reply = await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    await waitFor(() => shop.db.message.findUnique({ where: { providerMessageId: reply.wamid } }), 5000, 'logged reply');
    const res = await postWebhook(platform.url, statusPayload({ phoneNumberId: shop.phoneNumberId, wamid: reply.wamid, status: 'failed', recipient: c.waId, errorCode: 131026 }));
    expect(res.status).toBe(200);
    const row = await waitFor(async () => {
      const m = await shop.db.message.findUnique({ where: { providerMessageId: reply.wamid } });
      return m?.status === 'failed' ? m : undefined;
    }, 10_000, 'failed status');
    expect(row.errorCode).toBe(131026);
    expect(row.errorTitle).toMatch(/cannot receive WhatsApp messages/);
    // The alert is written just after the status (by the same job): wait for it, do not race it.
    const alerts = await waitFor(async () => {
      const { rows } = await platform.pool.query(`SELECT count(*)::int AS n FROM alerts WHERE kind = 'send_failures' AND company_id = $1`, [shop.id]);
      return rows[0].n > 0 ? rows[0].n : undefined;
    }, 5000, 'alert');
    expect(alerts).toBeGreaterThan(0);
  });

  it('the emulator’s own status webhooks reach the message log (sent → delivered → read)', async () => {
    const c = customer(platform, shop);
    await c.send('hola');
    const reply = await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    const row = await waitFor(async () => {
      const m = await shop.db.message.findUnique({ where: { providerMessageId: reply.wamid } });
      return m?.status === 'read' ? m : undefined;
    }, 15_000, 'read status');
    expect(row.deliveredAt).not.toBeNull();
  });
});
