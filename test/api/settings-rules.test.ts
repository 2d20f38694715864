// The pure rules the bot and the API share: opening hours in the shop's time zone, the "closed
// now, we open at …" notice, and the delivery fee / minimum of an order total.
import { describe, expect, it } from 'vitest';
import { businessInfoSchema, type BusinessInfo } from '../../src/modules/companies/index.ts';
import { closedNotice, deliveryCharges, isOpenAt, nextOpening, toCents, zonedInstant } from '../../src/modules/settings/index.ts';

const MX = 'America/Mexico_City'; // UTC-6, no daylight saving since 2022
const info = (v: unknown): BusinessInfo => businessInfoSchema.parse(v);
// Monday to Saturday 09:00–14:00 and 16:00–20:00; Sunday closed.
const shop = info({
  hours: {
    weekly: [1, 2, 3, 4, 5, 6].flatMap((day) => [{ day, open: '09:00', close: '14:00' }, { day, open: '16:00', close: '20:00' }]),
    exceptions: [{ date: '2026-12-25', closed: true }, { date: '2026-12-24', open: '10:00', close: '13:00' }],
  },
});
// 2026-12-07 is a Monday. Mexico City 09:30 = 15:30 UTC.
const mx = (local: string) => zonedInstant(local.slice(0, 10), local.slice(11, 16), MX);

