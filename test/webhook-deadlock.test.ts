import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import { inboundPayload, postWebhook } from './helpers/meta-client.ts';
import type { Platform } from '../src/composition.ts';

// Concurrent webhook stores for the same few conversation queues, while workers take, finish
// and re-create those queues' jobs: the pattern that made the store statement deadlock
// (PostgreSQL 40P01, a second of waiting each, and a 500 when the retry deadlocked too).

let platform: Platform;
let shops: TestCompany[];

beforeAll(async () => {
  platform = await startTestPlatform({ WORKER_CONCURRENCY: '8' });
  shops = [await createTestCompany(platform), await createTestCompany(platform)];
});
afterAll(async () => {
  await platform.stop();
});

async function deadlocks(): Promise<number> {
  // Statistics are flushed by backends at most once a second; read a fresh snapshot.
  await platform.pool.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await platform.pool.query<{ n: string }>('SELECT deadlocks::text AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]!.n);
}

describe('webhook store under concurrent deliveries for the same queues', () => {
  it('never deadlocks and acknowledges every delivery with 200', async () => {
    const before = await deadlocks();
    // 6 regulars per shop (few queues, many messages each) plus a new customer per message.
    const regulars = shops.flatMap((s) => Array.from({ length: 6 }, (_, i) => ({ shop: s, waId: `52155${s.phoneNumberId.slice(-4)}${String(i).padStart(4, '0')}` })));
    const total = 2000;
    let next = 0;
    const statuses = new Map<number, number>();
    const sent: string[] = [];
    async function sender() {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const regular = regulars[i % regulars.length]!;
        const waId = i % 3 !== 1 ? `5219${String(i).padStart(9, '0')}${regular.shop.phoneNumberId.slice(-2)}` : regular.waId;
        // Two messages in one delivery half of the time: multi-message webhooks lock several queues.
        const one = inboundPayload({ phoneNumberId: regular.shop.phoneNumberId, from: waId, name: 'Ana', message: { type: 'text', text: 'hola' } });
        const payload = one.payload as unknown as { entry: { changes: { value: { messages: unknown[] } }[] }[] };
        sent.push(one.id);
        if (i % 2 === 0) {
          const other = regulars[(i + 5) % regulars.length]!;
          if (other.shop === regular.shop) {
            const two = inboundPayload({ phoneNumberId: other.shop.phoneNumberId, from: other.waId, name: 'Luis', message: { type: 'text', text: 'menu' } });
            const msgs = (two.payload as unknown as typeof payload).entry[0]!.changes[0]!.value.messages;
            payload.entry[0]!.changes[0]!.value.messages.push(...msgs);
            sent.push(two.id);
          }
        }
        const res = await postWebhook(platform.url, payload);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }
    await Promise.all(Array.from({ length: 64 }, sender));
    const stored = await waitFor(async () => {
      const { rows } = await platform.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.inbox_events WHERE provider_message_id = ANY($1)`, [sent]);
      return rows[0]!.n === sent.length ? rows[0]!.n : undefined;
    }, 60_000, 'every message stored');
    // Let the workers finish so their statements are counted too.
    await waitFor(async () => (await platform.pool.query(`SELECT 1 FROM public.inbox_events WHERE state = 'pending' LIMIT 1`)).rowCount === 0, 60_000, 'queues drained');
    await new Promise((r) => setTimeout(r, 1100));
    const after = await deadlocks();
    expect(Object.fromEntries(statuses)).toEqual({ 200: total });
    expect(stored).toBe(sent.length);
    expect(after - before).toBe(0);
  }, 240_000);
});
