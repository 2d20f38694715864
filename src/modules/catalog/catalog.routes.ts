import { Router } from 'express';
import { AppError } from '../../platform/errors.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import { apiRoute, type ApiCompany } from '../../platform/http/api-route.ts';
import type { CompaniesService } from '../companies/index.ts';
import { readUpload, type Storage } from '../storage/index.ts';
import {
  bulkResultSchema, categoryInputSchema, categoryParams, categoryPatchSchema, categorySchema, categoryView, importPreviewSchema, importQuery,
  productListQuery, productListSchema, productOneSchema, productParams, productPatchSchema, productsPostSchema, productView, slugParams,
} from './catalog.api-schemas.ts';
import { z } from 'zod';
import { catalogMessages as m } from './catalog.messages.ts';
import { changeCategory, categoriesWithCounts, createCategory, deleteCategory } from './categories.service.ts';
import { PHOTO_UPLOAD_MAX_MB, preparePhoto } from './product-photo.ts';
import { applyProductImport, exportProductsCsv, previewProductImport } from './products-csv.ts';
import { createProduct, deleteProduct, getProduct, removeProductPhoto, searchProducts, setProductPhoto, updateProduct, type NameRanker } from './products.service.ts';
import { upsertProducts } from './upsert-products.ts';
import { STARTER_BUSINESS_TYPES, starterCatalogCsv } from './starter-catalogs.ts';

const starterBody = z.strictObject({
  businessType: z.enum(STARTER_BUSINESS_TYPES as [string, ...string[]], `businessType: ${STARTER_BUSINESS_TYPES.join(', ')}`).optional(),
  dryRun: z.boolean('dryRun: true o false').default(false),
});

const TAG = 'Catálogo';
const CSV_MAX_BYTES = 5 * 1024 * 1024;

