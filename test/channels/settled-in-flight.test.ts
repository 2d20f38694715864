import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';

// Meta accepts a reply and sends its statuses at once, but its answer to the send comes after our
// timeout. The statuses (naming the row in biz_opaque_callback_data) settle the reply while the
// request is still in flight; the timeout that follows must not turn it back into `unknown` —
// that sent it again after the grace period. (Twilio's case: test/channels/twilio-webhook.test.ts.)

let platform: Platform;
let shop: TestCompany;
beforeAll(async () => {
  platform = await startTestPlatform({ WHATSAPP_SEND_TIMEOUT_MS: '600', OUTBOUND_UNKNOWN_GRACE_SECONDS: '2' });
  shop = await createTestCompany(platform);
});
afterAll(async () => platform.stop());

it('a reply settled by its statuses while its send was in flight is never sent again', async () => {
  await fetch(`${platform.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone_number_id: shop.phoneNumberId, mode: 'slow', delay_ms: 2000, count: 1 }),
  });
  const c = customer(platform, shop);
  await c.send('hola');
  const sent = () => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === c.waId);
  await waitFor(async () => sent().length >= 1, 10_000, 'reply accepted');
  // Past the timeout and the grace period: time enough for a second send, were there one.
  await new Promise((r) => setTimeout(r, 4500));
  expect(sent()).toHaveLength(1);
  const [row] = await shop.db.message.findMany({ where: { direction: 'outbound', recipient: c.waId } });
  expect(row!.providerMessageId).toBe(sent()[0]!.wamid);
  expect(row!.status).toBe('read');
  expect(row!.attempts).toBe(1);
}, 20_000);
