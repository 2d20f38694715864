import { describe, expect, it } from 'vitest';
import { parseOrderLines } from '../../src/modules/conversations/nlu/order-lines.ts';
import { matchProduct } from '../../src/modules/conversations/nlu/product-matcher.ts';
import { convertQuantity } from '../../src/modules/conversations/nlu/units.ts';
import { understand } from '../../src/modules/conversations/nlu/understanding.ts';
import { zonedTime, zoneParts } from '../../src/modules/conversations/nlu/when.ts';

const MX = 'America/Mexico_City';
// Tuesday 2026-12-01, 10:00 in Mexico City.
const ctx = { now: zonedTime(2026, 12, 1, 10 * 60, MX), timeZone: MX };
const u = (text: string, c = ctx) => understand(text, c);
const local = (d: Date | undefined, tz = MX): string => {
  if (!d) return 'none';
  const p = zoneParts(d, tz);
  return `${p.mo}-${p.d} ${String(p.h).padStart(2, '0')}:${String(p.mi).padStart(2, '0')}`;
};

describe('understand: a greeting or filler never hides the request', () => {
  it.each([
    ['hola che, mandame 2 kilos de papa para mañana xfa', '2 kilos de papa'],
    ['buenas, me regalas 3 aguacates', '3 aguacates'],
    ['qué onda, me pasas 1 kilo de jitomate', '1 kilo de jitomate'],
    ['wena, me manda 2 bidones porfa', '2 bidones'],
    ['diay mae, me manda 1 kilo de pollo', '1 kilo de pollo'],
    ['hola causa, me separas 2 kilos de papa', '2 kilos de papa'],
  ])('"%s" orders "%s"', (text, request) => {
    const r = u(text);
    expect(r.intent).toBe('order');
    expect(r.request).toBe(request);
    expect(r.greeting).toBe(true);
  });

  it('keeps several lines apart when commas separated them', () => {
    const r = u('hola, 3 kilos de papa, 1 de tomate y 1 de cebolla');
    expect(parseOrderLines(r.request).map((l) => [l.productQuery, l.quantity, l.unit])).toEqual([
      ['papa', 3, 'kg'],
      ['tomate', 1, 'kg'],
      ['cebolla', 1, 'kg'],
    ]);
  });

  it('never cuts a product that looks like a vocative from the end of an order', () => {
    expect(u('quiero 2 donas').request).toBe('2 donas');
    expect(u('me separas una causa').request).toBe('una causa');
  });

  it('says when the customer was polite', () => {
    expect(u('me das 2 garrafones porfa').polite).toBe(true);
    expect(u('me das 2 garrafones').polite).toBe(false);
  });
});

describe('understand: short answers of every region', () => {
  it.each(['sí dale', 'de una', 'órale va', 'sale', 'simón', 'va pues', 'ya po', 'bacán', 'listo', 'claro que sí', 'obvio',
    'dale nomás', 'ta bien', 'chévere', 'de ley', 'a la orden', 'ya pe', 'hágale'])('"%s" is yes', (text) => {
    expect(u(text)).toMatchObject({ intent: 'affirm', affirm: true });
  });

  it.each(['no', 'nel', 'nop', 'no po', 'nopo', 'no gracias', 'nah dejalo asi', 'nombre, asi no'])('"%s" is no', (text) => {
    expect(u(text)).toMatchObject({ intent: 'deny', affirm: false });
  });

  it.each([['👍', 'ack'], ['ok', 'ack'], ['okey', 'ack'], ['va', 'ack'], ['vale', 'ack'], ['jaja', 'laugh'], ['jajaja', 'laugh'],
    ['jsjs', 'laugh'], ['xd', 'laugh'], ['gracias!', 'thanks'], ['ya, gracias', 'thanks'], ['hola', 'greeting'], ['qué onda', 'greeting']])(
    '"%s" is %s',
    (text, intent) => {
      const r = u(text);
      expect(r.intent).toBe(intent);
      expect(r.affirm).toBeUndefined();
    },
  );

  it('expands chat abbreviations', () => {
    expect(u('me mandas 2 kilos d papa xfa tmb 1 coca')).toMatchObject({ intent: 'order', polite: true, request: '2 kilos de papa tambien 1 coca' });
    expect(u('q precio tiene el pollo').question).toEqual({ kind: 'price', product: 'pollo' });
  });
});

