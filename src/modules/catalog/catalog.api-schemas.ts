// The catalog's wire shapes for the staff API (requests validated, answers documented).
import { z } from 'zod';
import { catalogMessages as m } from './catalog.messages.ts';
import { productInputSchema, productChangeSchema } from './catalog.schemas.ts';
import type { Category } from './products.repository.ts';
import type { ProductWithCategory } from './products.repository.ts';

export const slugParams = z.object({ slug: z.string() });
const ID = 'id: identificador (UUID) del producto';
export const productParams = z.object({ slug: z.string(), id: z.uuid(ID) });
export const categoryParams = z.object({ slug: z.string(), id: z.uuid('id: identificador (UUID) de la categoría') });

const categoryId = z.uuid('categoryId: identificador (UUID) de una categoría, o null').nullish();

/** One product (POST) — or, as before this API, a list to create or update by SKU/name in one go. */
export const productCreateSchema = productInputSchema.extend({ categoryId });
const PRODUCTS = 'Envía un producto { "name", "price", … } o una lista { "products": [ … ] }';
const LIST_MIN = 'products: al menos un producto';
const LIST_MAX = 'products: máximo 5000 productos por envío';
const productList = z.array(productInputSchema, PRODUCTS).min(1, LIST_MIN).max(5000, LIST_MAX);

type BranchIssue = { path: PropertyKey[]; message: string };
/**
 * When no form fits, the problems of the form the body was meant as (a list, { products }, or one
 * product), named by field — "0: se esperaba objeto" for the first product of a list — instead
 * of a bare "no form fits".
 */
function productsPostError(issue: { input?: unknown; errors?: BranchIssue[][] }): string {
  const input = issue.input;
  const branch = Array.isArray(input) ? 0 : input && typeof input === 'object' && 'products' in input ? 1 : input && typeof input === 'object' ? 2 : -1;
  const issues = branch >= 0 ? issue.errors?.[branch] : undefined;
  if (!issues?.length) return PRODUCTS;
  return issues
    .map((i) => {
      const path = (branch === 1 ? i.path.slice(1) : i.path).map(String).join('.');
      return path && !i.message.startsWith(`${path}:`) && !i.message.startsWith('products:') ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}
export const productsPostSchema = z.union([productList, z.strictObject({ products: productList }), productCreateSchema], { error: (iss) => productsPostError(iss as never) });
export const productPatchSchema = productChangeSchema.extend({ categoryId }).strict();

const flag = (name: string) =>
  z.enum(['true', 'false'], `${name}: true o false`).transform((v) => v === 'true').optional();
export const productListQuery = z.object({
  q: z.string('q: texto a buscar').trim().max(100, 'q: máximo 100 caracteres').optional(),
  categoryId: z.union([z.uuid('categoryId: identificador (UUID) de una categoría, o "none"'), z.literal('none')]).optional(),
  active: flag('active'),
  inStock: flag('inStock'),
  page: z.coerce.number('page: número de página desde 1').int('page: número entero').min(1, 'page: desde 1').max(100_000, 'page: demasiado grande').default(1),
  pageSize: z.coerce.number('pageSize: entre 1 y 200').int('pageSize: número entero').min(1, 'pageSize: entre 1 y 200').max(200, 'pageSize: entre 1 y 200').default(50),
});

export const productSchema = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  category: z.object({ id: z.string(), name: z.string() }).nullable(),
  price: z.string().describe('Precio decimal exacto, p. ej. "45.5"'),
  unit: z.string(),
  stock: z.string().nullable().describe('Existencias; null = ilimitado'),
  isActive: z.boolean(),
  imageUrl: z.string().nullable().describe('Foto: la que subió el negocio (servida por Mostrador o el bucket) o una URL externa'),
  hasUploadedPhoto: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const productView = (p: ProductWithCategory): z.infer<typeof productSchema> => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  description: p.description,
  category: p.category ? { id: p.category.id, name: p.category.name } : null,
  price: p.price.toString(),
  unit: p.unit,
  stock: p.stock === null ? null : p.stock.toString(),
  isActive: p.isActive,
  imageUrl: p.imageUrl,
  hasUploadedPhoto: p.photoKey !== null,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const productListSchema = z.object({ products: z.array(productSchema), page: z.number(), pageSize: z.number(), total: z.number() });
export const bulkResultSchema = z.object({ created: z.number(), updated: z.number() });
export const productOneSchema = z.object({ product: productSchema });

const categoryName = z.string(m.categoryNameInvalid).trim().min(1, m.categoryNameInvalid).max(60, m.categoryNameInvalid);
export const categoryInputSchema = z.strictObject({ name: categoryName, sortOrder: z.number('sortOrder: número entero').int('sortOrder: número entero').min(0).max(100_000).optional() });
export const categoryPatchSchema = z.strictObject({ name: categoryName.optional(), sortOrder: z.number('sortOrder: número entero').int('sortOrder: número entero').min(0).max(100_000).optional() });
export const categorySchema = z.object({ id: z.string(), name: z.string(), sortOrder: z.number(), productCount: z.number() });
export const categoryView = (c: Category, productCount: number) => ({ id: c.id, name: c.name, sortOrder: c.sortOrder, productCount });

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false'], 'dryRun: true (vista previa, por defecto) o false (aplicar)').default('true').transform((v) => v === 'true'),
  missing: z.enum(['keep', 'deactivate'], 'missing: keep (por defecto) o deactivate').default('keep'),
});
const action = z.enum(['create', 'update', 'deactivate', 'unchanged']);
export const importPreviewSchema = z.object({
  applied: z.boolean(),
  summary: z.object({
    create: z.number(), update: z.number(), deactivate: z.number(), unchanged: z.number(), errors: z.number(),
    activeBefore: z.number(), activeAfter: z.number(), activeLimit: z.number().nullable(),
  }),
  changes: z.array(z.object({ line: z.number().nullable(), action, productId: z.string().nullable(), sku: z.string().nullable(), name: z.string(), fields: z.array(z.string()) })),
  errors: z.array(z.object({ line: z.number().nullable(), message: z.string() })),
  newCategories: z.array(z.string()),
});
