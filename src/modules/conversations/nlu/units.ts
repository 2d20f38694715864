// Units customers type and shops sell by. Canonical codes keep matching and conversions simple.
import { normalizeText } from './normalize.ts';

export type UnitCode =
  | 'kg' | 'g' | 'l' | 'ml' | 'lb'
  | 'pieza' | 'garrafon' | 'paquete' | 'bolsa' | 'caja' | 'botella' | 'lata' | 'rollo' | 'bulto' | 'charola' | 'prenda' | 'manojo';

const ALIASES: Record<string, UnitCode> = {
  kg: 'kg', kgs: 'kg', k: 'kg', kilo: 'kg', kilos: 'kg', kilogramo: 'kg', kilogramos: 'kg', kl: 'kg',
  g: 'g', gr: 'g', grs: 'g', gramo: 'g', gramos: 'g', grms: 'g',
  l: 'l', lt: 'l', lts: 'l', litro: 'l', litros: 'l', ltr: 'l',
  ml: 'ml', mililitro: 'ml', mililitros: 'ml',
  // Central America and Colombia weigh produce in pounds.
  lb: 'lb', lbs: 'lb', libra: 'lb', libras: 'lb',
  pieza: 'pieza', piezas: 'pieza', pz: 'pieza', pza: 'pieza', pzas: 'pieza', pzs: 'pieza',
  unidad: 'pieza', unidades: 'pieza',
  garrafon: 'garrafon', garrafones: 'garrafon', garrafa: 'garrafon', garrafas: 'garrafon', garafon: 'garrafon', garafones: 'garrafon',
  // The same 20 L jug in Argentina, Chile, Peru (bidón) and Colombia (botellón).
  bidon: 'garrafon', bidones: 'garrafon', botellon: 'garrafon', botellones: 'garrafon',
  paquete: 'paquete', paquetes: 'paquete', paq: 'paquete',
  bolsa: 'bolsa', bolsas: 'bolsa', caja: 'caja', cajas: 'caja', botella: 'botella', botellas: 'botella',
  lata: 'lata', latas: 'lata', rollo: 'rollo', rollos: 'rollo', bulto: 'bulto', bultos: 'bulto',
  charola: 'charola', charolas: 'charola', prenda: 'prenda', prendas: 'prenda',
  manojo: 'manojo', manojos: 'manojo',
};

export function unitOf(token: string): UnitCode | null {
  // Own keys only: "constructor" typed by a customer is not a unit.
  return Object.hasOwn(ALIASES, token) ? (ALIASES[token] ?? null) : null;
}

/** The unit a product is sold by, from free text like "kg", "Kilo", "garrafón", "pieza". */
export function productUnitCode(unit: string): UnitCode | null {
  const norm = normalizeText(unit);
  return unitOf(norm) ?? unitOf(norm.split(' ')[0] ?? '') ?? null;
}

const MEASURE: ReadonlySet<UnitCode> = new Set(['kg', 'g', 'l', 'ml', 'lb']);

/** Weight and volume units admit fractions ("medio kilo"); everything else is counted. */
export function isMeasureUnit(code: UnitCode | null): boolean {
  return code !== null && MEASURE.has(code);
}

/**
 * Converts a typed quantity to the product's unit: 500 g of a product sold by kg is 0.5.
 * Returns the quantity unchanged when units are unknown or not convertible.
 */
const POUND_KG = 0.45359237;

export function convertQuantity(quantity: number, typed: UnitCode | null, productUnit: UnitCode | null): number {
  if (typed === 'lb' && productUnit === 'kg') return quantity * POUND_KG;
  if (typed === 'lb' && productUnit === 'g') return quantity * POUND_KG * 1000;
  if (typed === 'kg' && productUnit === 'lb') return quantity / POUND_KG;
  if (typed === 'g' && productUnit === 'lb') return quantity / 1000 / POUND_KG;
  if (typed === 'g' && productUnit === 'kg') return quantity / 1000;
  if (typed === 'kg' && productUnit === 'g') return quantity * 1000;
  if (typed === 'ml' && productUnit === 'l') return quantity / 1000;
  if (typed === 'l' && productUnit === 'ml') return quantity * 1000;
  return quantity;
}
