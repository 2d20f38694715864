import type { TenantClient } from '../../platform/db/clients.ts';
import { AppError } from '../../platform/errors.ts';
import { catalogErrors } from './catalog.errors.ts';
import {
  createProduct,
  listProductKeys,
  lockCatalog,
  updateProduct,
  type ExistingProduct,
} from './catalog.repository.ts';
import { productInputSchema, type ParsedProductInput, type ProductInput } from './catalog.schemas.ts';
import type { Storage } from '../storage/index.ts';

type Plan = { activeProductLimit: number | null };
type Planned = { input: ParsedProductInput; existing: ExistingProduct | null };

const nameKey = (name: string) => name.trim().toLocaleLowerCase('es');

function parseAll(items: ProductInput[]): ParsedProductInput[] {
  return items.map((item, i) => {
    const r = productInputSchema.safeParse(item);
    if (r.success) return r.data;
    const issues = r.error.issues.map((iss) => `${iss.path.join('.') || 'producto'}: ${iss.message}`);
    throw new AppError('VALIDATION', `Producto ${i + 1}: ${issues.join('; ')}`, { index: i, issues });
  });
}

/** Matches each input to an existing product: by SKU when given, else by name (case-insensitive). */
function plan(inputs: ParsedProductInput[], existing: ExistingProduct[]): Planned[] {
  const bySku = new Map(existing.filter((e) => e.sku).map((e) => [e.sku, e]));
  const byName = new Map(existing.map((e) => [nameKey(e.name), e]));
  // A later row for the same product wins, as in a spreadsheet.
  const planned = new Map<string, Planned>();
  for (const input of inputs) {
    const named = byName.get(nameKey(input.name));
    const found = input.sku ? (bySku.get(input.sku) ?? (named && !named.sku ? named : null)) : (named ?? null);
    const key = found ? `id:${found.id}` : input.sku ? `sku:${input.sku}` : `name:${nameKey(input.name)}`;
    planned.set(key, { input, existing: found ?? null });
  }
  return [...planned.values()];
}

function activeAfter(existing: ExistingProduct[], planned: Planned[]): { before: number; after: number; activates: boolean } {
  const state = new Map(existing.map((e) => [e.id, e.isActive]));
  let activates = false;
  let added = 0;
  for (const p of planned) {
    if (p.existing) {
      if (p.input.isActive && !p.existing.isActive) activates = true;
      state.set(p.existing.id, p.input.isActive);
    } else if (p.input.isActive) {
      activates = true;
      added++;
    }
  }
  const before = existing.filter((e) => e.isActive).length;
  return { before, after: [...state.values()].filter(Boolean).length + added, activates };
}

/**
 * Creates or updates products in one transaction. Refuses (PLAN_LIMIT) when it would activate
 * products beyond the plan; deactivating or editing is always allowed, even over the limit.
 */
export async function upsertProducts(
  db: TenantClient,
  items: ProductInput[],
  opts: Plan & { schema?: string; storage?: Pick<Storage, 'delete'> },
): Promise<{ created: number; updated: number }> {
  const inputs = parseAll(items);
  const replaced: string[] = [];
  const result = await db.$transaction(async (tx) => {
    if (opts.schema) await lockCatalog({ tx, schema: opts.schema });
    const existing = await listProductKeys(tx);
    const planned = plan(inputs, existing);
    const { after, activates } = activeAfter(existing, planned);
    if (opts.activeProductLimit !== null && activates && after > opts.activeProductLimit) {
      throw catalogErrors.activeProductLimit(opts.activeProductLimit, after);
    }
    let created = 0;
    let updated = 0;
    for (const p of planned) {
      if (p.existing) {
        const old = await updateProduct(tx, p.existing, p.input);
        if (old) replaced.push(old);
        updated++;
      } else {
        await createProduct(tx, p.input);
        created++;
      }
    }
    return { created, updated };
    // A list may hold 5,000 products, written one statement each: past Prisma's 5 s default.
  }, { timeout: 60_000 });
  // After the commit: a failed delete leaves an orphan file, never a product pointing at nothing.
  for (const key of replaced) await opts.storage?.delete(key).catch(() => undefined);
  return result;
}
