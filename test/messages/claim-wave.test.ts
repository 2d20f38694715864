import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { claimWave } from '../../src/modules/messages/index.ts';
import { createTestTenantDb } from '../helpers/db.ts';

// The sender's wave statement holds only the parts a wave needs (the first wave's crash check,
// the claim, the previous wave's results): every combination against a real message log.

let t: Awaited<ReturnType<typeof createTestTenantDb>>;
const timings = { retryHorizonMs: 86_400_000, unknownGraceMs: 60_000 };
const log = () => ({ pool: t.pool, schema: t.schema });
let inbox = 1000n;

async function customer(waId: string): Promise<string> {
  const id = randomUUID();
  await t.pool.query(`INSERT INTO "${t.schema}".customers (id, wa_id, updated_at) VALUES ($1, $2, now())`, [id, waId]);
  return id;
}
/** Reply rows to `waId` answering a new inbox message, in the given statuses; their ids. */
async function replies(customerId: string, waId: string, statuses: string[]): Promise<{ inboxId: string; ids: string[] }> {
  const inboxId = String(inbox++);
  const ids: string[] = [];
  for (const [seq, status] of statuses.entries()) {
    const { rows } = await t.pool.query<{ id: string }>(
      `INSERT INTO "${t.schema}".messages (customer_id, direction, inbox_id, seq, recipient, type, body, payload, status, updated_at)
       VALUES ($1, 'outbound', $2, $3, $4, 'text', 'hola', '{"kind":"text","body":"hola"}', $5, now()) RETURNING id::text`,
      [customerId, inboxId, seq, waId, status],
    );
    ids.push(rows[0]!.id);
  }
  return { inboxId, ids };
}
const statusOf = async (id: string) => (await t.pool.query<{ status: string; provider_message_id: string | null }>(`SELECT status, provider_message_id FROM "${t.schema}".messages WHERE id = $1`, [id])).rows[0]!;

beforeAll(async () => {
  t = await createTestTenantDb();
});
afterAll(async () => {
  await t.close();
});

describe('the wave statement', () => {
  it('claims pending rows and says which wait behind an unsettled earlier row of their conversation', async () => {
    const ana = await customer('5215500000101');
    const beto = await customer('5215500000102');
    const waiting = await replies(beto, '5215500000102', ['retry']);
    const a = await replies(ana, '5215500000101', ['pending']);
    const b = await replies(beto, '5215500000102', ['pending']);
    const rows = await claimWave(log(), { inboxIds: [], ids: [...a.ids, ...b.ids], accepted: [] }, timings);
    expect(rows.map((r) => [r.id, r.outcome]).sort()).toEqual([[a.ids[0], 'claimed'], [b.ids[0], 'blocked']].sort());
    expect(rows.find((r) => r.outcome === 'blocked')?.recipient).toBe('5215500000102');
    expect((await statusOf(a.ids[0]!)).status).toBe('sending');
    expect((await statusOf(b.ids[0]!)).status).toBe('pending');
    expect((await statusOf(waiting.ids[0]!)).status).toBe('retry');
  });

  it('on a first wave turns rows a crashed attempt left sending into unknown, due after the grace, and claims the rest', async () => {
    const carla = await customer('5215500000103');
    const crashed = await replies(carla, '5215500000103', ['sending', 'pending']);
    const rows = await claimWave(log(), { inboxIds: [crashed.inboxId], ids: [crashed.ids[1]!], accepted: [] }, timings);
    const interrupted = rows.find((r) => r.outcome === 'interrupted');
    expect(interrupted).toMatchObject({ id: crashed.ids[0], recipient: '5215500000103' });
    expect(interrupted!.due!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // The second row waits behind the first: its outcome is not known.
    expect(rows.find((r) => r.id === crashed.ids[1])?.outcome).toBe('blocked');
    expect((await statusOf(crashed.ids[0]!)).status).toBe('unknown');
  });

  it('writes the previous wave’s results with the next claim, and alone after the last wave, never below a status already there', async () => {
    const dora = await customer('5215500000104');
    const first = await replies(dora, '5215500000104', ['pending']);
    const second = await replies(dora, '5215500000104', ['pending']);
    expect((await claimWave(log(), { inboxIds: [], ids: first.ids, accepted: [] }, timings)).map((r) => r.outcome)).toEqual(['claimed']);
    // A status settled the first reply while its send was in flight.
    await t.pool.query(`UPDATE "${t.schema}".messages SET status = 'delivered', status_rank = 4 WHERE id = $1`, [first.ids[0]]);
    const next = await claimWave(log(), { inboxIds: [], ids: second.ids, accepted: [{ id: BigInt(first.ids[0]!), providerMessageId: 'wamid.first' }] }, timings);
    expect(next.map((r) => r.outcome)).toEqual(['claimed']);
    expect(await statusOf(first.ids[0]!)).toEqual({ status: 'delivered', provider_message_id: 'wamid.first' });
    const last = await claimWave(log(), { inboxIds: [], ids: [], accepted: [{ id: BigInt(second.ids[0]!), providerMessageId: 'wamid.second' }] }, timings);
    expect(last).toEqual([]);
    expect(await statusOf(second.ids[0]!)).toEqual({ status: 'accepted', provider_message_id: 'wamid.second' });
  });

  it('with every part at once, and with none', async () => {
    const eva = await customer('5215500000105');
    // Two replies to one message, both left sending: the first was accepted (its result comes with this statement), the second's send was cut short.
    const both = await replies(eva, '5215500000105', ['sending', 'sending']);
    const fresh = await replies(eva, '5215500000105', ['pending']);
    const rows = await claimWave(log(), { inboxIds: [both.inboxId], ids: fresh.ids, accepted: [{ id: BigInt(both.ids[0]!), providerMessageId: 'wamid.done' }] }, timings);
    // The accepted row is not taken for interrupted; the other is, and the fresh one waits behind it.
    expect(rows.map((r) => [r.id, r.outcome]).sort()).toEqual([[both.ids[1], 'interrupted'], [fresh.ids[0], 'blocked']].sort());
    expect(await statusOf(both.ids[0]!)).toEqual({ status: 'accepted', provider_message_id: 'wamid.done' });
    expect((await statusOf(both.ids[1]!)).status).toBe('unknown');
    expect(await claimWave(log(), { inboxIds: [], ids: [], accepted: [] }, timings)).toEqual([]);
  });
});