describe('understand: cart edits', () => {
  it.each([
    ['mejor que sean 4', { kind: 'set', quantity: { value: 4 } }],
    ['ponme sólo 2', { kind: 'set', quantity: { value: 2 } }],
    ['que sean dos kilos', { kind: 'set', quantity: { value: 2, unit: 'kg' } }],
    ['cambia el jitomate por 1 kilo', { kind: 'set', target: 'jitomate', quantity: { value: 1, unit: 'kg' } }],
    ['cambia la cebolla por zanahoria', { kind: 'replace', target: 'cebolla', replacement: 'zanahoria' }],
    ['en vez de coca mejor 2 botellas de agua', { kind: 'replace', target: 'coca', replacement: 'botellas agua', replacementQuantity: { value: 2 } }],
    ['quita el pan', { kind: 'remove', target: 'pan' }],
    ['sácame la coca', { kind: 'remove', target: 'coca' }],
    ['ya no quiero el queso', { kind: 'remove', target: 'queso' }],
    ['quitalo', { kind: 'remove' }],
    ['vacía el carrito', { kind: 'clear' }],
    ['empezá de nuevo', { kind: 'clear' }],
  ])('"%s"', (text, edit) => {
    const r = u(text);
    expect(r.intent).toBe('edit');
    expect(r.edit).toEqual(edit);
  });

  it('an order with a quantity is not an edit, and cancelling the order is not removing a line', () => {
    expect(u('ponme 2 kilos de papa').intent).toBe('order');
    expect(u('ya no lo quiero, cancelalo').intent).toBe('cancel');
    expect(u('ya no quiero el pedido').intent).toBe('cancel');
  });
});

describe('understand: questions', () => {
  it.each([
    ['¿cuánto cuesta el garrafón?', { kind: 'price', product: 'garrafon' }],
    ['¿a cómo el kilo de aguacate?', { kind: 'price', product: 'aguacate' }],
    ['¿qué precio tiene la yerba?', { kind: 'price', product: 'yerba' }],
    ['¿hay sandía?', { kind: 'availability', product: 'sandia' }],
    ['¿te queda zapallo?', { kind: 'availability', product: 'zapallo' }],
    ['¿tienen frutillas?', { kind: 'availability', product: 'frutillas' }],
    ['¿a qué hora cierran?', { kind: 'hours' }],
    ['¿hacen envíos?', { kind: 'delivery' }],
    ['¿cuánto cobran de envío?', { kind: 'delivery' }],
    ['¿hacen entregas en Mixco?', { kind: 'delivery_area', area: 'mixco' }],
    ['¿aceptan tarjeta o nomás efectivo?', { kind: 'payment' }],
    ['¿dónde están ubicados?', { kind: 'location' }],
  ])('"%s"', (text, question) => {
    const r = u(text);
    expect(r.intent).toBe('question');
    expect(r.question).toEqual(question);
  });

  it('"quisiera saber si…" and "¿me podría decir…?" open a question, not an order', () => {
    expect(u('hola buenas tardes quisiera saber si tienen garrafones')).toMatchObject({ intent: 'question', question: { kind: 'availability', product: 'garrafones' } });
    expect(u('me podrias decir cuanto cuesta la papa').question).toEqual({ kind: 'price', product: 'papa' });
  });

  it('a payment remark inside an order is not a product, and "otro X" is one more', () => {
    expect(u('quiero 2 garrafones y 1 kilo de tomate, pago en efectivo').request).toBe('2 garrafones y 1 kilo de tomate');
    expect(u('otro garrafon')).toMatchObject({ intent: 'order', request: '1 garrafon' });
  });

  it('"¿qué tienen?" asks for the catalog, not about a product', () => {
    expect(u('que tienen?').intent).toBe('catalog');
  });
});

