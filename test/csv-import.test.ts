import { describe, expect, it } from 'vitest';
import { parseCsv, productsFromCsv } from '../src/modules/catalog/products-csv-format.ts';

describe('CSV product import', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\n"x, y","di ""hola""\nadiós"\n')).toEqual([['a', 'b'], ['x, y', 'di "hola"\nadiós']]);
  });

  it('reads Spanish headers, semicolons, unlimited stock and inactive rows', () => {
    const { items, errors } = productsFromCsv('\uFEFFsku;nombre;precio;unidad;existencias;activo\nGAR;Garrafón 20 L;45.00;garrafón;ilimitado;sí\nHIE;Hielo;35;bolsa;10;no\n');
    expect(errors).toEqual([]);
    expect(items).toEqual([
      { sku: 'GAR', name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: null, isActive: true },
      { sku: 'HIE', name: 'Hielo', price: '35', unit: 'bolsa', stock: '10', isActive: false },
    ]);
  });

  it('explains a missing required column in Spanish', () => {
    expect(productsFromCsv('nombre,unidad\nTomate,kg\n').errors).toEqual(['Falta la columna "precio" (o "price")']);
  });
});
