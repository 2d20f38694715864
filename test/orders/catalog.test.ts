import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/tenant/client.ts';
import { findProductsByText } from '../../src/modules/conversations/index.ts';
import {
  findActiveProductsPage,
  listAllActiveProducts,
  formatMoney,
  listActiveProducts,
  listProducts,
  productInputSchema,
  unitLabel,
  upsertProducts,
} from '../../src/modules/catalog/index.ts';
import { formatWhen } from '../../src/modules/orders/index.ts';
import { changeStock } from '../../src/modules/orders/orders.repository.ts';
import { isAppError } from '../../src/platform/errors.ts';
import { createTestTenantDb } from '../helpers/db.ts';

let tenant: Awaited<ReturnType<typeof createTestTenantDb>>;

beforeAll(async () => {
  tenant = await createTestTenantDb();
});

afterAll(async () => {
  await tenant.close();
});

describe('productInputSchema', () => {
  it('turns prices into exact decimals and fills the defaults', () => {
    const p = productInputSchema.parse({ name: ' Garrafón ', price: 45.5 });
    expect(p).toMatchObject({ name: 'Garrafón', unit: 'pieza', stock: null, isActive: true, sku: null, imageUrl: null });
    expect(p.price).toBeInstanceOf(Prisma.Decimal);
    expect(p.price.toFixed(2)).toBe('45.50');
    expect(productInputSchema.parse({ name: 'x', price: '12,50', stock: '', isActive: 'no' })).toMatchObject({ stock: null, isActive: false });
  });

  it('rejects bad prices, stock and URLs with Spanish messages', () => {
    const r = productInputSchema.safeParse({ name: '', price: '45.555', stock: -1, imageUrl: 'ftp://x' });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => i.message).join(' | ') ?? '';
    expect(messages).toContain('El nombre es obligatorio');
    expect(messages).toContain('máximo 2 decimales');
    expect(messages).toContain('existencias');
    expect(messages).toContain('URL');
  });
});

describe('upsertProducts', () => {
  it('creates, then updates by SKU or by name ignoring case', async () => {
    const first = await upsertProducts(tenant.db, [
      { sku: 'A1', name: 'Arroz 1 kg', price: '29.90', stock: 10 },
      { name: 'Frijol negro', price: '38', unit: 'kg' },
    ], { activeProductLimit: 10 });
    expect(first).toEqual({ created: 2, updated: 0 });
    const second = await upsertProducts(tenant.db, [
      { sku: 'A1', name: 'Arroz blanco 1 kg', price: '31.00' },
      { name: 'FRIJOL NEGRO', price: '40.00', unit: 'kg' },
      { name: 'Azúcar', price: '30' },
    ], { activeProductLimit: 10 });
    expect(second).toEqual({ created: 1, updated: 2 });
    const all = await listProducts(tenant.db);
    expect(all.map((p) => [p.name, p.price.toFixed(2)])).toEqual([
      ['Arroz blanco 1 kg', '31.00'],
      ['Azúcar', '30.00'],
      ['FRIJOL NEGRO', '40.00'],
    ]);
  });

  it('refuses to activate products beyond the plan, but always allows deactivating', async () => {
    const attempt = upsertProducts(tenant.db, [{ name: 'Leche', price: '27' }, { name: 'Café', price: '89' }], { activeProductLimit: 4 });
    await expect(attempt).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === 'PLAN_LIMIT' && e.message.includes('hasta 4 productos activos'));
    expect((await listActiveProducts(tenant.db, { offset: 0, limit: 50 })).total).toBe(3);
    await expect(upsertProducts(tenant.db, [{ name: 'Azúcar', price: '30', isActive: false }], { activeProductLimit: 1 })).resolves.toEqual({ created: 0, updated: 1 });
  });

  it('reports which row is invalid', async () => {
    await expect(upsertProducts(tenant.db, [{ name: 'Ok', price: '1' }, { name: 'Mal', price: 'gratis' }], { activeProductLimit: null })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'VALIDATION' && e.message.startsWith('Producto 2'),
    );
  });

  it('finds active products by text with typos', async () => {
    const found = await findProductsByText(tenant.db, 'frijoles');
    expect(found.map((p) => p.name)).toEqual(['FRIJOL NEGRO']);
  });
});

describe('formatting', () => {
  it('formats money in the shop’s locale and currency from exact decimals', () => {
    expect(formatMoney(new Prisma.Decimal('1234.5'), { locale: 'es-MX', currency: 'MXN' })).toBe('$1,234.50');
    expect(formatMoney('0.1', { locale: 'es-MX', currency: 'MXN' })).toBe('$0.10');
    expect(formatMoney('4500', { locale: 'es-CO', currency: 'COP' })).toMatch(/4\.500/);
  });

  it('pluralizes units in Spanish', () => {
    expect(unitLabel('garrafón', 2)).toBe('garrafones');
    expect(unitLabel('garrafón', 1)).toBe('garrafón');
    expect(unitLabel('pieza', '3')).toBe('piezas');
    expect(unitLabel('kg', 2)).toBe('kg');
    expect(unitLabel('paquete', 2)).toBe('paquetes');
  });

  it('says when a status changed as hoy/ayer/date in the shop’s time zone', () => {
    const now = new Date('2026-11-23T20:00:00Z'); // 14:00 in Mexico City
    const tz = 'America/Mexico_City';
    expect(formatWhen(new Date('2026-11-23T20:05:00Z'), now, tz)).toBe('hoy 14:05');
    expect(formatWhen(new Date('2026-11-23T03:10:00Z'), now, tz)).toBe('ayer 21:10');
    expect(formatWhen(new Date('2026-11-22T16:30:00Z'), now, tz)).toBe('ayer 10:30');
    expect(formatWhen(new Date('2026-11-20T16:30:00Z'), now, tz)).toBe('20 nov 10:30');
    expect(formatWhen(new Date('2025-12-31T18:00:00Z'), now, tz)).toBe('31 dic 2025 12:00');
  });
});

describe('product reads within one transaction (a batch of turns)', () => {
  it('reuses a read until products change in the transaction, and never across transactions', async () => {
    await upsertProducts(tenant.db, [{ sku: 'MEMO', name: 'Memo producto', price: '10.00', unit: 'pieza', stock: 3 }], { activeProductLimit: null });
    const stockIn = (ps: { sku: string | null; stock: Prisma.Decimal | null }[]) => ps.find((p) => p.sku === 'MEMO')?.stock?.toFixed(0);
    await tenant.db.$transaction(async (tx) => {
      const first = await listAllActiveProducts(tx);
      expect(stockIn(first)).toBe('3');
      // A write outside this transaction is not seen again within it (the batch's snapshot)…
      await tenant.db.product.update({ where: { sku: 'MEMO' }, data: { stock: 2 } });
      expect(await listAllActiveProducts(tx)).toBe(first);
      // …but a stock change made by an order in it is.
      const id = first.find((p) => p.sku === 'MEMO')!.id;
      await changeStock(tx, id, new Prisma.Decimal(-1));
      const after = await listAllActiveProducts(tx);
      expect(after).not.toBe(first);
      expect(stockIn(after)).toBe('1');
      expect(stockIn(await findActiveProductsPage(tx, { offset: 0, limit: 50 }))).toBe('1');
    });
    // A new transaction reads afresh.
    await tenant.db.$transaction(async (tx) => expect(stockIn(await listAllActiveProducts(tx))).toBe('1'));
  });
});