describe('understand: requested delivery time in the company time zone', () => {
  it.each([
    ['quiero 2 garrafones para mañana en la tarde', '12-2 14:00', '12-2 19:00'],
    ['el sábado temprano', '12-5 08:00', '12-5 11:00'],
    ['después de las 6', '12-1 18:00', '12-1 21:00'],
    ['hoy antes de las 2', '12-1 10:00', '12-1 14:00'],
    ['mañana al mediodía', '12-2 12:00', '12-2 14:00'],
    ['el viernes a la noche', '12-4 19:00', '12-4 22:00'],
    ['pasado mañana', '12-3 08:00', '12-3 21:00'],
    ['el jueves a las 5', '12-3 17:00', '12-3 18:00'],
    ['entre las 3 y las 5', '12-1 15:00', '12-1 17:00'],
  ])('"%s" is %s – %s local', (text, from, to) => {
    const r = u(text);
    expect(local(r.when?.from)).toBe(from);
    expect(local(r.when?.to)).toBe(to);
  });

  it('removes the time from the request, and "mañana" never becomes "Manzana"', () => {
    const r = u('quiero 2 garrafones para mañana en la tarde');
    expect(r).toMatchObject({ intent: 'order', request: '2 garrafones' });
    expect(r.when?.text).toBe('mañana en la tarde');
    const lines = parseOrderLines(u('2 kilos de papa para mañana').request);
    expect(lines).toEqual([{ productQuery: 'papa', quantity: 2, unit: 'kg' }]);
    expect(matchProduct(u('mañana').request, [{ id: 'm', name: 'Manzana roja' }]).kind).toBe('none');
  });

  it('reads "mañana" from the shop\'s calendar, not the server\'s: 23:30 in Mexico is already tomorrow in UTC', () => {
    const late = { now: zonedTime(2026, 12, 1, 23 * 60 + 30, MX), timeZone: MX };
    expect(local(u('mañana en la tarde', late).when?.from)).toBe('12-2 14:00');
    const santiago = 'America/Santiago';
    const r = u('mañana en la tarde', { now: zonedTime(2026, 12, 1, 10 * 60, santiago), timeZone: santiago });
    expect(local(r.when?.from, santiago)).toBe('12-2 14:00');
  });

  it('streets named after dates or people are addresses, not delivery days', () => {
    for (const address of ['Calle 5 de Mayo 123, col. Centro', 'Av. 16 de Septiembre 45', 'calle Domingo Sarmiento 450']) {
      expect(u(address).when, address).toBeUndefined();
    }
    expect(local(u('para el 24 de diciembre').when?.from)).toBe('12-24 08:00');
  });

  it('a time already past today means tomorrow', () => {
    const evening = { now: zonedTime(2026, 12, 1, 20 * 60, MX), timeZone: MX };
    expect(local(u('a las 5', evening).when?.from)).toBe('12-2 17:00');
  });

  it('an unknown time zone in the settings reads as UTC instead of failing the message', () => {
    const r = u('mañana en la tarde', { now: new Date('2026-12-01T10:00:00Z'), timeZone: 'Mars/Olympus' });
    expect(r.when?.from.toISOString()).toBe('2026-12-02T14:00:00.000Z');
  });
});

describe('understand: order codes and the rest', () => {
  it('reads order codes however they are written, upper-cased', () => {
    expect(u('¿cómo va el P-1003?')).toMatchObject({ intent: 'status', orderCode: 'P-1003' });
    expect(u('pedido p1003')).toMatchObject({ intent: 'status', orderCode: 'P-1003' });
    expect(u('el p 1003 ya salio?')).toMatchObject({ intent: 'status', orderCode: 'P-1003' });
    expect(u('cancela el P-1003')).toMatchObject({ intent: 'cancel', orderCode: 'P-1003' });
    expect(u('2 kilos de papa').orderCode).toBeUndefined();
  });

  it('never throws on hostile or empty input', () => {
    expect(u('').intent).toBe('unknown');
    expect(u('   ').intent).toBe('unknown');
    expect(u('🙂').intent).toBe('unknown');
    expect(u('asdfg').intent).toBe('unknown');
    expect(() => u('a las '.repeat(5000))).not.toThrow();
    expect(() => u('\u0000\uFFFF\uD800 2 kilos')).not.toThrow();
  });
});

describe('units and regional product names', () => {
  it('weighs in pounds where people buy by the pound', () => {
    expect(parseOrderLines('2 libras de tomate')).toEqual([{ productQuery: 'tomate', quantity: 2, unit: 'lb' }]);
    expect(convertQuantity(2, 'lb', 'kg')).toBeCloseTo(0.907, 3);
  });

  it('a unit after a second number describes the product', () => {
    expect(parseOrderLines('una coca de 2 litros')).toEqual([{ productQuery: 'coca 2 litros', quantity: 1, unit: null }]);
  });

  it('finds a product by its name in another region, and a typo keeps its first letter', () => {
    const products = [
      { id: 'a', name: 'Aguacate hass' },
      { id: 'e', name: 'Elote' },
      { id: 'p', name: 'Pechuga de pollo' },
      { id: 'g', name: 'Garrafón de agua 20 L', unit: 'garrafón' },
    ];
    const id = (q: string) => {
      const m = matchProduct(q, products);
      return m.kind === 'unique' ? m.product.id : m.kind;
    };
    expect(id('palta')).toBe('a');
    expect(id('choclos')).toBe('e');
    expect(id('mazorca')).toBe('e');
    expect(id('bidon')).toBe('g');
    expect(id('lechuga')).toBe('none');
    expect(id('pechga')).toBe('p');
  });
});
