// Staff API reads and writes of products and categories (the conversation's hot reads stay in
// catalog.repository.ts). Only this module touches these tables.
import type { TenantTx } from '../../platform/db/clients.ts';
import type { Category, Prisma, Product } from '../../generated/tenant/client.ts';
import { forgetProductReads } from './catalog.repository.ts';

export type ProductWithCategory = Product & { category: Category | null };
export type { Category };

export type ProductFilters = { categoryId?: string | null | undefined; active?: boolean | undefined; inStock?: boolean | undefined };

const whereOf = (f: ProductFilters): Prisma.ProductWhereInput => ({
  ...(f.categoryId !== undefined ? { categoryId: f.categoryId } : {}),
  ...(f.active !== undefined ? { isActive: f.active } : {}),
  // In stock: unlimited (null) or above zero; out of stock: exactly zero.
  ...(f.inStock === true ? { OR: [{ stock: null }, { stock: { gt: 0 } }] } : {}),
  ...(f.inStock === false ? { stock: { lte: 0 } } : {}),
});

const BY_NAME: Prisma.ProductOrderByWithRelationInput[] = [{ name: 'asc' }, { id: 'asc' }];

export async function pageProducts(tx: TenantTx, f: ProductFilters, page: { skip: number; take: number }): Promise<{ items: ProductWithCategory[]; total: number }> {
  const where = whereOf(f);
  const [items, total] = await Promise.all([
    tx.product.findMany({ where, orderBy: BY_NAME, skip: page.skip, take: page.take, include: { category: true } }),
    tx.product.count({ where }),
  ]);
  return { items, total };
}

/** Every product the filters allow, for ranking by a search text (catalogs are shop-sized). */
export async function allProducts(tx: TenantTx, f: ProductFilters): Promise<ProductWithCategory[]> {
  return tx.product.findMany({ where: whereOf(f), orderBy: BY_NAME, include: { category: true } });
}

export async function findProduct(tx: TenantTx, id: string): Promise<ProductWithCategory | null> {
  return tx.product.findUnique({ where: { id }, include: { category: true } });
}

export async function findProductBySku(tx: TenantTx, sku: string): Promise<Product | null> {
  return tx.product.findUnique({ where: { sku } });
}

export async function countActive(tx: TenantTx): Promise<number> {
  return tx.product.count({ where: { isActive: true } });
}

export async function insertProduct(tx: TenantTx, data: Prisma.ProductUncheckedCreateInput): Promise<ProductWithCategory> {
  forgetProductReads(tx);
  return tx.product.create({ data, include: { category: true } });
}

export async function patchProduct(tx: TenantTx, id: string, data: Prisma.ProductUncheckedUpdateInput): Promise<ProductWithCategory> {
  forgetProductReads(tx);
  return tx.product.update({ where: { id }, data, include: { category: true } });
}

export async function hasOrders(tx: TenantTx, productId: string): Promise<boolean> {
  return (await tx.orderItem.findFirst({ where: { productId }, select: { id: true } })) !== null;
}

export async function removeProduct(tx: TenantTx, id: string): Promise<void> {
  forgetProductReads(tx);
  await tx.product.delete({ where: { id } });
}

export async function listCategories(tx: TenantTx): Promise<(Category & { _count: { products: number } })[]> {
  return tx.category.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], include: { _count: { select: { products: true } } } });
}

export async function findCategory(tx: TenantTx, id: string): Promise<Category | null> {
  return tx.category.findUnique({ where: { id } });
}

/** A category by name, whatever its case. */
export async function findCategoryByName(tx: TenantTx, name: string): Promise<Category | null> {
  return tx.category.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
}

export async function insertCategory(tx: TenantTx, data: { name: string; sortOrder?: number }): Promise<Category> {
  return tx.category.create({ data });
}

export async function updateCategory(tx: TenantTx, id: string, data: { name?: string; sortOrder?: number }): Promise<Category> {
  return tx.category.update({ where: { id }, data });
}

export async function removeCategory(tx: TenantTx, id: string): Promise<void> {
  forgetProductReads(tx);
  await tx.category.delete({ where: { id } });
}
