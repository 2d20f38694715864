// The inbox API over real HTTP, through the real path: signed webhook → queue → engine → message
// log → API; staff replies go out through the outbound pipeline to the Graph API emulator and
// their statuses come back; customers' photos are downloaded by the media job and served to staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ADMIN_TOKEN, createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';

let platform: Platform;
let a: TestCompany;
let b: TestCompany;

type Res = { status: number; json: Record<string, any>; headers: Headers; bytes: Buffer };
async function api(path: string, opts: { method?: string; token?: string; body?: unknown; raw?: Buffer | string; type?: string } = {}): Promise<Res> {
  const res = await fetch(`${platform.url}${path}`, {
    method: opts.method ?? 'GET',
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined || opts.raw !== undefined ? { 'content-type': opts.type ?? 'application/json' } : {}),
    },
    body: typeof opts.raw === 'string' ? opts.raw : opts.raw ? new Uint8Array(opts.raw) : opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(bytes.toString('utf8')) as Record<string, any>;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, headers: res.headers, bytes };
}

const sentTo = (company: TestCompany, waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: company.phoneNumberId, to: waId });

async function conversationOf(company: TestCompany, waId: string) {
  return waitFor(async () => {
    const res = await api(`/api/companies/${company.slug}/conversations`, { token: company.apiKey });
    return (res.json.conversations as any[] | undefined)?.find((c) => c.customer.waId === waId);
  }, 15_000, `conversation of ${waId}`);
}

/** Moves the customer's last message 25 hours back: WhatsApp's 24-hour window is closed. */
async function closeWindow(company: TestCompany, customerId: string) {
  await platform.pool.query(
    `UPDATE "tenant_${company.slug.replace(/-/g, '_')}".conversations SET last_inbound_at = now() - interval '25 hours' WHERE customer_id = $1`,
    [customerId],
  );
}

