import { randomUUID } from 'node:crypto';
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { companyPrefix, type Storage } from '../storage/index.ts';
import { catalogErrors } from './catalog.errors.ts';
import { lockCatalog } from './catalog.repository.ts';
import type { ParsedProductInput } from './catalog.schemas.ts';
import type { PreparedPhoto } from './product-photo.ts';
import {
  allProducts,
  countActive,
  findCategory,
  findProduct,
  findProductBySku,
  hasOrders,
  insertProduct,
  pageProducts,
  patchProduct,
  removeProduct,
  type ProductFilters,
  type ProductWithCategory,
} from './products.repository.ts';

/** The company's catalog rules: its plan's active-product limit and its schema (for the lock). */
export type CatalogPlan = { activeProductLimit: number | null; schema: string };

export type ProductSearch = ProductFilters & { q?: string | undefined; page: number; pageSize: number };

/**
 * Fuzzy matching of names (plurals, phonetic misspellings, typos), with scores; the conversation
 * engine's matcher, handed in by the composition root so the catalog does not depend on it.
 */
export type NameRanker = <T extends { id: string; name: string; unit?: string | null }>(query: string, items: readonly T[]) => { product: T; score: number }[];

const plainText = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** A search text matches by SKU (exact, then prefix), then by name: accents, plurals and typos forgiven. */
function rankBySearch(q: string, products: ProductWithCategory[], rank: NameRanker): ProductWithCategory[] {
  const text = q.trim().toLowerCase();
  const plain = plainText(q);
  const score = new Map<string, number>();
  for (const p of products) {
    const sku = p.sku?.toLowerCase();
    if (sku === text) score.set(p.id, 3);
    else if (sku?.startsWith(text)) score.set(p.id, 2.5);
    else if (plain && plainText(p.name).includes(plain)) score.set(p.id, 2);
  }
  for (const r of rank(q, products)) if (!score.has(r.product.id)) score.set(r.product.id, r.score);
  return products.filter((p) => score.has(p.id)).sort((a, b) => score.get(b.id)! - score.get(a.id)! || a.name.localeCompare(b.name, 'es'));
}

export async function searchProducts(db: TenantClient, s: ProductSearch, rank: NameRanker): Promise<{ items: ProductWithCategory[]; total: number }> {
  const skip = (s.page - 1) * s.pageSize;
  if (!s.q?.trim()) return db.$transaction((tx) => pageProducts(tx, s, { skip, take: s.pageSize }));
  const ranked = rankBySearch(s.q, await db.$transaction((tx) => allProducts(tx, s)), rank);
  return { items: ranked.slice(skip, skip + s.pageSize), total: ranked.length };
}

export async function getProduct(db: TenantClient | TenantTx, id: string): Promise<ProductWithCategory> {
  const product = await findProduct(db as TenantTx, id);
  if (!product) throw catalogErrors.productNotFound();
  return product;
}

/** Activating one more product must fit the plan; editing or deactivating always may. */
async function checkActivation(tx: TenantTx, plan: CatalogPlan, activates: boolean) {
  if (!activates || plan.activeProductLimit === null) return;
  const after = (await countActive(tx)) + 1;
  if (after > plan.activeProductLimit) throw catalogErrors.activeProductLimit(plan.activeProductLimit, after);
}

async function checkSku(tx: TenantTx, sku: string | null | undefined, selfId?: string) {
  if (!sku) return;
  const other = await findProductBySku(tx, sku);
  if (other && other.id !== selfId) throw catalogErrors.skuTaken(sku);
}

async function checkCategory(tx: TenantTx, categoryId: string | null | undefined) {
  if (categoryId && !(await findCategory(tx, categoryId))) throw catalogErrors.categoryNotFound();
}

export type ProductCreate = ParsedProductInput & { categoryId?: string | null | undefined };
export type ProductChange = Partial<ParsedProductInput> & { categoryId?: string | null | undefined };

export async function createProduct(db: TenantClient, plan: CatalogPlan, input: ProductCreate): Promise<ProductWithCategory> {
  return db.$transaction(async (tx) => {
    await lockCatalog({ tx, schema: plan.schema });
    await checkSku(tx, input.sku);
    await checkCategory(tx, input.categoryId);
    await checkActivation(tx, plan, input.isActive);
    return insertProduct(tx, { ...input, categoryId: input.categoryId ?? null });
  });
}

/**
 * Changes only the fields given; `stock: null` makes it unlimited, `imageUrl: null` drops an
 * outside photo. A new outside URL (or none) replaces a stored photo, whose file is deleted once
 * the change has committed.
 */
export async function updateProduct(db: TenantClient, plan: CatalogPlan, id: string, change: ProductChange, storage?: Pick<Storage, 'delete'>): Promise<ProductWithCategory> {
  let replaced: string | null = null;
  const product = await db.$transaction(async (tx) => {
    await lockCatalog({ tx, schema: plan.schema });
    const current = await getProduct(tx, id);
    await checkSku(tx, change.sku, id);
    await checkCategory(tx, change.categoryId);
    await checkActivation(tx, plan, change.isActive === true && !current.isActive);
    const data: Prisma.ProductUncheckedUpdateInput = { ...change };
    if ('imageUrl' in change && change.imageUrl !== current.imageUrl) {
      data.photoKey = null;
      replaced = current.photoKey;
    }
    return patchProduct(tx, id, data);
  });
  if (replaced) await storage?.delete(replaced).catch(() => undefined);
  return product;
}

export async function deleteProduct(db: TenantClient, storage: Storage, plan: CatalogPlan, id: string): Promise<void> {
  const photoKey = await db.$transaction(async (tx) => {
    await lockCatalog({ tx, schema: plan.schema });
    const product = await getProduct(tx, id);
    if (await hasOrders(tx, id)) throw catalogErrors.productHasOrders(product.name);
    await removeProduct(tx, id);
    return product.photoKey;
  });
  // After the commit: a failed delete of the file leaves an orphan, never a product without its photo.
  if (photoKey) await storage.delete(photoKey).catch(() => undefined);
}

/**
 * Stores the prepared photo under a new key, then points the product at it. The old file is
 * removed only after the product row no longer names it.
 */
export async function setProductPhoto(
  db: TenantClient,
  storage: Storage,
  company: { id: string },
  id: string,
  photo: PreparedPhoto,
): Promise<ProductWithCategory> {
  await getProduct(db, id);
  const key = `${companyPrefix('public', company.id)}products/${randomUUID()}.jpg`;
  await storage.put(key, photo.bytes, photo.contentType);
  let old: string | null = null;
  try {
    const product = await db.$transaction(async (tx) => {
      old = (await getProduct(tx, id)).photoKey;
      return patchProduct(tx, id, { photoKey: key, imageUrl: storage.url(key) });
    });
    if (old) await storage.delete(old).catch(() => undefined);
    return product;
  } catch (err) {
    await storage.delete(key).catch(() => undefined);
    throw err;
  }
}

export async function removeProductPhoto(db: TenantClient, storage: Storage, id: string): Promise<ProductWithCategory> {
  let old: string | null = null;
  const product = await db.$transaction(async (tx) => {
    const current = await getProduct(tx, id);
    if (!current.photoKey && !current.imageUrl) throw catalogErrors.noPhoto();
    old = current.photoKey;
    return patchProduct(tx, id, { photoKey: null, imageUrl: null });
  });
  if (old) await storage.delete(old).catch(() => undefined);
  return product;
}

export const decimalText = (d: Prisma.Decimal | null) => (d === null ? null : d.toString());