/** A CSV as spreadsheets save it: UTF-8 (with or without BOM), or Windows-1252 from Excel in Spanish. */
function decodeCsv(bytes: Buffer): string {
  if (bytes.includes(0)) throw new AppError('VALIDATION', 'El archivo no es un CSV de texto.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

// Products, categories, photos and CSV of a company's catalog: owner, staff and API keys.
export function createCatalogRouter(deps: { companies: CompaniesService; tenants: TenantClients; storage: Storage; rankByName: NameRanker }): Router {
  const router = Router();
  const db = (c: ApiCompany) => deps.tenants.get(c.connection);
  const planOf = async (c: ApiCompany) => {
    const company = await deps.companies.getCompany(c.slug);
    return { activeProductLimit: company.plan.activeProductLimit, schema: c.schema };
  };

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/categories', tag: TAG, access: 'member',
    summary: 'Categorías del catálogo, con cuántos productos tiene cada una',
    params: slugParams, response: z.object({ categories: z.array(categorySchema) }),
  }, async ({ company }) => ({ categories: (await categoriesWithCounts(db(company))).map((c) => categoryView(c, c._count.products)) }));

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/categories', tag: TAG, access: 'member', status: 201,
    summary: 'Crea una categoría (nombre único, sin importar mayúsculas)',
    params: slugParams, body: categoryInputSchema, response: z.object({ category: categorySchema }),
  }, async ({ company, body }) => ({ category: categoryView(await createCategory(db(company), body), 0) }));

  apiRoute(router, {
    method: 'patch', path: '/api/companies/:slug/categories/:id', tag: TAG, access: 'member',
    summary: 'Renombra o reordena una categoría',
    params: categoryParams, body: categoryPatchSchema, response: z.object({ category: categorySchema.omit({ productCount: true }) }),
  }, async ({ company, params, body }) => {
    const c = await changeCategory(db(company), params.id, body);
    return { category: { id: c.id, name: c.name, sortOrder: c.sortOrder } };
  });

  apiRoute(router, {
    method: 'delete', path: '/api/companies/:slug/categories/:id', tag: TAG, access: 'member', status: 204,
    summary: 'Borra una categoría; sus productos quedan sin categoría',
    params: categoryParams,
  }, async ({ company, params }) => {
    await deleteCategory(db(company), params.id);
  });

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/products', tag: TAG, access: 'member',
    summary: 'Productos: búsqueda por nombre o SKU (tolera acentos y errores de dedo), filtros y páginas',
    description: '`q` busca por SKU (exacto o inicio) y por nombre; `categoryId` (o `none`), `active`, `inStock` filtran; `page` y `pageSize` (máx. 200) paginan. Sin `q`, por nombre.',
    params: slugParams, query: productListQuery, response: productListSchema,
  }, async ({ company, query }) => {
    const { items, total } = await searchProducts(db(company), {
      q: query.q, active: query.active, inStock: query.inStock,
      categoryId: query.categoryId === 'none' ? null : query.categoryId,
      page: query.page, pageSize: query.pageSize,
    }, deps.rankByName);
    return { products: items.map(productView), page: query.page, pageSize: query.pageSize, total };
  });

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/products', tag: TAG, access: 'member',
    summary: 'Crea un producto (201), o crea/actualiza una lista por SKU o nombre (200)',
    description: 'Un objeto producto crea uno y responde 201 con él (SKU repetido: 409). Una lista (`[ … ]` o `{ "products": [ … ] }`) crea o actualiza cada producto por SKU, o por nombre si no tiene, en una sola transacción. Activar más productos de los que permite el plan: 402 PLAN_LIMIT.',
    params: slugParams, body: productsPostSchema, response: z.union([bulkResultSchema, productOneSchema]),
  }, async ({ company, body, res }) => {
    const plan = await planOf(company);
    if (Array.isArray(body) || 'products' in body) {
      return upsertProducts(db(company), Array.isArray(body) ? body : body.products, { ...plan, storage: deps.storage });
    }
    const product = await createProduct(db(company), plan, body);
    res.status(201).json({ product: productView(product) });
    return undefined;
  });

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/products/export.csv', tag: TAG, access: 'member',
    summary: 'Exporta el catálogo en CSV (las mismas columnas que la importación)',
    params: slugParams, raw: { responseContentType: 'text/csv' },
  }, async ({ company, res }) => {
    const csv = await exportProductsCsv(db(company));
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="productos-${company.slug}.csv"`);
    res.send(csv);
  });

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/products/import', tag: TAG, access: 'member',
    summary: 'Importa un CSV: vista previa de lo que cambiaría (por defecto) o aplicarlo',
    description: 'Cuerpo: el CSV (text/csv, hasta 5 MB; o un formulario con el archivo). Columnas: sku, nombre, descripcion, categoria, precio, unidad, existencias, activo, imagen (o en inglés). `dryRun=true` (por defecto) no escribe nada y dice qué productos se crean, actualizan (qué campos) o desactivan, y los errores por línea; `dryRun=false` aplica todo en una transacción, o nada si hay errores (400) o se pasa del plan (402). En productos existentes solo cambian las columnas presentes. `missing=deactivate` desactiva los productos que no vienen en el archivo.',
    params: slugParams, query: importQuery, raw: { requestContentType: 'text/csv' }, response: importPreviewSchema,
  }, async ({ company, query, req }) => {
    const text = decodeCsv((await readUpload(req, CSV_MAX_BYTES)).bytes);
    const plan = await planOf(company);
    const opts = { deactivateMissing: query.missing === 'deactivate' };
    const preview = query.dryRun ? await previewProductImport(db(company), text, plan, opts) : await applyProductImport(db(company), text, plan, { ...opts, storage: deps.storage });
    return { applied: !query.dryRun, ...preview };
  });

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/products/starter', tag: TAG, access: 'member',
    summary: 'Carga un catálogo de ejemplo según el tipo de negocio (para probar el bot antes de cargar el propio)',
    description: `Unos pocos productos de ejemplo del tipo de negocio (\`businessType\`, o el del negocio): ${STARTER_BUSINESS_TYPES.join(', ')}. Pasan por la misma importación que un CSV (categorías, límites del plan); \`dryRun: true\` solo muestra qué se crearía. Los productos que ya existen con el mismo SKU se actualizan.`,
    params: slugParams, body: starterBody, response: importPreviewSchema,
  }, async ({ company, body }) => {
    const type = body.businessType ?? (await deps.companies.getCompany(company.slug)).businessType;
    const csv = starterCatalogCsv(type);
    const plan = await planOf(company);
    const opts = { deactivateMissing: false };
    const preview = body.dryRun ? await previewProductImport(db(company), csv, plan, opts) : await applyProductImport(db(company), csv, plan, opts);
    return { applied: !body.dryRun, ...preview };
  });

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/products/:id', tag: TAG, access: 'member',
    summary: 'Un producto', params: productParams, response: productOneSchema,
  }, async ({ company, params }) => ({ product: productView(await getProduct(db(company), params.id)) }));

  apiRoute(router, {
    method: 'patch', path: '/api/companies/:slug/products/:id', tag: TAG, access: 'member',
    summary: 'Cambia campos de un producto (los que no se envían quedan igual)',
    description: '`stock: null` = existencias ilimitadas; `categoryId: null` lo deja sin categoría; `imageUrl` pone una foto externa (o `null` la quita). Activar un producto por encima del plan: 402.',
    params: productParams, body: productPatchSchema, response: productOneSchema,
  }, async ({ company, params, body }) => ({ product: productView(await updateProduct(db(company), await planOf(company), params.id, body, deps.storage)) }));

  apiRoute(router, {
    method: 'delete', path: '/api/companies/:slug/products/:id', tag: TAG, access: 'member', status: 204,
    summary: 'Borra un producto que no está en ningún pedido (si lo está: 409, desactívalo)',
    params: productParams,
  }, async ({ company, params }) => {
    await deleteProduct(db(company), deps.storage, await planOf(company), params.id);
  });

  apiRoute(router, {
    method: 'put', path: '/api/companies/:slug/products/:id/photo', tag: TAG, access: 'member',
    summary: 'Sube la foto de un producto (JPG, PNG, WebP, GIF, HEIC, AVIF; hasta 15 MB)',
    description: `Cuerpo: la imagen (Content-Type image/*) o un formulario multipart con el campo "photo". El tipo se comprueba por el contenido; se guarda como JPEG de hasta 1600 px por lado y menos de 5 MB (lo que WhatsApp acepta) y se sirve en \`imageUrl\`. ${m.photoNotImage} (415); más de ${PHOTO_UPLOAD_MAX_MB} MB: 413.`,
    params: productParams, raw: { requestContentType: 'image/jpeg' }, response: productOneSchema,
  }, async ({ company, params, req }) => {
    await getProduct(db(company), params.id);
    const upload = await readUpload(req, PHOTO_UPLOAD_MAX_MB * 1024 * 1024);
    const photo = await preparePhoto(upload.bytes);
    return { product: productView(await setProductPhoto(db(company), deps.storage, company, params.id, photo)) };
  });

  apiRoute(router, {
    method: 'delete', path: '/api/companies/:slug/products/:id/photo', tag: TAG, access: 'member',
    summary: 'Quita la foto de un producto', params: productParams, response: productOneSchema,
  }, async ({ company, params }) => ({ product: productView(await removeProductPhoto(db(company), deps.storage, params.id)) }));

  return router;
}
