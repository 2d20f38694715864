import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import { newWamid } from './helpers/meta-client.ts';
import { conversationQueueSql } from '../src/modules/inbox/inbox.repository.ts';
import type { Platform } from '../src/composition.ts';

// A stored message whose wake-up was lost (a job deleted by hand, a restore, a bug) must still be
// answered: the reconciler finds pending events with no job able to run them, re-enqueues them
// and tells the operator it had to.

let platform: Platform;
let shop: TestCompany;

beforeAll(async () => {
  platform = await startTestPlatform({ RECONCILE_INTERVAL_MS: '600000', RECONCILE_AFTER_SECONDS: '1' });
  shop = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

describe('the inbox reconciler', () => {
  it('re-enqueues a stored message that has no job, it is answered, and an alert says so', async () => {
    const channel = await platform.central.channel.findFirstOrThrow({ where: { phoneNumberId: shop.phoneNumberId } });
    const waId = '5215512340001';
    const id = newWamid();
    const message = { from: waId, id, timestamp: String(Math.floor(Date.now() / 1000) - 120), type: 'text', text: { body: 'hola' } };
    // Stored without a job, two minutes ago: exactly what a lost wake-up leaves behind.
    await platform.pool.query(
      `INSERT INTO public.inbox_events (kind, dedupe_key, provider_message_id, company_id, channel_id, wa_id, contact_name,
         message_type, payload, provider_timestamp, received_at, queue_no)
       VALUES ('message', $1, $1, $2, $3, $4, 'Ana', 'text', $5, now() - interval '2 minutes', now() - interval '2 minutes',
               ${conversationQueueSql('$2::uuid', '$4::text')})`,
      [id, shop.id, channel.id, waId, JSON.stringify(message)],
    );
    // Nothing happens on its own: no job will ever take it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId)).toHaveLength(0);

    expect(await platform.reconcileInbox()).toBe(1);
    await waitFor(async () => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).some((m) => m.waId === waId), 10_000, 'reply');
    // Marked processed once the batch is done (just after its replies are sent).
    await waitFor(async () => {
      const { rows } = await platform.pool.query<{ state: string }>(`SELECT state FROM public.inbox_events WHERE provider_message_id = $1`, [id]);
      return rows[0]!.state === 'processed';
    }, 10_000, 'message processed');
    const alerts = await platform.pool.query<{ kind: string; message: string }>(`SELECT kind, message FROM public.alerts WHERE kind = 'queue_stalled'`);
    expect(alerts.rows[0]!.message).toMatch(/1 stored customer messages had no job/);
    // Once handled, there is nothing left to reconcile.
    expect(await platform.reconcileInbox()).toBe(0);
  }, 30_000);

  it('leaves alone a pending message whose queue has a job that will run it', async () => {
    const channel = await platform.central.channel.findFirstOrThrow({ where: { phoneNumberId: shop.phoneNumberId } });
    const waId = '5215512340002';
    const id = newWamid();
    const message = { from: waId, id, timestamp: String(Math.floor(Date.now() / 1000) - 120), type: 'text', text: { body: 'hola' } };
    const { rows } = await platform.pool.query<{ q: number }>(
      `INSERT INTO public.inbox_events (kind, dedupe_key, provider_message_id, company_id, channel_id, wa_id, contact_name,
         message_type, payload, provider_timestamp, received_at, queue_no)
       VALUES ('message', $1, $1, $2, $3, $4, 'Ana', 'text', $5, now() - interval '2 minutes', now() - interval '2 minutes',
               ${conversationQueueSql('$2::uuid', '$4::text')})
       RETURNING queue_no AS q`,
      [id, shop.id, channel.id, waId, JSON.stringify(message)],
    );
    // Its drain job is there, due later (as a job backing off after a failure would be).
    await platform.pool.query(
      `SELECT graphile_worker.add_job('process-messages', json_build_object('queue', $1::int), queue_name => 'conv-' || $1,
         job_key => 'conv-' || $1, run_at => now() + interval '1 hour')`,
      [rows[0]!.q],
    );
    expect(await platform.reconcileInbox()).toBe(0);
    expect((await platform.pool.query(`SELECT 1 FROM public.alerts WHERE kind = 'queue_stalled'`)).rowCount).toBe(1);
  });
});

describe('the replies reconciler', () => {
  it('schedules the send job of a conversation whose waiting reply lost it, and the reply goes out', async () => {
    const waId = '5215512340003';
    const customerRow = await shop.db.customer.create({ data: { waId, name: 'Eva' } });
    // A reply waiting to be retried whose send job is gone (deleted by hand, a restore).
    const row = await shop.db.message.create({
      data: {
        customerId: customerRow.id,
        direction: 'outbound',
        recipient: waId,
        type: 'text',
        body: 'Hola Eva',
        payload: { kind: 'text', body: 'Hola Eva' },
        status: 'retry',
        // Due two minutes ago and untouched since: its send job should long have run.
        nextAttemptAt: new Date(Date.now() - 120_000),
        updatedAt: new Date(Date.now() - 120_000),
      },
    });
    expect(await platform.reconcileReplies()).toBe(1);
    const sent = await waitFor(async () => {
      const r = await shop.db.message.findUnique({ where: { id: row.id } });
      return r && ['accepted', 'sent', 'delivered', 'read'].includes(r.status) ? r : undefined;
    }, 10_000, 'waiting reply sent');
    expect(platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId).map((m) => m.wamid)).toEqual([sent.providerMessageId]);
    expect(await platform.reconcileReplies()).toBe(0);
  }, 30_000);
});
