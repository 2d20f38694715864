import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { newWamid } from '../helpers/meta-client.ts';
import type { Platform } from '../../src/composition.ts';
import { createInboxRepository } from '../../src/modules/inbox/inbox.repository.ts';

// Inbox rows written before events were stored provider-neutral hold Meta's own message and
// status objects. A deployment upgraded with such rows still pending must answer and apply them.

let platform: Platform;
let shop: TestCompany;
const repliesTo = (waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform, { products: [{ name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 10 }] });
});
afterAll(async () => {
  await platform.stop();
});

async function storeLegacy(kind: 'message' | 'status', waId: string, providerMessageId: string, messageType: string, payload: unknown) {
  const channel = await platform.central.channel.findFirstOrThrow({ where: { phoneNumberId: shop.phoneNumberId } });
  const inbox = createInboxRepository(platform.pool);
  await inbox.store([{
    kind,
    provider: 'meta',
    dedupeKey: kind === 'message' ? providerMessageId : `${providerMessageId}|${messageType}`,
    providerMessageId,
    companyId: shop.id,
    channelId: channel.id,
    waId,
    contactName: kind === 'message' ? 'Lupita' : null,
    messageType,
    payload,
    timestamp: new Date(),
  }]);
}

describe('inbox rows stored in Meta’s wire format by an earlier version', () => {
  it('a pending Meta message object is read, answered and logged like a new one', async () => {
    const waId = '5215544332211';
    const first = newWamid();
    const now = Math.floor(Date.now() / 1000);
    await storeLegacy('message', waId, first, 'text', { from: waId, id: first, timestamp: String(now - 1), type: 'text', text: { body: 'hola' } });
    await waitFor(async () => repliesTo(waId)[0], 10_000, 'menu');
    const id = newWamid();
    await storeLegacy('message', waId, id, 'interactive', {
      from: waId, id, timestamp: String(now), type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'menu:catalog', title: 'Ver catálogo' } },
    });
    const reply = await waitFor(async () => repliesTo(waId)[1], 10_000, 'catalog');
    // A tap on "Ver catálogo" shows the catalog: the interactive reply was understood.
    expect(JSON.stringify(reply.body)).toContain('Garrafón 20 L');
    expect((await shop.db.message.findFirstOrThrow({ where: { providerMessageId: first } })).body).toBe('hola');
    expect((await shop.db.message.findFirstOrThrow({ where: { providerMessageId: id } })).type).toBe('interactive');
  });

  it('a pending Meta status object settles its reply, by id or by the row its callback data names', async () => {
    const c = customer(platform, shop);
    await c.send('hola');
    const reply = await waitFor(async () => repliesTo(c.waId)[0], 10_000, 'reply');
    const row = await waitFor(() => shop.db.message.findUnique({ where: { providerMessageId: reply.wamid } }), 5000, 'logged reply');
    await waitFor(async () => (await shop.db.message.findUnique({ where: { id: row.id } }))?.status === 'read', 10_000, 'emulator statuses');
    // A failed status after read never downgrades it, but its readable cause is Meta's table's.
    const failedId = newWamid();
    const second = await shop.db.message.create({
      data: { customerId: row.customerId, direction: 'outbound', recipient: c.waId, type: 'text', body: 'x', payload: { kind: 'text', body: 'x' }, status: 'unknown', statusRank: 1, inboxId: null, seq: 0 },
    });
    await storeLegacy('status', c.waId, failedId, 'failed', {
      id: failedId, status: 'failed', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: c.waId,
      biz_opaque_callback_data: `mst:${second.id}`, errors: [{ code: 131026, title: 'Message undeliverable' }],
    });
    const settled = await waitFor(async () => {
      const m = await shop.db.message.findUnique({ where: { id: second.id } });
      return m?.status === 'failed' ? m : undefined;
    }, 10_000, 'settled by callback data');
    expect(settled.providerMessageId).toBe(failedId);
    expect(settled.errorCode).toBe(131026);
    expect(settled.errorTitle).toMatch(/cannot receive WhatsApp messages/);
  });
});
