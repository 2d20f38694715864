// CSV import with a preview of what it will change, then apply; and CSV export.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import { AppError } from '../../platform/errors.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { catalogErrors } from './catalog.errors.ts';
import { lockCatalog } from './catalog.repository.ts';
import type { Storage } from '../storage/index.ts';
import { productInputSchema, type ParsedProductInput } from './catalog.schemas.ts';
import { csvField, readProductCsv } from './products-csv-format.ts';
import { allProducts, findCategoryByName, insertCategory, insertProduct, patchProduct, type ProductWithCategory } from './products.repository.ts';
import type { CatalogPlan } from './products.service.ts';

export type ImportAction = 'create' | 'update' | 'deactivate' | 'unchanged';
export type ImportChange = {
  /** The CSV line, or null for a product missing from the file (with missing=deactivate). */
  line: number | null;
  action: ImportAction;
  productId: string | null;
  sku: string | null;
  name: string;
  /** The fields that change (update). */
  fields: string[];
};
export type ImportPreview = {
  summary: Record<ImportAction, number> & { errors: number; activeBefore: number; activeAfter: number; activeLimit: number | null };
  changes: ImportChange[];
  errors: { line: number | null; message: string }[];
  newCategories: string[];
};

type Row = { line: number; input: ParsedProductInput; category: string | null | undefined };
type Planned = Row & { existing: ProductWithCategory | null; data: Record<string, unknown> };

const FIELD_NAMES: Record<string, string> = {
  name: 'nombre', sku: 'sku', description: 'descripcion', price: 'precio', unit: 'unidad', stock: 'existencias',
  isActive: 'activo', imageUrl: 'imagen', category: 'categoria',
};
const MAX_ROWS = 5000;
const nameKey = (name: string) => name.trim().toLocaleLowerCase('es');

/** Each line validated on its own: every problem of the file is reported at once, in Spanish. */
function parseRows(text: string): { rows: Row[]; present: Set<string>; errors: ImportPreview['errors'] } {
  const { rows, errors: fileErrors } = readProductCsv(text);
  const errors: ImportPreview['errors'] = fileErrors.map((message) => ({ line: null, message }));
  if (rows.length > MAX_ROWS) errors.push({ line: null, message: `El archivo tiene ${rows.length} productos; el máximo por archivo es ${MAX_ROWS}.` });
  const present = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  const parsed: Row[] = [];
  for (const { line, cells } of rows) {
    const { category, stock, ...rest } = cells;
    const raw: Record<string, unknown> = { ...rest, ...(stock !== undefined ? { stock: /^(ilimitado|unlimited|-)$/i.test(stock) ? null : stock } : {}) };
    const r = productInputSchema.safeParse(raw);
    if (!r.success) {
      for (const iss of r.error.issues) errors.push({ line, message: `Línea ${line}: ${FIELD_NAMES[String(iss.path[0])] ?? 'fila'}: ${iss.message}` });
      continue;
    }
    if (category !== undefined && category.length > 60) {
      errors.push({ line, message: `Línea ${line}: categoria: máximo 60 caracteres.` });
      continue;
    }
    parsed.push({ line, input: r.data, category: category ?? (present.has('category') ? null : undefined) });
  }
  return { rows: parsed, present, errors };
}

const same = (a: unknown, b: unknown) =>
  a instanceof Prisma.Decimal || b instanceof Prisma.Decimal
    ? a !== null && b !== null && new Prisma.Decimal(a as Prisma.Decimal).eq(b as Prisma.Decimal)
    : (a ?? null) === (b ?? null);

/**
 * Matches each line to a product (by SKU, else by name) and keeps, for products that exist, only
 * the columns the file has: a file without "existencias" leaves stock alone. A later line for the
 * same product wins, as in a spreadsheet.
 */
