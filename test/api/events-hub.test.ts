import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createEventHub, publish, EVENTS_CHANNEL, type Delivery, type EventHub } from '../../src/modules/events/index.ts';
import { createTestTenantDb, pg, testDatabaseUrl, testLogger } from '../helpers/db.ts';
import { waitFor } from '../helpers/platform.ts';

// The live event bus on its own: pg_notify on the writing transaction, one listening connection
// per process, subscribers per company, and a listener that comes back after its connection dies.
describe('live event bus', () => {
  let hub: EventHub;
  let pool: pg.Pool;
  let tenant: Awaited<ReturnType<typeof createTestTenantDb>>;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
    tenant = await createTestTenantDb();
    hub = createEventHub({ defaultUrl: testDatabaseUrl(), logger: testLogger(), reconnectMinMs: 50, reconnectMaxMs: 200 });
  });
  afterAll(async () => {
    await hub.close();
    await tenant.close();
    await pool.end();
  });

  function collect(companyId: string) {
    const got: Delivery[] = [];
    const stop = hub.subscribe(companyId, (d) => got.push(d));
    return { got, stop, events: () => got.flatMap((d) => (d.kind === 'event' ? [d.event] : [])) };
  }

  it('delivers a company’s events only to that company’s subscribers', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const subA = collect(a);
    const subB = collect(b);
    await hub.listening();
    await publish(pool, a, { type: 'message.new', data: { customerId: 'c1', messageId: '7' } });
    await waitFor(async () => subA.events().length === 1, 5000, 'event for A');
    expect(subA.events()[0]).toMatchObject({ companyId: a, type: 'message.new', data: { customerId: 'c1', messageId: '7' } });
    await publish(pool, b, { type: 'order.new', data: { orderId: 'o1' } });
    await waitFor(async () => subB.events().length === 1, 5000, 'event for B');
    expect(subA.events()).toHaveLength(1);
    subA.stop();
    subB.stop();
  });

  it('publishes on commit from a Prisma transaction and never for a rolled-back one', async () => {
    const a = randomUUID();
    const sub = collect(a);
    await hub.listening();
    await tenant.db
      .$transaction(async (tx) => {
        await publish(tx, a, { type: 'handoff', data: { customerId: 'lost' } });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await tenant.db.$transaction(async (tx) => {
      await publish(tx, a, { type: 'handoff', data: { customerId: 'kept', active: true } });
    });
    await waitFor(async () => sub.events().length >= 1, 5000, 'committed event');
    // A marker published after both proves the rolled-back one is not merely late.
    await publish(pool, a, { type: 'order.status', data: { orderId: 'marker' } });
    await waitFor(async () => sub.events().length >= 2, 5000, 'marker');
    expect(sub.events().map((e) => e.data.customerId ?? e.data.orderId)).toEqual(['kept', 'marker']);
    sub.stop();
  });

  it('replays what it remembers after a Last-Event-ID and says when it does not know the id', async () => {
    const a = randomUUID();
    const sub = collect(a);
    await hub.listening();
    for (const n of [1, 2, 3]) await publish(pool, a, { type: 'message.status', data: { messageId: String(n), status: 'sent' } });
    await waitFor(async () => sub.events().length === 3, 5000, 'three events');
    const [first] = sub.events();
    expect(hub.replaySince(a, first!.id)?.map((e) => e.data.messageId)).toEqual(['2', '3']);
    expect(hub.replaySince(a, 'unknown-id')).toBeUndefined();
    sub.stop();
  });

  it('ignores payloads that are not ours and refuses events too large for NOTIFY', async () => {
    const a = randomUUID();
    const sub = collect(a);
    await hub.listening();
    await pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, 'not json']);
    await pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify({ i: 'x', c: a, t: 'drop.tables', d: {} })]);
    await expect(publish(pool, a, { type: 'message.new', data: { body: 'x'.repeat(8000) } })).rejects.toThrow(/too large/);
    await publish(pool, a, { type: 'message.new', data: { messageId: 'ok' } });
    await waitFor(async () => sub.events().length >= 1, 5000, 'valid event');
    expect(sub.events().map((e) => e.data.messageId)).toEqual(['ok']);
    sub.stop();
  });

  it('reconnects after its connection is killed, tells subscribers to resync, and receives again', async () => {
    const a = randomUUID();
    const sub = collect(a);
    await hub.listening();
    // What a PostgreSQL restart does to the listener: its backend goes away.
    const { rowCount } = await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE $1 AND pid <> pg_backend_pid()`,
      [`%LISTEN ${EVENTS_CHANNEL}%`],
    );
    expect(rowCount).toBeGreaterThan(0);
    await waitFor(async () => sub.got.some((d) => d.kind === 'resync'), 10_000, 'resync after reconnect');
    await publish(pool, a, { type: 'order.new', data: { orderId: 'after-restart' } });
    await waitFor(async () => sub.events().some((e) => e.data.orderId === 'after-restart'), 5000, 'event after reconnect');
    expect(hub.stats()).toMatchObject({ connected: 1 });
    sub.stop();
    expect(hub.stats().subscribers).toBe(0);
  });
});
