import type { TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import type { Product } from '../../generated/tenant/client.ts';
import { quotedSchema, type TenantScope } from '../../platform/db/tenant-scope.ts';
import type { ParsedProductInput } from './catalog.schemas.ts';

export type { Product };

// Stable, human order for every list the customer pages through.
const ORDER: Prisma.ProductOrderByWithRelationInput[] = [{ name: 'asc' }, { id: 'asc' }];

// A batch of conversation turns runs in one transaction, and several of its customers read the
// same active products (the catalog's first page, every product for matching names). The first
// read is kept for the rest of that transaction; any write to products in it drops what was
// kept (`forgetProductReads`). Callers must not modify what they get.
const readsByTx = new WeakMap<TenantTx, Map<string, Promise<unknown>>>();

function remembered<T>(tx: TenantTx, key: string, read: () => Promise<T>): Promise<T> {
  let reads = readsByTx.get(tx);
  if (!reads) readsByTx.set(tx, (reads = new Map()));
  let result = reads.get(key) as Promise<T> | undefined;
  if (!result) {
    result = read();
    reads.set(key, result);
    result.catch(() => reads.delete(key));
  }
  return result;
}

/** Drops the product reads kept for this transaction: call after changing products in it. */
export function forgetProductReads(tx: TenantTx): void {
  readsByTx.delete(tx);
}

export async function findActiveProductsPage(tx: TenantTx, page: { offset: number; limit: number }): Promise<Product[]> {
  return remembered(tx, `page:${page.offset}:${page.limit}`, () =>
    tx.product.findMany({ where: { isActive: true }, orderBy: ORDER, skip: page.offset, take: page.limit }));
}

export async function countActiveProducts(tx: TenantTx): Promise<number> {
  return remembered(tx, 'count', () => tx.product.count({ where: { isActive: true } }));
}

/** A page of active products (by name) and how many there are in all. */
export async function listActiveProducts(
  tx: TenantTx,
  page: { offset: number; limit: number },
): Promise<{ items: Product[]; total: number }> {
  const items = await findActiveProductsPage(tx, page);
  const total = await countActiveProducts(tx);
  return { items, total };
}

/** Every active product, for matching free text against names. */
export async function listAllActiveProducts(tx: TenantTx): Promise<Product[]> {
  return remembered(tx, 'all', () => tx.product.findMany({ where: { isActive: true }, orderBy: ORDER }));
}

export async function findActiveProduct(tx: TenantTx, id: string): Promise<Product | null> {
  return tx.product.findFirst({ where: { id, isActive: true } });
}

export async function findProductsByIds(tx: TenantTx, ids: string[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  return tx.product.findMany({ where: { id: { in: ids } } });
}

export async function listProducts(tx: TenantTx): Promise<Product[]> {
  return tx.product.findMany({ orderBy: ORDER });
}

/** Serializes catalog imports of one company so the active-product limit holds under concurrency. */
export async function lockCatalog({ tx, schema }: TenantScope): Promise<void> {
  const key = `mostrador:catalog:${quotedSchema(schema)}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export type ExistingProduct = { id: string; sku: string | null; name: string; isActive: boolean; imageUrl: string | null; photoKey: string | null };

export async function listProductKeys(tx: TenantTx): Promise<ExistingProduct[]> {
  return tx.product.findMany({ select: { id: true, sku: true, name: true, isActive: true, imageUrl: true, photoKey: true } });
}

const toData = (p: ParsedProductInput) => ({
  name: p.name,
  sku: p.sku,
  description: p.description,
  price: p.price,
  unit: p.unit,
  stock: p.stock,
  isActive: p.isActive,
  imageUrl: p.imageUrl,
});

export async function createProduct(tx: TenantTx, p: ParsedProductInput): Promise<void> {
  forgetProductReads(tx);
  await tx.product.create({ data: toData(p) });
}

/**
 * Writes the list's fields over a product. A stored photo whose URL the list replaces (another
 * link, or none) is detached: its key is returned for the caller to delete once committed.
 */
export async function updateProduct(tx: TenantTx, existing: ExistingProduct, p: ParsedProductInput): Promise<string | null> {
  forgetProductReads(tx);
  const replaced = existing.photoKey !== null && p.imageUrl !== undefined && p.imageUrl !== existing.imageUrl ? existing.photoKey : null;
  await tx.product.update({ where: { id: existing.id }, data: { ...toData(p), ...(replaced ? { photoKey: null } : {}) } });
  return replaced;
}