function planRows(rows: Row[], present: Set<string>, existing: ProductWithCategory[]): { planned: Planned[]; errors: ImportPreview['errors'] } {
  const bySku = new Map(existing.filter((e) => e.sku).map((e) => [e.sku!, e]));
  const byName = new Map(existing.map((e) => [nameKey(e.name), e]));
  const planned = new Map<string, Planned>();
  const errors: ImportPreview['errors'] = [];
  for (const row of rows) {
    const named = byName.get(nameKey(row.input.name));
    const found = row.input.sku ? (bySku.get(row.input.sku) ?? (named && !named.sku ? named : null)) : (named ?? null);
    if (found && row.input.sku && bySku.get(row.input.sku) && bySku.get(row.input.sku)!.id !== found.id) {
      errors.push({ line: row.line, message: `Línea ${row.line}: sku: el SKU "${row.input.sku}" ya es de otro producto.` });
      continue;
    }
    const data: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(row.input)) if (!found || present.has(field)) data[field] = value;
    const key = found ? `id:${found.id}` : row.input.sku ? `sku:${row.input.sku}` : `name:${nameKey(row.input.name)}`;
    planned.set(key, { ...row, existing: found ?? null, data });
  }
  return { planned: [...planned.values()], errors };
}

function describe(p: Planned): ImportChange {
  const base = { line: p.line, productId: p.existing?.id ?? null, sku: p.input.sku, name: p.input.name };
  if (!p.existing) return { ...base, action: 'create', fields: [] };
  const fields = Object.entries(p.data)
    .filter(([f, v]) => !same((p.existing as Record<string, unknown>)[f], v))
    .map(([f]) => FIELD_NAMES[f] ?? f);
  if (p.category !== undefined && nameKey(p.category ?? '') !== nameKey(p.existing.category?.name ?? '')) fields.push('categoria');
  const deactivates = p.existing.isActive && p.data.isActive === false;
  return { ...base, action: deactivates ? 'deactivate' : fields.length ? 'update' : 'unchanged', fields };
}

async function buildPreview(tx: TenantTx, text: string, plan: CatalogPlan, opts: { deactivateMissing: boolean }) {
  const { rows, present, errors } = parseRows(text);
  const existing = await allProducts(tx, {});
  const { planned, errors: matchErrors } = planRows(rows, present, existing);
  errors.push(...matchErrors);
  const changes = planned.map(describe);
  const touched = new Set(planned.flatMap((p) => (p.existing ? [p.existing.id] : [])));
  const missing = opts.deactivateMissing ? existing.filter((e) => e.isActive && !touched.has(e.id)) : [];
  for (const e of missing) changes.push({ line: null, action: 'deactivate', productId: e.id, sku: e.sku, name: e.name, fields: ['activo'] });
  const activeState = new Map(existing.map((e) => [e.id, e.isActive]));
  let created = 0;
  for (const p of planned) {
    if (p.existing) activeState.set(p.existing.id, (p.data.isActive as boolean | undefined) ?? p.existing.isActive);
    else if (p.input.isActive) created++;
  }
  for (const e of missing) activeState.set(e.id, false);
  const activeBefore = existing.filter((e) => e.isActive).length;
  const activeAfter = [...activeState.values()].filter(Boolean).length + created;
  const known = new Set(existing.flatMap((e) => (e.category ? [nameKey(e.category.name)] : [])));
  const newCategories = [...new Map(planned.flatMap((p) => (p.category && !known.has(nameKey(p.category)) ? [[nameKey(p.category), p.category]] : []))).values()];
  const count = (a: ImportAction) => changes.filter((c) => c.action === a).length;
  const preview: ImportPreview = {
    summary: {
      create: count('create'), update: count('update'), deactivate: count('deactivate'), unchanged: count('unchanged'),
      errors: errors.length, activeBefore, activeAfter, activeLimit: plan.activeProductLimit,
    },
    changes,
    errors,
    newCategories,
  };
  return { preview, planned, missing };
}

