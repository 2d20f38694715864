import type { TenantClient } from '../../platform/db/clients.ts';
import { catalogErrors } from './catalog.errors.ts';
import { findCategory, findCategoryByName, insertCategory, listCategories, removeCategory, updateCategory, type Category } from './products.repository.ts';

export async function categoriesWithCounts(db: TenantClient) {
  return db.$transaction((tx) => listCategories(tx));
}

/** Names are unique whatever their case ("Bebidas" = "bebidas"); the unique index is the last word under concurrency. */
export async function createCategory(db: TenantClient, input: { name: string; sortOrder?: number | undefined }): Promise<Category> {
  return db.$transaction(async (tx) => {
    if (await findCategoryByName(tx, input.name)) throw catalogErrors.categoryNameTaken(input.name);
    return insertCategory(tx, { name: input.name, ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}) });
  });
}

export async function changeCategory(db: TenantClient, id: string, input: { name?: string | undefined; sortOrder?: number | undefined }): Promise<Category> {
  return db.$transaction(async (tx) => {
    if (!(await findCategory(tx, id))) throw catalogErrors.categoryNotFound();
    if (input.name !== undefined) {
      const same = await findCategoryByName(tx, input.name);
      if (same && same.id !== id) throw catalogErrors.categoryNameTaken(input.name);
    }
    return updateCategory(tx, id, { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}) });
  });
}

/** Its products stay, without a category. */
export async function deleteCategory(db: TenantClient, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    if (!(await findCategory(tx, id))) throw catalogErrors.categoryNotFound();
    await removeCategory(tx, id);
  });
}
