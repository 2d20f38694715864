// Issue 9's behaviours at the engine, on a fixed clock: bursts folded into one turn, business
// questions answered from the shop's settings in its time zone, placed orders cancelled by their
// owner (stock back, the shop told) and never revealed to others, "No entendí" escalating.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessInfo } from '../../src/modules/companies/index.ts';
import { planBursts } from '../../src/modules/conversations/flows/bursts.ts';
import { hoursAnswer } from '../../src/modules/conversations/flows/business-answers.ts';
import { bodyOf, createHarness, optionIds, type Harness } from './harness.ts';

const weekday = (day: number) => ({ day, open: '09:00', close: '20:00' });
const INFO: BusinessInfo = {
  hours: { weekly: [1, 2, 3, 4, 5].map(weekday).concat([{ day: 6, open: '10:00', close: '14:00' }]), exceptions: [], acceptOrdersWhenClosed: true },
  delivery: { delivery: true, pickup: true, fee: '30.00', freeFrom: '300.00', minimumOrder: '80.00', areas: 'Centro, Roma' },
  paymentMethods: ['Efectivo', 'Tarjeta'],
  address: 'Av. Juárez 10, Centro',
};

let h: Harness;
beforeAll(async () => {
  // The harness clock: Monday 2026-11-23 12:00 in Mexico City.
  h = await createHarness({ company: { businessInfo: INFO } });
});
afterAll(async () => {
  await h.tenant.close();
});

const sessionOf = (customerId: string) => h.db.customerSession.findUniqueOrThrow({ where: { customerId } });
let seq = 0;
const inbound = (waId: string, text: string) => ({
  inboxId: 700_000n + BigInt(++seq),
  providerMessageId: `wamid.burst.${process.pid}.${seq}`,
  waId,
  profileName: 'Ana',
  timestamp: new Date(),
  content: { type: 'text' as const, text },
});

describe('bursts', () => {
  it('plans a repeat and a time-only tail into the next message, and leaves separate requests alone', () => {
    const ctx = { now: new Date('2026-11-23T18:00:00Z'), timeZone: 'America/Mexico_City' };
    const batch = [inbound('1', 'quiero 2 garrafones'), inbound('1', 'para mañana'), inbound('2', 'sí'), inbound('2', 'sí'), inbound('3', 'hola'), inbound('3', 'menu')];
    const plan = planBursts(batch, ctx);
    expect(plan.get(batch[0]!.inboxId)).toEqual({ folded: true });
    expect(plan.get(batch[1]!.inboxId)).toEqual({ folded: false, text: 'quiero 2 garrafones\npara mañana' });
    expect(plan.get(batch[2]!.inboxId)).toEqual({ folded: true });
    expect(plan.get(batch[3]!.inboxId)).toEqual({ folded: false, text: 'sí' });
    expect(plan.has(batch[4]!.inboxId)).toBe(false);
    expect(plan.has(batch[5]!.inboxId)).toBe(false);
  });

  it('"quiero 2 garrafones" + "para mañana" pending together: one reply, the order with its time, both messages logged', async () => {
    const c = h.customer('Ana');
    await c.send('hola');
    const batch = [inbound(c.waId, 'quiero 2 garrafones'), inbound(c.waId, 'para mañana')];
    const results = await h.engine.handleInboundBatch(h.db, h.company, batch);
    expect(results[0]!.outbound).toEqual([]);
    expect(results[1]!.outbound).toHaveLength(1);
    expect(bodyOf(results[1]!.outbound[0]!.content)).toContain('2 × *Garrafón de agua 20 L*');
    const session = (await sessionOf(results[1]!.customerId)).data as { cart: unknown[]; requested: { text: string } | null };
    expect(session.cart).toHaveLength(1);
    expect(session.requested?.text).toBe('mañana');
    expect(await h.db.message.count({ where: { inboxId: { in: batch.map((b) => b.inboxId) }, direction: 'inbound' } })).toBe(2);
  });

  it('thirty "sí" in one drain get one answer, never thirty "No entendí"', async () => {
    const c = h.customer('Beto');
    await c.send('hola');
    const batch = Array.from({ length: 30 }, () => inbound(c.waId, 'sí'));
    const results = await h.engine.handleInboundBatch(h.db, h.company, batch);
    const replies = results.flatMap((r) => r.outbound);
    expect(replies).toHaveLength(1);
    expect(bodyOf(replies[0]!.content)).not.toContain('No entendí');
  });
});

