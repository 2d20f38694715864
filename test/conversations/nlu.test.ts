import { describe, expect, it } from 'vitest';
import { normalizeText, phoneticFold, sameWord, singularize } from '../../src/modules/conversations/nlu/normalize.ts';
import { rewriteQuantities, tokenToNumber } from '../../src/modules/conversations/nlu/numbers.ts';
import {
  detectIntent,
  isAffirmative,
  parseOptionNumber,
  strictGlobalIntent,
  wantsToFinish,
  wantsToRestart,
} from '../../src/modules/conversations/nlu/intents.ts';
import { parseBareQuantity, parseOrderLines } from '../../src/modules/conversations/nlu/order-lines.ts';
import { matchProduct, rankProducts } from '../../src/modules/conversations/nlu/product-matcher.ts';

describe('normalization', () => {
  it('lowercases, strips accents, emoji and punctuation but keeps decimals', () => {
    expect(normalizeText('¡Quiero  1,5 KILOS de Jitomate!! 🍅')).toBe('quiero 1.5 kilos de jitomate');
    expect(normalizeText('Menú…')).toBe('menu');
    expect(normalizeText('1/2 kg.')).toBe('1/2 kg');
  });

  it('folds the spellings people mix up and forgives small typos', () => {
    expect(phoneticFold('kiero')).toBe(phoneticFold('quiero'));
    expect(phoneticFold('sebolla')).toBe(phoneticFold('cebolla'));
    expect(phoneticFold('holaaa')).toBe(phoneticFold('hola'));
    expect(sameWord('catalgo', 'catalogo')).toBe(true);
    expect(sameWord('garrafon', 'garrafones')).toBe(true);
    expect(sameWord('tomate', 'jitomate')).toBe(false);
    expect(sameWord('pan', 'papa')).toBe(false);
  });

  it('turns Spanish plurals into singulars', () => {
    expect(singularize('tomates')).toBe('tomate');
    expect(singularize('garrafones')).toBe('garrafon');
    expect(singularize('frijoles')).toBe('frijol');
    expect(singularize('nueces')).toBe('nuez');
  });
});

describe('numbers in words', () => {
  it('reads digits, decimals, fractions and words up to veinte and beyond', () => {
    expect(tokenToNumber('3')).toBe(3);
    expect(tokenToNumber('1.5')).toBe(1.5);
    expect(tokenToNumber('1/2')).toBe(0.5);
    expect(['uno', 'una', 'un', 'dos', 'diez', 'quince', 'veinte'].map(tokenToNumber)).toEqual([1, 1, 1, 2, 10, 15, 20]);
    expect(tokenToNumber('sinco')).toBe(5);
    expect(tokenToNumber('tomate')).toBeNull();
  });

  it('rewrites medio, cuarto, "y medio" and docenas into plain quantities', () => {
    const r = (s: string) => rewriteQuantities(normalizeText(s).split(' ')).join(' ');
    expect(r('kilo y medio de papa')).toBe('1.5 kilo de papa');
    expect(r('dos kilos y medio')).toBe('2.5 kilos');
    expect(r('medio kilo de queso')).toBe('0.5 kilo de queso');
    expect(r('un cuarto de jamon')).toBe('0.25 de jamon');
    expect(r('tres cuartos')).toBe('0.75');
    expect(r('media docena de huevos')).toBe('6 de huevos');
    expect(r('treinta y dos')).toBe('32');
  });
});

describe('intents', () => {
  it.each([
    ['catalogo', 'catalog'],
    ['kiero ver el catalogo', 'catalog'],
    ['catalgo', 'catalog'],
    ['quiero pedir', 'order'],
    ['quiero hacer un pedido', 'order'],
    ['mi pedido', 'status'],
    ['donde viene mi pedido', 'status'],
    ['estado de mi pedido', 'status'],
    ['asesor', 'advisor'],
    ['hablar con alguien', 'advisor'],
    ['humano', 'advisor'],
    ['quiero hablar con una persona', 'advisor'],
    ['cancelar', 'cancel'],
    ['quiero cancelar mi pedido', 'cancel'],
    ['menú', 'menu'],
    ['inicio', 'menu'],
    ['hola', 'greeting'],
    ['Holaaa buenas tardes', 'greeting'],
    ['gracias!', 'thanks'],
  ])('"%s" → %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it('finds nothing in gibberish', () => {
    expect(detectIntent('asdkjh qwe')).toBeNull();
    expect(detectIntent('')).toBeNull();
  });

  it('reads menu numbers as digits, words and "opción N"', () => {
    expect(parseOptionNumber('1', 4)).toBe(1);
    expect(parseOptionNumber('dos', 4)).toBe(2);
    expect(parseOptionNumber('opción 3', 4)).toBe(3);
    expect(parseOptionNumber('la 4', 4)).toBe(4);
    expect(parseOptionNumber('5', 4)).toBeNull();
    expect(parseOptionNumber('2 garrafones', 4)).toBeNull();
  });

  it('understands short answers', () => {
    expect(isAffirmative('Sí')).toBe(true);
    expect(isAffirmative('si por favor')).toBe(true);
    expect(isAffirmative('si quiero 2 tomates')).toBe(false);
    expect(wantsToFinish('eso es todo')).toBe(true);
    expect(wantsToRestart('empezar de nuevo')).toBe(true);
  });

  it('only takes whole-message commands while an address is being typed', () => {
    expect(strictGlobalIntent('cancelar')).toBe('cancel');
    expect(strictGlobalIntent('Calle Asesores 12, colonia Centro, junto a la farmacia')).toBeNull();
  });
});