/** What the file would change; nothing is written. */
export async function previewProductImport(db: TenantClient, text: string, plan: CatalogPlan, opts: { deactivateMissing: boolean }): Promise<ImportPreview> {
  return db.$transaction(async (tx) => (await buildPreview(tx, text, plan, opts)).preview);
}

/**
 * Applies the file in one transaction, planned again under the catalog lock (the catalog may have
 * changed since the preview). Any error in the file, or going over the plan's active products,
 * writes nothing.
 */
export async function applyProductImport(db: TenantClient, text: string, plan: CatalogPlan, opts: { deactivateMissing: boolean; storage?: Pick<Storage, 'delete'> }): Promise<ImportPreview> {
  const replaced: string[] = [];
  const preview = await applyInTransaction(db, text, plan, opts, replaced);
  // Stored photos whose link the file replaced, deleted once the import has committed.
  for (const key of replaced) await opts.storage?.delete(key).catch(() => undefined);
  return preview;
}

async function applyInTransaction(db: TenantClient, text: string, plan: CatalogPlan, opts: { deactivateMissing: boolean }, replaced: string[]): Promise<ImportPreview> {
  return db.$transaction(
    async (tx) => {
      await lockCatalog({ tx, schema: plan.schema });
      const { preview, planned, missing } = await buildPreview(tx, text, plan, opts);
      if (preview.errors.length) {
        throw new AppError('VALIDATION', `No se importó nada; corrige el archivo: ${preview.errors.slice(0, 5).map((e) => e.message).join(' ')}`, { errors: preview.errors });
      }
      const { activeAfter, activeBefore } = preview.summary;
      if (plan.activeProductLimit !== null && activeAfter > activeBefore && activeAfter > plan.activeProductLimit) {
        throw catalogErrors.activeProductLimit(plan.activeProductLimit, activeAfter);
      }
      const categories = new Map<string, string | null>();
      const categoryId = async (name: string | null | undefined) => {
        if (name === undefined) return undefined;
        if (name === null) return null;
        const key = nameKey(name);
        if (!categories.has(key)) categories.set(key, ((await findCategoryByName(tx, name)) ?? (await insertCategory(tx, { name }))).id);
        return categories.get(key)!;
      };
      for (const [i, p] of planned.entries()) {
        const change = preview.changes[i]!;
        if (change.action === 'unchanged') continue;
        const category = await categoryId(p.category);
        const data = { ...p.data, ...(category !== undefined ? { categoryId: category } : {}) };
        if (!p.existing) await insertProduct(tx, { ...(data as ParsedProductInput), categoryId: category ?? null });
        else {
          const replacesPhoto = 'imageUrl' in data && data.imageUrl !== p.existing.imageUrl;
          if (replacesPhoto && p.existing.photoKey) replaced.push(p.existing.photoKey);
          await patchProduct(tx, p.existing.id, { ...data, ...(replacesPhoto ? { photoKey: null } : {}) });
        }
      }
      for (const e of missing) await patchProduct(tx, e.id, { isActive: false });
      return preview;
    },
    { timeout: 60_000 },
  );
}

const EXPORT_COLUMNS = ['sku', 'nombre', 'descripcion', 'categoria', 'precio', 'unidad', 'existencias', 'activo', 'imagen'];

/** Every product as CSV (UTF-8 with BOM so spreadsheets read accents), in the importer's columns. */
export async function exportProductsCsv(db: TenantClient): Promise<string> {
  const products = await db.$transaction((tx) => allProducts(tx, {}));
  const lines = products.map((p) =>
    [p.sku ?? '', p.name, p.description ?? '', p.category?.name ?? '', p.price.toFixed(2), p.unit, p.stock === null ? '' : p.stock.toString(), p.isActive ? 'sí' : 'no', p.imageUrl ?? '']
      .map(csvField)
      .join(','),
  );
  return `\uFEFF${[EXPORT_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