describe('business questions from the shop settings, in its time zone', () => {
  it('open now, closed until later today, closed until tomorrow, closed until Monday', () => {
    const tz = 'America/Mexico_City';
    expect(hoursAnswer(INFO.hours, new Date('2026-11-23T18:00:00Z'), tz)).toContain('estamos abiertos: hoy abrimos de 9:00 a 20:00');
    expect(hoursAnswer(INFO.hours, new Date('2026-11-23T13:00:00Z'), tz)).toContain('Ahora estamos cerrados; abrimos hoy a las 9:00');
    expect(hoursAnswer(INFO.hours, new Date('2026-11-24T03:00:00Z'), tz)).toContain('Ahora estamos cerrados; abrimos mañana a las 9:00');
    // Saturday 15:00: Sunday closed, so Monday.
    expect(hoursAnswer(INFO.hours, new Date('2026-11-28T21:00:00Z'), tz)).toContain('abrimos el lunes a las 9:00');
    expect(hoursAnswer(INFO.hours, new Date('2026-11-23T18:00:00Z'), tz)).toContain('• lun a vie: de 9:00 a 20:00');
    // A holiday closes the day whatever the week says.
    const holiday = { ...INFO.hours!, exceptions: [{ date: '2026-11-23', closed: true }] };
    expect(hoursAnswer(holiday, new Date('2026-11-23T18:00:00Z'), tz)).toContain('abrimos mañana a las 9:00');
  });

  it('answers hours, delivery, payment and address, never "No entendí"', async () => {
    const c = h.customer();
    await c.send('hola');
    expect(bodyOf((await c.send('¿a qué hora abren?')).reply)).toContain('hoy abrimos de 9:00 a 20:00');
    const delivery = bodyOf((await c.send('¿cuánto cobran de envío?')).reply);
    expect(delivery).toContain('$30.00');
    expect(delivery).toContain('$300.00');
    expect(delivery).toContain('Pedido mínimo: $80.00');
    expect(bodyOf((await c.send('¿aceptan tarjeta?')).reply)).toContain('efectivo y tarjeta');
    expect(bodyOf((await c.send('¿dónde están ubicados?')).reply)).toContain('Av. Juárez 10');
  });

  it('a shop without settings answers kindly and offers a person', async () => {
    const bare = await createHarness();
    try {
      const c = bare.customer();
      await c.send('hola');
      const r = await c.send('¿a qué hora abren?');
      expect(bodyOf(r.reply)).toContain('una persona del equipo');
      expect(optionIds(r.reply)).toContain('menu:advisor');
    } finally {
      await bare.tenant.close();
    }
  });
});