describe('order lines', () => {
  it('"quiero 2 garrafones" is 2 of something called garrafón', () => {
    expect(parseOrderLines('quiero 2 garrafones')).toEqual([{ productQuery: 'garrafones', quantity: 2, unit: 'garrafon' }]);
  });

  it('"dos kilos de tomate y 1 de cebolla" is two lines in kilos', () => {
    expect(parseOrderLines('dos kilos de tomate y 1 de cebolla')).toEqual([
      { productQuery: 'tomate', quantity: 2, unit: 'kg' },
      { productQuery: 'cebolla', quantity: 1, unit: 'kg' },
    ]);
  });

  it('reads "kilo y medio", "medio kilo", "un cuarto" and "3 kg"', () => {
    expect(parseOrderLines('kilo y medio de papa')).toEqual([{ productQuery: 'papa', quantity: 1.5, unit: 'kg' }]);
    expect(parseOrderLines('medio kilo de queso')).toEqual([{ productQuery: 'queso', quantity: 0.5, unit: 'kg' }]);
    expect(parseOrderLines('un cuarto de jamón')).toEqual([{ productQuery: 'jamon', quantity: 0.25, unit: null }]);
    expect(parseOrderLines('3 kg de papa')).toEqual([{ productQuery: 'papa', quantity: 3, unit: 'kg' }]);
    expect(parseOrderLines('500 gramos de queso')).toEqual([{ productQuery: 'queso', quantity: 500, unit: 'g' }]);
  });

  it('"un garrafón" is one garrafón; a bare name has no quantity', () => {
    expect(parseOrderLines('un garrafón')).toEqual([{ productQuery: 'garrafon', quantity: 1, unit: 'garrafon' }]);
    expect(parseOrderLines('tomates')).toEqual([{ productQuery: 'tomates', quantity: null, unit: null }]);
  });

  it('splits on commas, "y" and new lines and drops filler words', () => {
    const lines = parseOrderLines('Hola, me das 2 tomates, una cebolla\ny 3 paquetes de tortillas porfa');
    expect(lines.map((l) => [l.productQuery, l.quantity])).toEqual([
      ['tomates', 2],
      ['cebolla', 1],
      ['paquetes tortillas', 3],
    ]);
  });

  it('finds no lines in a request without products', () => {
    expect(parseOrderLines('quiero pedir')).toEqual([]);
  });

  it('reads a bare quantity, including negatives and units', () => {
    expect(parseBareQuantity('2')).toEqual({ quantity: 2, unit: null });
    expect(parseBareQuantity('dos')).toEqual({ quantity: 2, unit: null });
    expect(parseBareQuantity('1,5 kg')).toEqual({ quantity: 1.5, unit: 'kg' });
    expect(parseBareQuantity('kilo y medio')).toEqual({ quantity: 1.5, unit: 'kg' });
    expect(parseBareQuantity('-3')).toEqual({ quantity: -3, unit: null });
    expect(parseBareQuantity('2 tomates')).toBeNull();
    expect(parseBareQuantity('hola')).toBeNull();
  });
});

describe('product matcher', () => {
  const products = [
    { id: 'gar', name: 'Garrafón de agua 20 L', unit: 'garrafón' },
    { id: 'tsa', name: 'Tomate saladet', unit: 'kg' },
    { id: 'tch', name: 'Tomate cherry', unit: 'kg' },
    { id: 'ceb', name: 'Cebolla blanca', unit: 'kg' },
    { id: 'pap', name: 'Papa', unit: 'kg' },
    { id: 'pya', name: 'Papaya', unit: 'kg' },
    { id: 'que', name: 'Queso Oaxaca', unit: 'kg' },
  ];
  const id = (q: string) => {
    const m = matchProduct(q, products);
    return m.kind === 'unique' ? m.product.id : m.kind === 'ambiguous' ? m.options.map((o) => o.id).sort() : null;
  };

  it('is tolerant to accents, plurals and small typos', () => {
    expect(id('garrafon')).toBe('gar');
    expect(id('garrafones')).toBe('gar');
    expect(id('sebolla')).toBe('ceb');
    expect(id('cebollas')).toBe('ceb');
    expect(id('quesso')).toBe('que');
    expect(id('tomate saladet')).toBe('tsa');
  });

  it('prefers the exact name and asks when several fit equally', () => {
    expect(id('papa')).toBe('pap');
    expect(id('tomates')).toEqual(['tch', 'tsa']);
  });

  it('does not invent matches', () => {
    expect(id('jitomate')).toBeNull();
    expect(id('chocolate')).toBeNull();
    expect(rankProducts('', products)).toEqual([]);
  });
});
