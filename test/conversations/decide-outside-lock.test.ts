import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { decisionsWaitedOutside, menuDecider, waitOutside, type Decider, type Turn } from '../../src/modules/conversations/index.ts';
import { inboundPayload, postWebhook } from '../helpers/meta-client.ts';
import type { Platform } from '../../src/composition.ts';

// A turn is decided outside any transaction and committed in a short one (conversation-engine.ts).
// These go the real way — signed webhook → inbox → drain job → engine → Graph API emulator → rows —
// with a decider plugged in through the seam the AI agent will use: the menu engine, made slow
// or held for chosen messages.

let platform: Platform;
let shop: TestCompany;

/** Per message text: what the test decider does before the menu engine decides it. */
const before = new Map<string, (turn: Turn) => Promise<void>>();
/** Every decision made: who, which message, and the batch's read handle (one per drain batch). */
const decisions: { waId: string; text: string; reader: unknown }[] = [];

const testDecider: Decider = {
  async decide(turn, input) {
    const text = turn.inbound.content.type === 'text' ? turn.inbound.content.text : '';
    decisions.push({ waId: turn.customer.waId, text, reader: turn.tx });
    await before.get(`${turn.customer.waId}:${text}`)?.(turn);
    return menuDecider.decide(turn, input);
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * Holds `waId`'s "hola" in the decider through `hold`, which is given a promise the test settles
 * (`seen()`) once it has looked; `started` settles when the decision begins, `done` tells whether
 * it has ended.
 */
function holdHola(waId: string, hold: (seen: Promise<void>) => Promise<unknown>) {
  let markStarted!: () => void;
  let markSeen!: () => void;
  const seen = new Promise<void>((r) => (markSeen = r));
  const held = { done: false, started: new Promise<void>((r) => (markStarted = r)), seen: () => markSeen() };
  before.set(`${waId}:hola`, async () => {
    markStarted();
    await hold(seen);
    held.done = true;
  });
  return held;
}
const repliesTo = (waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);
const textOf = (m: { body: Record<string, unknown> }) => JSON.stringify(m.body);

const used = new Set<string>();

/** `n` new numbers whose conversations share one queue of the company's band (so one drain job takes them together). */
async function numbersOnOneQueue(n: number): Promise<string[]> {
  const candidates = Array.from({ length: 400 }, (_, i) => `5215577${String(process.pid % 1000).padStart(3, '0')}${String(i).padStart(3, '0')}`).filter((w) => !used.has(w));
  const { rows } = await platform.pool.query<{ w: string; slot: number }>('SELECT w, hashtext(w) & 31 AS slot FROM unnest($1::text[]) AS w', [candidates]);
  const bySlot = new Map<number, string[]>();
  for (const r of rows) bySlot.set(r.slot, [...(bySlot.get(r.slot) ?? []), r.w]);
  const found = [...bySlot.values()].find((ws) => ws.length >= n);
  if (!found) throw new Error('no queue with enough numbers');
  for (const w of found.slice(0, n)) used.add(w);
  return found.slice(0, n);
}

const queueOf = async (providerMessageId: string) =>
  (await platform.pool.query<{ queue_no: number; state: string }>('SELECT queue_no, state FROM inbox_events WHERE provider_message_id = $1', [providerMessageId])).rows[0]!;

beforeAll(async () => {
  platform = await startTestPlatform({ RECONCILE_INTERVAL_MS: '600000' }, { deciderFor: () => testDecider });
  shop = await createTestCompany(platform, { products: [{ name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 10 }] });
});
afterAll(async () => {
  await platform.stop();
});

describe('a slow decider', () => {
  it('does not hold back the other customers of its drain job: they are answered while it still decides', { timeout: 60_000 }, async () => {
    const [slowWaId, ...others] = await numbersOnOneQueue(4);
    // Five seconds at least, and until the test has looked (a loaded machine may take longer to
    // answer the others; what matters is that they are answered while this one still decides).
    const slow = holdHola(slowWaId!, (seen) => Promise.all([sleep(5000), Promise.race([seen, sleep(30_000)])]));
    // One delivery with the four messages: stored together, read together by the queue's drain job.
    const sent = [slowWaId!, ...others].map((from) => inboundPayload({ phoneNumberId: shop.phoneNumberId, from, message: { type: 'text', text: 'hola' } }));
    const res = await postWebhook(platform.url, { object: 'whatsapp_business_account', entry: sent.map((m) => m.payload.entry[0]) });
    expect(res.status).toBe(200);
    expect(new Set(await Promise.all(sent.map(async ({ id }) => (await queueOf(id)).queue_no)))).toHaveProperty('size', 1);
    await slow.started;

    // Every other customer gets the menu while the slow decision is still running.
    await waitFor(async () => others.every((w) => repliesTo(w!).length === 1), 25_000, 'the others answered');
    expect(slow.done).toBe(false);
    expect(repliesTo(slowWaId!)).toHaveLength(0);
    slow.seen();
    // … and they were decided in the same batch as the slow one (one read handle per drain batch).
    const slowReader = decisions.find((d) => d.waId === slowWaId)!.reader;
    for (const w of others) expect(decisions.find((d) => d.waId === w)!.reader).toBe(slowReader);

    // The slow one is answered once it has decided, once; every session was saved once.
    await waitFor(async () => repliesTo(slowWaId!).length === 1, 15_000, 'the slow customer answered');
    expect(slow.done).toBe(true);
    await sleep(300);
    for (const w of [slowWaId!, ...others]) {
      expect(repliesTo(w!)).toHaveLength(1);
      expect(textOf(repliesTo(w!)[0]!)).toMatch(/Ver catálogo/);
    }
    const sessions = await shop.db.customerSession.findMany({ where: { customer: { waId: { in: [slowWaId!, ...others] } } } });
    expect(sessions.map((s) => s.version)).toEqual([0n, 0n, 0n, 0n]);
    before.clear();
  });
});

describe('a customer who writes while a batch of the same queue is deciding', () => {
  /**
   * The slow customer's "hola" holds its batch through `wait` until the test has seen the other
   * customer answered (at most `holdMs`); meanwhile the other customer, on the same drain queue,
   * writes. Returns how long the other waited for the menu.
   */
  async function writeDuringSlowBatch(wait: (until: Promise<unknown>) => Promise<unknown>, holdMs: number) {
    const [slowWaId, otherWaId] = await numbersOnOneQueue(2);
    const slow = holdHola(slowWaId!, (seen) => wait(Promise.race([seen, sleep(holdMs)])));
    await customer(platform, shop, slowWaId!).send('hola');
    await slow.started;
    const other = customer(platform, shop, otherWaId!);
    const t0 = Date.now();
    await other.send('hola');
    await waitFor(async () => repliesTo(otherWaId!).length === 1, holdMs, 'the other customer answered');
    const waitedMs = Date.now() - t0;
    // Answered while the slow decision still runs, in a batch of its own.
    expect(slow.done).toBe(false);
    expect(repliesTo(slowWaId!)).toHaveLength(0);
    expect(decisions.find((d) => d.waId === otherWaId)!.reader).not.toBe(decisions.find((d) => d.waId === slowWaId)!.reader);
    slow.seen();
    await waitFor(async () => repliesTo(slowWaId!).length === 1, 20_000, 'the slow customer answered');
    expect(textOf(repliesTo(otherWaId!)[0]!)).toMatch(/Ver catálogo/);
    before.clear();
    return waitedMs;
  }

  it('is answered at once when the decision waits on something outside (waitOutside: a model)', { timeout: 60_000 }, async () => {
    const waitedMs = await writeDuringSlowBatch((until) => waitOutside(() => until), 20_000);
    // Well before a batch counts as slow for waiting on something not counted (5 s).
    expect(waitedMs).toBeLessThan(4_500);
  });

  it('is answered after a while also when the decider does not say what it waits on', { timeout: 60_000 }, async () => {
    // Nothing waited outside in the last second (the test before's wait counts for one more).
    await waitFor(async () => !decisionsWaitedOutside(), 5_000, 'the last wait outside a second ago');
    // Its batch is joined once it has run long enough to be waiting on something (5 s).
    await writeDuringSlowBatch((until) => until, 20_000);
  });
});

describe('a session changed while its turn decides', () => {
  it('makes the commit decide the turn again from the fresh session, and nothing of the stale decision is written', async () => {
    const [waId] = await numbersOnOneQueue(1);
    const c = customer(platform, shop, waId);
    await c.send('hola');
    await waitFor(async () => repliesTo(waId!).length === 1, 10_000, 'menu');
    const product = await shop.db.product.findFirstOrThrow();
    // While "ver carrito" is decided, another writer puts a line in the cart.
    before.set(`${waId}:ver carrito`, async () => {
      before.delete(`${waId}:ver carrito`);
      const customerRow = await shop.db.customer.findUniqueOrThrow({ where: { waId } });
      await platform.pool.query(
        `UPDATE "${await schemaOf()}"."customer_sessions"
           SET data = jsonb_set(data, '{cart}', $2::jsonb) WHERE customer_id = $1`,
        [customerRow.id, JSON.stringify([{ productId: product.id, name: product.name, unit: product.unit, price: '45.00', quantity: '3' }])],
      );
    });
    await c.send('ver carrito');
    await waitFor(async () => repliesTo(waId!).length === 2, 10_000, 'cart');
    // Decided twice: the first decision saw an empty cart, the second the line written meanwhile.
    expect(decisions.filter((d) => d.waId === waId && d.text === 'ver carrito')).toHaveLength(2);
    // The reply is the second decision's: it knows of the line the first one never saw.
    expect(textOf(repliesTo(waId!)[1]!)).toMatch(/pedido sin terminar \(1 producto\)/);
    const session = await shop.db.customerSession.findFirstOrThrow({ where: { customer: { waId } } });
    expect((session.data as { cart: unknown[] }).cart).toHaveLength(1);
    // Saved by the first message, moved by the other writer, saved again by the re-decided turn.
    expect(session.version).toBe(2n);
    expect(await shop.db.message.count({ where: { customer: { waId }, direction: 'outbound' } })).toBe(2);
  });
});

async function schemaOf(): Promise<string> {
  const { rows } = await platform.pool.query<{ schema: string }>(`SELECT db_connection_config->>'schema' AS schema FROM companies WHERE id = $1`, [shop.id]);
  return rows[0]!.schema;
}

/** Walks a new customer to the order summary; returns the customer. */
async function toSummary(waId: string) {
  const c = customer(platform, shop, waId);
  const expectReplies = async (n: number, label: string) => waitFor(async () => repliesTo(waId).length >= n, 10_000, label);
  await c.send('quiero 2 garrafones');
  await expectReplies(1, 'cart');
  const finish = repliesTo(waId)[0]!.body as { interactive?: { action?: { buttons?: { reply: { id: string; title: string } }[] } } };
  const button = finish.interactive!.action!.buttons!.find((b) => /Finalizar/.test(b.reply.title))!;
  await c.send({ type: 'button_reply', id: button.reply.id, title: button.reply.title });
  await expectReplies(2, 'address question');
  await c.send('Av. Juárez 123, Col. Centro');
  await expectReplies(3, 'summary');
  const summary = repliesTo(waId)[2]!.body as { interactive?: { action?: { buttons?: { reply: { id: string; title: string } }[] } } };
  const confirm = summary.interactive!.action!.buttons!.find((b) => b.reply.title === 'Confirmar')!;
  return { c, confirm: { type: 'button_reply' as const, id: confirm.reply.id, title: confirm.reply.title } };
}

describe('a crash between decide and commit, and a retried job', () => {
  it('write nothing twice: one order, stock taken once, one confirmation', { timeout: 60_000 }, async () => {
    const [waId] = await numbersOnOneQueue(1);
    const stockBefore = (await shop.db.product.findFirstOrThrow()).stock!;
    const { c, confirm } = await toSummary(waId!);
    const schema = await schemaOf();
    // The first commit of the confirmation dies inside its transaction, after the stock was
    // taken and the inbound message logged (a killed connection, a failover): the order insert fails once.
    await platform.pool.query(`
      CREATE SEQUENCE "${schema}".fault_once;
      CREATE FUNCTION "${schema}".fail_first_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('"${schema}".fault_once') = 1 THEN RAISE EXCEPTION 'injected: connection lost mid-commit'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_first_order BEFORE INSERT ON "${schema}".orders FOR EACH ROW EXECUTE FUNCTION "${schema}".fail_first_order();`);
    const confirmId = await c.send(confirm);
    // graphile-worker retries the failed job (backoff of a few seconds); the retry decides again and commits.
    await waitFor(async () => repliesTo(waId!).length === 4, 20_000, 'order confirmation after the retry');
    const decided = decisions.filter((d) => d.waId === waId && d.text === '');
    expect(decided.length).toBeGreaterThanOrEqual(2);
    const placed = textOf(repliesTo(waId!)[3]!);
    const code = /P-\d+/.exec(placed)?.[0];
    const orders = await shop.db.order.findMany({ where: { customer: { waId } }, include: { items: true } });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.orderCode).toBe(code);
    expect((await shop.db.product.findFirstOrThrow()).stock!.toFixed()).toBe(stockBefore.sub(2).toFixed());
    await waitFor(async () => (await queueOf(confirmId)).state === 'processed', 10_000, 'the confirmation processed');

    // The job runs again for the same message (a redelivered job, a restore): nothing new.
    const messagesBefore = await shop.db.message.count({ where: { customer: { waId } } });
    await platform.pool.query(`UPDATE inbox_events SET state = 'pending', processed_at = NULL WHERE provider_message_id = $1`, [confirmId]);
    const { queue_no } = await queueOf(confirmId);
    await platform.pool.query(
      `SELECT graphile_worker.add_job('process-messages', json_build_object('queue', $1::int), queue_name => 'conv-' || $1, job_key => 'conv-' || $1)`,
      [queue_no],
    );
    await waitFor(async () => (await queueOf(confirmId)).state === 'processed', 10_000, 'the job ran again');
    await sleep(300);
    expect(await shop.db.order.count({ where: { customer: { waId } } })).toBe(1);
    expect((await shop.db.product.findFirstOrThrow()).stock!.toFixed()).toBe(stockBefore.sub(2).toFixed());
    expect(await shop.db.message.count({ where: { customer: { waId } } })).toBe(messagesBefore);
    expect(repliesTo(waId!)).toHaveLength(4);
    await platform.pool.query(`DROP TRIGGER fail_first_order ON "${schema}".orders`);
  });
});