describe('opening hours', () => {
  it('reads the wall clock of the shop, not the server', () => {
    expect(mx('2026-12-07T09:30').toISOString()).toBe('2026-12-07T15:30:00.000Z');
    expect(isOpenAt(shop, MX, mx('2026-12-07T09:30'))).toBe(true);
    expect(isOpenAt(shop, MX, mx('2026-12-07T08:59'))).toBe(false);
    expect(isOpenAt(shop, MX, mx('2026-12-07T14:00'))).toBe(false); // closing time is closed
    expect(isOpenAt(shop, MX, mx('2026-12-07T15:00'))).toBe(false); // lunch break
    expect(isOpenAt(shop, MX, mx('2026-12-06T12:00'))).toBe(false); // Sunday
  });

  it('an exception day replaces the week: closed, or other hours', () => {
    expect(isOpenAt(shop, MX, mx('2026-12-25T10:00'))).toBe(false);
    expect(isOpenAt(shop, MX, mx('2026-12-24T12:30'))).toBe(true);
    expect(isOpenAt(shop, MX, mx('2026-12-24T16:30'))).toBe(false);
  });

  it('next opening: later today, after the break, tomorrow, after a closed Sunday and a holiday', () => {
    expect(nextOpening(shop, MX, mx('2026-12-07T07:00'))).toMatchObject({ date: '2026-12-07', time: '09:00' });
    expect(nextOpening(shop, MX, mx('2026-12-07T14:30'))).toMatchObject({ date: '2026-12-07', time: '16:00' });
    expect(nextOpening(shop, MX, mx('2026-12-07T21:00'))?.at.toISOString()).toBe('2026-12-08T15:00:00.000Z');
    expect(nextOpening(shop, MX, mx('2026-12-05T20:30'))).toMatchObject({ date: '2026-12-07', weekday: 1, time: '09:00' });
    expect(nextOpening(shop, MX, mx('2026-12-24T14:00'))).toMatchObject({ date: '2026-12-26', time: '09:00' });
    expect(nextOpening(shop, MX, mx('2026-12-07T10:00'))).toBeNull(); // open now
  });

  it('a span past midnight stays open into the next day', () => {
    const bar = info({ hours: { weekly: [{ day: 5, open: '20:00', close: '02:00' }] } });
    // Friday 2026-12-11 23:00 and Saturday 01:30 open; Saturday 02:00 closed.
    expect(isOpenAt(bar, MX, mx('2026-12-11T23:00'))).toBe(true);
    expect(isOpenAt(bar, MX, mx('2026-12-12T01:30'))).toBe(true);
    expect(isOpenAt(bar, MX, mx('2026-12-12T02:00'))).toBe(false);
    expect(nextOpening(bar, MX, mx('2026-12-12T03:00'))).toMatchObject({ date: '2026-12-18', time: '20:00' });
  });

  it('daylight saving: Madrid opens at 09:00 local on both sides of the October change', () => {
    const madrid = info({ hours: { weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '18:00' })) } });
    expect(nextOpening(madrid, 'Europe/Madrid', new Date('2026-10-24T20:00:00Z'))?.at.toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(nextOpening(madrid, 'Europe/Madrid', new Date('2026-10-25T20:00:00Z'))?.at.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('a shop with no hours written is open and never says when it opens', () => {
    expect(isOpenAt({}, MX, new Date())).toBe(true);
    expect(nextOpening({}, MX, new Date())).toBeNull();
    expect(closedNotice({}, 'La Espiga', MX, new Date())).toBeNull();
  });
});

describe('closed now, we open at …', () => {
  it('says when it opens and takes the order for later by default', () => {
    const n = closedNotice(shop, 'La Espiga', MX, mx('2026-12-07T21:00'))!;
    expect(n.acceptsOrders).toBe(true);
    expect(n.text).toContain('*La Espiga* está cerrado. Abrimos mañana a las 9:00');
    expect(n.text).toContain('dejar tu pedido');
    expect(closedNotice(shop, 'La Espiga', MX, mx('2026-12-07T14:10'))!.text).toContain('Abrimos hoy a las 16:00');
    expect(closedNotice(shop, 'La Espiga', MX, mx('2026-12-05T21:00'))!.text).toContain('Abrimos el lunes a las 9:00');
  });

  it('in the shop’s own words when it wrote them, still saying when it opens', () => {
    const own = info({ ...shop, botTexts: { closed: '¡Ya cerramos por hoy, vecino! 😴' } });
    const n = closedNotice(own, 'La Espiga', MX, mx('2026-12-07T21:00'))!;
    expect(n.text).toContain('¡Ya cerramos por hoy, vecino! 😴\nAbrimos mañana a las 9:00');
    expect(n.text).not.toContain('está cerrado');
    expect(n.text).toContain('dejar tu pedido');
  });

  it('a shop that only takes orders while open says so', () => {
    const strict = info({ hours: { ...shop.hours, acceptOrdersWhenClosed: false } });
    const n = closedNotice(strict, 'La Espiga', MX, mx('2026-12-07T21:00'))!;
    expect(n.acceptsOrders).toBe(false);
    expect(n.text).toContain('Escríbenos en nuestro horario');
    expect(closedNotice(strict, 'La Espiga', MX, mx('2026-12-07T10:00'))).toBeNull();
  });
});

describe('delivery fee and minimum on an order total', () => {
  const rules = info({ delivery: { fee: '35', freeFrom: '300', minimumOrder: '100' } });

  it('charges the fee below the free-delivery threshold and says how much is missing', () => {
    expect(deliveryCharges(rules, '150.50')).toEqual({
      method: 'delivery', subtotal: '150.50', fee: '35.00', total: '185.50', minimumOrder: '100.00', belowMinimum: false,
      missingForMinimum: null, freeFrom: '300.00', missingForFreeDelivery: '149.50',
    });
  });

  it('delivery is free from the threshold (inclusive) and for pickup', () => {
    expect(deliveryCharges(rules, '300')).toMatchObject({ fee: '0.00', total: '300.00', missingForFreeDelivery: null });
    expect(deliveryCharges(rules, '150', 'pickup')).toMatchObject({ fee: '0.00', total: '150.00' });
  });

  it('below the minimum the order is flagged with what is missing', () => {
    expect(deliveryCharges(rules, '99.99')).toMatchObject({ belowMinimum: true, missingForMinimum: '0.01', total: '134.99' });
  });

  it('a shop with no delivery rules charges nothing and has no minimum', () => {
    expect(deliveryCharges({}, '10')).toMatchObject({ fee: '0.00', total: '10.00', belowMinimum: false, minimumOrder: null, freeFrom: null });
  });

  it('money is counted in cents, half up, never as floats', () => {
    expect(toCents('0.1')).toBe(10);
    expect(toCents('0.005')).toBe(1);
    expect(toCents('19.999')).toBe(2000);
    expect(deliveryCharges(info({ delivery: { fee: '0.10' } }), '0.20').total).toBe('0.30');
    expect(() => toCents('1e3')).toThrow();
  });
});