describe('placed orders', () => {
  async function placed(name: string) {
    const c = h.customer(name);
    await c.send('hola');
    await c.send('2 garrafones');
    await c.tap('cart:finish');
    await c.send('Calle 5 de Mayo 120, Col. Centro');
    const done = await c.tap('confirm:yes');
    return { c, code: /P-\d+/.exec(bodyOf(done.reply))![0] };
  }

  it('"cancelar" after confirming asks, then cancels: stock back, history written, the shop told', async () => {
    const stockBefore = (await h.db.product.findUniqueOrThrow({ where: { sku: 'GAR' } })).stock!;
    const { c, code } = await placed('Carla');
    const ask = await c.send('cancelar');
    expect(bodyOf(ask.reply)).not.toContain('No tienes ningún pedido en curso');
    expect(bodyOf(ask.reply)).toContain(`¿Quieres cancelar tu pedido *${code}*`);
    const done = await c.tap('corder:yes');
    expect(bodyOf(done.reply)).toContain(`cancelé tu pedido *${code}*`);
    expect(done.outbound.find((o) => o.to === h.company.adminPhone)?.content).toMatchObject({ kind: 'text', body: expect.stringContaining(`canceló su pedido *${code}*`) });
    const order = await h.db.order.findUniqueOrThrow({ where: { orderCode: code }, include: { history: true } });
    expect(order.status).toBe('cancelado');
    expect(order.history.map((x) => x.toStatus)).toEqual(['pendiente', 'cancelado']);
    expect((await h.db.product.findUniqueOrThrow({ where: { sku: 'GAR' } })).stock!.toString()).toBe(stockBefore.toString());
  });

  it('an order the shop started on is not cancelled: the customer is told who to ask', async () => {
    const { c, code } = await placed('Diego');
    await h.db.order.update({ where: { orderCode: code }, data: { status: 'en_preparacion' } });
    const r = await c.send(`cancela el ${code}`);
    expect(bodyOf(r.reply)).toContain('ya no puedo cancelarlo');
    expect(optionIds(r.reply)).toContain('menu:advisor');
    expect((await h.db.order.findUniqueOrThrow({ where: { orderCode: code } })).status).toBe('en_preparacion');
  });

  it('status by code for its owner only; another customer\'s code is never revealed nor cancelled', async () => {
    const { c, code } = await placed('Elena');
    expect(bodyOf((await c.send(`¿cómo va mi pedido ${code}?`)).reply)).toContain(`Tu pedido *${code}* está *pendiente de confirmar*`);
    const other = h.customer('Fabián');
    await other.send('hola');
    const r = await other.send(`¿cómo va el ${code}?`);
    expect(bodyOf(r.reply)).toContain(`No encuentro el pedido *${code}* en tu número`);
    expect(bodyOf(r.reply)).not.toContain('$90.00');
    const cancel = await other.send(`cancela el pedido ${code}`);
    expect(bodyOf(cancel.reply)).toContain('No encuentro el pedido');
    expect((await h.db.order.findUniqueOrThrow({ where: { orderCode: code } })).status).toBe('pendiente');
  });
});

describe('not understood in a row', () => {
  it('the options, then a shorter hint, then a person; something understood starts over', async () => {
    const c = h.customer();
    await c.send('hola');
    const first = await c.send('asdf qwer');
    expect(bodyOf(first.reply)).toContain('No entendí «asdf qwer»');
    expect(optionIds(first.reply)).toContain('menu:catalog');
    const second = await c.send('zzzz');
    expect(second.reply?.kind).toBe('text');
    expect(bodyOf(second.reply)).toContain('sigo sin entenderte');
    const third = await c.send('qqqq');
    expect(bodyOf(third.reply)).toContain('una persona del equipo');
    expect(optionIds(third.reply)).toEqual(['menu:advisor', 'menu:main']);
    await c.send('quiero 1 garrafón');
    expect(bodyOf((await c.send('wwww')).reply)).toContain('No entendí «wwww»');
  });
});

describe('requested delivery time', () => {
  it('is kept on the order, in the summary and in the shop\'s notice; "mañana" is never a product', async () => {
    const c = h.customer('Gabi');
    await c.send('hola');
    const cart = await c.send('quiero 2 garrafones para mañana en la tarde');
    expect(bodyOf(cart.reply)).toContain('2 × *Garrafón de agua 20 L*');
    expect(bodyOf(cart.reply)).not.toContain('No encontré');
    await c.tap('cart:finish');
    const summary = await c.send('Calle 5 de Mayo 120, Col. Centro');
    expect(bodyOf(summary.reply)).toContain('🕒 Para: mañana en la tarde (mañana de');
    const done = await c.tap('confirm:yes');
    const code = /P-\d+/.exec(bodyOf(done.reply))![0];
    const order = await h.db.order.findUniqueOrThrow({ where: { orderCode: code } });
    expect(order.requestedText).toBe('mañana en la tarde');
    // Tuesday 24 Nov in Mexico City, in the afternoon.
    expect(order.requestedFrom!.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(order.requestedTo!.getTime()).toBeGreaterThan(order.requestedFrom!.getTime());
    const notice = done.outbound.find((o) => o.to === h.company.adminPhone)?.content;
    expect(bodyOf(notice)).toContain('🕒 Para: mañana en la tarde');
  });
});
