import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import { inboundPayload, postWebhook } from './helpers/meta-client.ts';
import type { Platform } from '../src/composition.ts';

// Meta may deliver a customer's messages out of order, tens of milliseconds apart. A conversation
// is not started until its first pending message has waited the reorder window, so one written
// earlier but delivered just after a later one is answered first. The window is wider here than
// its default so that a busy test machine's scheduling cannot stretch the gap past it.

let platform: Platform;
let shop: TestCompany;

beforeAll(async () => {
  platform = await startTestPlatform({ REORDER_WINDOW_MS: '1000' });
  shop = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

const repliesTo = (waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);

describe('the reorder window', () => {
  it('a message written earlier but delivered 60 ms after a later one is still answered first', async () => {
    const c = customer(platform, shop);
    const now = Math.floor(Date.now() / 1000);
    const earlier = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: c.waId, message: { type: 'text', text: 'hola' }, timestamp: now - 3 });
    const later = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: c.waId, message: { type: 'text', text: '1' }, timestamp: now - 1 });
    expect((await postWebhook(platform.url, later.payload)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 60));
    expect((await postWebhook(platform.url, earlier.payload)).status).toBe(200);
    await waitFor(async () => repliesTo(c.waId).length >= 2, 10_000, 'two replies');
    const inbound = await shop.db.message.findMany({ where: { direction: 'inbound', customer: { waId: c.waId } }, orderBy: { id: 'asc' } });
    expect(inbound.map((m) => m.providerMessageId)).toEqual([earlier.id, later.id]);
  });

  it('a customer\'s first message is answered once the window has passed, not before', async () => {
    const c = customer(platform, shop);
    const started = Date.now();
    await c.send('hola');
    await waitFor(async () => repliesTo(c.waId).length >= 1, 10_000, 'first reply');
    // The first message waited the window; that is the whole cost.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});
