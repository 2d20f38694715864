// A plan's monthly messages running out mid-conversation, through the real path: signed
// webhook → inbox → queue → engine → Graph API emulator. The customer already ordering finishes
// the order; others get one kind notice; the owner is told once (admin phone and an alert).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { providerChat } from '../helpers/provider-chat.ts';
import type { Platform } from '../../src/composition.ts';

let platform: Platform;
let shop: TestCompany;
const ADMIN_PHONE = '5215517770001';
const LIMIT = 2000; // Básico

beforeAll(async () => {
  platform = await startTestPlatform();
  shop = await createTestCompany(platform, { plan: 'basico', adminPhone: ADMIN_PHONE, products: [{ name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 10 }] });
});
afterAll(async () => {
  await platform.stop();
});

const period = () => new Date().toISOString().slice(0, 7);
const setUsage = (messages: number) =>
  platform.pool.query(
    `INSERT INTO public.usage_counters (company_id, period, inbound_messages, outbound_messages) VALUES ($1, $2, $3, 0)
     ON CONFLICT (company_id, period) DO UPDATE SET inbound_messages = EXCLUDED.inbound_messages, outbound_messages = 0`,
    [shop.id, period(), messages],
  );
const toAdmin = () =>
  platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === ADMIN_PHONE)
    .map((m) => (m.body as { text?: { body: string } }).text?.body ?? '');
const limitNotices = () => toAdmin().filter((t) => t.includes('llegó al límite'));
/** Waits until every message the customer sent was handled (so a missing reply is really missing). */
const allProcessed = (waId: string) =>
  waitFor(async () => {
    const { rows } = await platform.pool.query(`SELECT count(*)::int AS n FROM inbox_events WHERE wa_id = $1 AND company_id = $2 AND state <> 'processed'`, [waId, shop.id]);
    return rows[0].n === 0;
  }, 10_000, 'messages processed');

describe('the monthly message limit reached mid-conversation', () => {
  it('an order in progress completes, other customers get one kind notice, the owner is told once', async () => {
    const buyer = providerChat(platform, shop, 'Rosa');
    const cart = await buyer.say('quiero 2 garrafones');
    expect(cart.text).toContain('$90.00');

    // The plan's messages run out while Rosa is ordering.
    await setUsage(LIMIT);

    const address = await buyer.choose(/Finalizar/);
    expect(address.text).toMatch(/dirección/i);
    const summary = await buyer.say('Av. Juárez 123, Col. Centro');
    expect(summary.options.map((o) => o.title)).toContain('Confirmar');
    const placed = await buyer.choose('Confirmar');
    expect(placed.text).toMatch(/P-\d+/);
    expect(await shop.db.order.count({ where: { customer: { waId: buyer.waId } } })).toBe(1);

    // Someone new gets the kind notice, once (not again the same day).
    const other = providerChat(platform, shop, 'Luis');
    const notice = await other.say('hola, ¿tienen garrafones?');
    expect(notice.text).toContain('no puede atender mensajes por WhatsApp');
    expect(notice.options).toEqual([]);
    const before = other.replies().length;
    await other.delivery({ type: 'text', text: '¿hola?' }).post();
    await allProcessed(other.waId);
    expect(other.replies()).toHaveLength(before);

    // Rosa's order is done: she is no longer in progress.
    const after = await buyer.say('hola');
    expect(after.text).toContain('no puede atender mensajes por WhatsApp');

    // A third customer: the owner is not told again.
    const third = providerChat(platform, shop, 'Ana');
    await third.say('buenas');
    await waitFor(async () => limitNotices().length >= 1, 10_000, 'owner notice');
    expect(limitNotices()).toHaveLength(1);
    expect(limitNotices()[0]).toContain(`${LIMIT.toLocaleString('es-MX')} mensajes`);
    const alerts = await platform.pool.query(`SELECT details FROM alerts WHERE kind = 'plan_limit' AND company_id = $1`, [shop.id]);
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0].details).toMatchObject({ period: period(), limit: LIMIT });
    const claims = await shop.db.planNotice.findMany();
    expect(claims.map((c) => [c.period, c.kind])).toEqual([[period(), 'message_limit']]);
  }, 60_000);

  it('after a plan change the next customers are answered normally (the number cache keeps the old plan up to 15 s)', async () => {
    await platform.pool.query(`UPDATE public.companies SET plan_code = 'premium' WHERE id = $1`, [shop.id]);
    // The engine reads the plan with the number (cached for up to 15 s): start fresh.
    const c = await waitFor(async () => {
      const chat = providerChat(platform, shop, 'Marta');
      const reply = await chat.say('hola');
      return reply.text.includes('no puede atender') ? null : reply;
    }, 30_000, 'answered under the new plan');
    expect(c.options.length).toBeGreaterThan(0);
  }, 40_000);
});