beforeAll(async () => {
  platform = await startTestPlatform();
  a = await createTestCompany(platform, {
    products: [{ sku: 'PAN-1', name: 'Concha de vainilla', price: '12.50', unit: 'pieza', imageUrl: 'https://example.com/concha.jpg' }],
  });
  b = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

describe('conversations inbox', () => {
  it('a customer’s message shows in the inbox with its unread count, preview and the bot’s replies with their delivery status', async () => {
    const c = customer(platform, a);
    await c.send('hola');
    const conv = await conversationOf(a, c.waId);
    expect(conv).toMatchObject({ customer: { waId: c.waId, name: 'María López' }, needsPerson: false, assignedTo: null, window: { open: true } });
    expect(conv.unreadCount).toBe(1);
    expect(conv.lastMessage).toMatchObject({ direction: expect.any(String) });

    // The bot's replies reach the emulator and their statuses come back onto the log.
    const messages = await waitFor(async () => {
      const res = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { token: a.apiKey });
      const out = (res.json.messages as any[]).filter((m) => m.direction === 'outbound');
      return out.length > 0 && out.every((m) => ['delivered', 'read'].includes(m.status)) ? res.json.messages : undefined;
    }, 15_000, 'bot replies delivered');
    expect(messages.at(-1)).toMatchObject({ direction: 'inbound', type: 'text', text: 'hola', status: 'received' });
    expect(messages[0].direction).toBe('outbound'); // newest first

    const read = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/read`, { method: 'POST', token: a.apiKey, body: {} });
    expect(read.status).toBe(200);
    expect(read.json.conversation.unreadCount).toBe(0);
  });

  it('a staff reply reaches the Graph API emulator, is logged, pauses the bot, and its status arrives', async () => {
    const c = customer(platform, a);
    await c.send('hola');
    const conv = await conversationOf(a, c.waId);
    await waitFor(async () => sentTo(a, c.waId).length > 0, 15_000, 'bot welcome');
    const before = sentTo(a, c.waId).length;

    const res = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { method: 'POST', token: a.apiKey, body: { kind: 'text', text: 'Hola María, soy Ana de la tienda 👋' } });
    expect(res.status).toBe(201);
    expect(res.json.message).toMatchObject({ direction: 'outbound', type: 'text', text: 'Hola María, soy Ana de la tienda 👋', status: 'pending' });

    const sent = await waitFor(async () => sentTo(a, c.waId).slice(before).find((m) => (m.body as any).text?.body === 'Hola María, soy Ana de la tienda 👋'), 15_000, 'staff reply at the emulator');
    expect(sent.type).toBe('text');
    const delivered = await waitFor(async () => {
      const list = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages?limit=5`, { token: a.apiKey });
      const m = (list.json.messages as any[]).find((x) => x.id === res.json.message.id);
      return m && ['delivered', 'read'].includes(m.status) ? m : undefined;
    }, 15_000, 'reply status');
    expect(delivered.sentAt).not.toBeNull();

    // A person has the chat: the customer's next message gets no bot reply.
    const after = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}`, { token: a.apiKey });
    expect(after.json.conversation.needsPerson).toBe(true);
    const count = sentTo(a, c.waId).length;
    await c.send('gracias');
    await waitFor(async () => (await api(`/api/companies/${a.slug}/conversations/${conv.customerId}`, { token: a.apiKey })).json.conversation.unreadCount >= 1, 10_000, 'inbound logged');
    expect(sentTo(a, c.waId)).toHaveLength(count);

    // Back to the bot: the customer is told, and the bot answers again.
    const released = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/release`, { method: 'POST', token: a.apiKey });
    expect(released.status).toBe(200);
    expect(released.json).toMatchObject({ customerNotified: true, conversation: { needsPerson: false } });
    await waitFor(async () => sentTo(a, c.waId).length > count, 10_000, 'bot-back notice');
  });

  it('a product card goes out as the product’s photo with its name and price; an uploaded image goes out by link', async () => {
    const c = customer(platform, a);
    await c.send('hola');
    const conv = await conversationOf(a, c.waId);
    const products = await a.db.product.findMany();
    const card = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { method: 'POST', token: a.apiKey, body: { kind: 'product', productId: products[0]!.id } });
    expect(card.status).toBe(201);
    const cardSent = await waitFor(async () => sentTo(a, c.waId).find((m) => m.type === 'image' && (m.body as any).image?.link === 'https://example.com/concha.jpg'), 15_000, 'product card');
    expect((cardSent.body as any).image.caption).toContain('*Concha de vainilla*');
    expect((cardSent.body as any).image.caption).toContain('12.50');

    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0ffee' } }).png().toBuffer();
    const upload = await api(`/api/companies/${a.slug}/inbox/uploads`, { method: 'POST', token: a.apiKey, raw: png, type: 'image/png' });
    expect(upload.status).toBe(201);
    expect(upload.json).toMatchObject({ uploadId: expect.any(String), width: 64, height: 48 });
    const photo = await fetch(upload.json.url);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const reply = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { method: 'POST', token: a.apiKey, body: { kind: 'image', uploadId: upload.json.uploadId, caption: 'Así quedó tu pastel' } });
    expect(reply.status).toBe(201);
    expect(reply.json.message.imageUrl).toBe(upload.json.url);
    await waitFor(async () => sentTo(a, c.waId).find((m) => m.type === 'image' && (m.body as any).image?.link === upload.json.url), 15_000, 'uploaded image sent');

    // Another company's upload id is not this company's file.
    const foreign = await api(`/api/companies/${b.slug}/inbox/uploads`, { method: 'POST', token: b.apiKey, raw: png, type: 'image/png' });
    const misuse = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { method: 'POST', token: a.apiKey, body: { kind: 'image', uploadId: foreign.json.uploadId } });
    expect(misuse.status).toBe(404);
  });

  it('a reply outside the 24-hour window is refused with the company’s templates and nothing is sent', async () => {
    await platform.companies.updateCompany(a.slug, { statusUpdateTemplate: 'estado_pedido' });
    const c = customer(platform, a);
    await c.send('hola');
    const conv = await conversationOf(a, c.waId);
    await waitFor(async () => sentTo(a, c.waId).length > 0, 15_000, 'bot welcome');
    await closeWindow(a, conv.customerId);
    const sentBefore = sentTo(a, c.waId).length;
    const logBefore = await a.db.message.count({ where: { customerId: conv.customerId } });

    const res = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { method: 'POST', token: a.apiKey, body: { kind: 'text', text: '¿Sigues interesado?' } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('CONFLICT');
    expect(res.json.error.message).toMatch(/24 horas/);
    expect(res.json.error.details).toMatchObject({ reason: 'WINDOW_CLOSED', templates: [{ name: 'estado_pedido', language: 'es_MX' }] });
    const listed = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}`, { token: a.apiKey });
    expect(listed.json.conversation.window.open).toBe(false);

    // An unknown template is refused too; an approved one goes out.
    const unknown = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { method: 'POST', token: a.apiKey, body: { kind: 'template', name: 'promo_inventada', params: [] } });
    expect(unknown.status).toBe(400);
    expect(await a.db.message.count({ where: { customerId: conv.customerId } })).toBe(logBefore);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(a, c.waId)).toHaveLength(sentBefore);

    const template = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { method: 'POST', token: a.apiKey, body: { kind: 'template', name: 'estado_pedido', params: ['A-1', 'en camino'] } });
    expect(template.status).toBe(201);
    await waitFor(async () => sentTo(a, c.waId).find((m) => m.type === 'template'), 15_000, 'template sent');
  });

  it('a customer’s photo is downloaded from the Graph API into storage and served to the company’s staff only', async () => {
    const waId = `521${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    // The emulator's inbound path stores the file (GET /{media-id} then an authenticated download) and sends the signed webhook.
    const sent = await fetch(`${platform.url}/_emulator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number_id: a.phoneNumberId, from: waId, name: 'Lucía', type: 'image', caption: 'así lo quiero' }),
    });
    expect(sent.status).toBeLessThan(300);
    const conv = await conversationOf(a, waId);
    const photo = await waitFor(async () => {
      const res = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { token: a.apiKey });
      return (res.json.messages as any[]).find((m) => m.direction === 'inbound' && m.media?.status === 'stored');
    }, 20_000, 'photo stored');
    expect(photo).toMatchObject({ type: 'image', text: 'así lo quiero', media: { kind: 'image', mimeType: 'image/png' } });
    const file = await api(photo.media.url, { token: a.apiKey });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect((await sharp(file.bytes).metadata()).format).toBe('png');

    // Company B's key: the same URL path under B, or A's path, is a 404.
    expect((await api(photo.media.url, { token: b.apiKey })).status).toBe(404);
    expect((await api(photo.media.url.replace(a.slug, b.slug), { token: b.apiKey })).status).toBe(404);
    expect((await api(photo.media.url)).status).toBe(401);
  });

  it('a location pin is kept with a map link', async () => {
    const c = customer(platform, a);
    await c.send({ type: 'location', latitude: 19.4326, longitude: -99.1332, name: 'Casa', address: 'Av. Juárez 1' });
    const conv = await conversationOf(a, c.waId);
    const res = await api(`/api/companies/${a.slug}/conversations/${conv.customerId}/messages`, { token: a.apiKey });
    const pin = (res.json.messages as any[]).find((m) => m.type === 'location');
    expect(pin.location).toEqual({ latitude: 19.4326, longitude: -99.1332, name: 'Casa', address: 'Av. Juárez 1', mapUrl: 'https://www.google.com/maps?q=19.4326,-99.1332' });
  });

  it('conversations page by cursor and filter by needing a person', async () => {
    const customers = [customer(platform, b), customer(platform, b), customer(platform, b)];
    for (const c of customers) await c.send('hola');
    await waitFor(async () => (await api(`/api/companies/${b.slug}/conversations`, { token: b.apiKey })).json.conversations?.length >= 3, 15_000, 'three conversations');
    const first = await api(`/api/companies/${b.slug}/conversations?limit=2`, { token: b.apiKey });
    expect(first.json.conversations).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await api(`/api/companies/${b.slug}/conversations?limit=2&cursor=${first.json.nextCursor}`, { token: b.apiKey });
    const seen = [...first.json.conversations, ...second.json.conversations].map((c: any) => c.customerId);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);

    const target = first.json.conversations[0].customerId;
    const taken = await api(`/api/companies/${b.slug}/conversations/${target}/takeover`, { method: 'POST', token: b.apiKey });
    expect(taken.json.conversation.needsPerson).toBe(true);
    const waiting = await api(`/api/companies/${b.slug}/conversations?needsPerson=true`, { token: b.apiKey });
    expect(waiting.json.conversations.map((c: any) => c.customerId)).toEqual([target]);
  });

  it('the bot is switched off and on by owners only; when off, messages are logged for the inbox without a reply', async () => {
    const byKey = await api(`/api/companies/${b.slug}/bot`, { method: 'PUT', token: b.apiKey, body: { enabled: false } });
    expect(byKey.status).toBe(403);
    expect((await api(`/api/companies/${b.slug}/bot`, { token: b.apiKey })).json).toEqual({ enabled: true });
    const off = await api(`/api/companies/${b.slug}/bot`, { method: 'PUT', token: ADMIN_TOKEN, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.json).toEqual({ enabled: false });
    const c = customer(platform, b);
    await c.send('hola');
    const conv = await conversationOf(b, c.waId);
    expect(conv.unreadCount).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(sentTo(b, c.waId)).toHaveLength(0);
    expect((await api(`/api/companies/${b.slug}/bot`, { method: 'PUT', token: ADMIN_TOKEN, body: { enabled: true } })).json).toEqual({ enabled: true });
  });
});

describe('inbox isolation and bad input', () => {
  it('company B’s key gets 404 on company A’s conversations, messages, media and actions, and A is unchanged', async () => {
    const c = customer(platform, a);
    await c.send('hola');
    const conv = await conversationOf(a, c.waId);
    await waitFor(async () => sentTo(a, c.waId).length > 0, 15_000, 'bot welcome');
    const id = conv.customerId;
    const messageId = (await api(`/api/companies/${a.slug}/conversations/${id}/messages`, { token: a.apiKey })).json.messages[0].id;
    const logBefore = await a.db.message.count({ where: { customerId: id } });
    const sentBefore = sentTo(a, c.waId).length;
    const probes: { method: string; path: string; body?: unknown }[] = [
      { method: 'GET', path: `/api/companies/${a.slug}/conversations` },
      { method: 'GET', path: `/api/companies/${a.slug}/conversations/${id}` },
      { method: 'GET', path: `/api/companies/${a.slug}/conversations/${id}/messages` },
      { method: 'POST', path: `/api/companies/${a.slug}/conversations/${id}/messages`, body: { kind: 'text', text: 'intruso' } },
      { method: 'POST', path: `/api/companies/${a.slug}/conversations/${id}/read`, body: {} },
      { method: 'PUT', path: `/api/companies/${a.slug}/conversations/${id}/assignee`, body: { userId: null } },
      { method: 'POST', path: `/api/companies/${a.slug}/conversations/${id}/takeover` },
      { method: 'POST', path: `/api/companies/${a.slug}/conversations/${id}/release` },
      { method: 'GET', path: `/api/companies/${a.slug}/conversations/${id}/messages/${messageId}/media` },
      { method: 'GET', path: `/api/companies/${a.slug}/bot` },
      { method: 'GET', path: `/api/companies/${a.slug}/events` },
      // A's conversation id under B's own slug: B has no such conversation.
      { method: 'GET', path: `/api/companies/${b.slug}/conversations/${id}` },
      { method: 'GET', path: `/api/companies/${b.slug}/conversations/${id}/messages` },
      { method: 'POST', path: `/api/companies/${b.slug}/conversations/${id}/messages`, body: { kind: 'text', text: 'intruso' } },
      { method: 'POST', path: `/api/companies/${b.slug}/conversations/${id}/takeover` },
    ];
    for (const p of probes) {
      const res = await api(p.path, { method: p.method, token: b.apiKey, body: p.body });
      expect(res.status, `${p.method} ${p.path}`).toBe(404);
    }
    const after = await api(`/api/companies/${a.slug}/conversations/${id}`, { token: a.apiKey });
    expect(after.json.conversation).toMatchObject({ needsPerson: false, unreadCount: conv.unreadCount });
    expect(await a.db.message.count({ where: { customerId: id } })).toBe(logBefore);
    expect(sentTo(a, c.waId)).toHaveLength(sentBefore);
  });

  it('bad input is answered 4xx in Spanish with nothing written', async () => {
    const c = customer(platform, a);
    await c.send('hola');
    const conv = await conversationOf(a, c.waId);
    const base = `/api/companies/${a.slug}/conversations/${conv.customerId}`;
    const logBefore = await a.db.message.count({ where: { customerId: conv.customerId } });
    const bad: { path: string; method?: string; body?: unknown; raw?: string; type?: string; status: number }[] = [
      { path: `/api/companies/${a.slug}/conversations/no-es-uuid`, status: 400 },
      { path: `${base}/messages?limit=0`, status: 400 },
      { path: `${base}/messages?before=abc`, status: 400 },
      { path: `/api/companies/${a.slug}/conversations?cursor=basura`, status: 400 },
      { path: `/api/companies/${a.slug}/conversations?needsPerson=quizas`, status: 400 },
      { path: `${base}/messages`, method: 'POST', body: { kind: 'video', url: 'x' }, status: 400 },
      { path: `${base}/messages`, method: 'POST', body: { kind: 'text', text: '   ' }, status: 400 },
      { path: `${base}/messages`, method: 'POST', body: { kind: 'text', text: 'x'.repeat(5000) }, status: 400 },
      { path: `${base}/messages`, method: 'POST', body: { kind: 'text', text: 'hola', extra: 1 }, status: 400 },
      { path: `${base}/messages`, method: 'POST', raw: '{"kind":"text",', status: 400 },
      { path: `${base}/messages`, method: 'POST', body: { kind: 'product', productId: '00000000-0000-4000-8000-000000000000' }, status: 404 },
      { path: `${base}/messages`, method: 'POST', body: { kind: 'image', uploadId: '00000000-0000-4000-8000-000000000000' }, status: 404 },
      { path: `${base}/assignee`, method: 'PUT', body: { userId: '00000000-0000-4000-8000-000000000000' }, status: 400 },
      { path: `${base}/read`, method: 'POST', body: { upTo: -1 }, status: 400 },
      { path: `/api/companies/${a.slug}/bot`, method: 'PUT', body: { enabled: 'sí' }, status: 403 },
      { path: `/api/companies/${a.slug}/inbox/uploads`, method: 'POST', raw: '%PDF-1.4 no soy imagen', type: 'image/png', status: 415 },
      { path: `${base}/messages/123/media`, status: 404 },
    ];
    for (const b2 of bad) {
      const res = await api(b2.path, { method: b2.method, token: a.apiKey, body: b2.body, raw: b2.raw, type: b2.type });
      expect(res.status, `${b2.method ?? 'GET'} ${b2.path} ${JSON.stringify(b2.body ?? b2.raw ?? '')}`).toBe(b2.status);
      expect(res.json.error?.message, b2.path).toEqual(expect.any(String));
    }
    expect(await a.db.message.count({ where: { customerId: conv.customerId } })).toBe(logBefore);
    const bot = await api(`/api/companies/${a.slug}/bot`, { method: 'PUT', token: ADMIN_TOKEN, body: { enabled: 'sí' } });
    expect(bot.status).toBe(400);
    expect((await api(base)).status).toBe(401);
  });
});
