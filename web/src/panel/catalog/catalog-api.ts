// The catalog's queries and mutations (products, categories, photos, CSV).
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { apiFetch } from '../lib/api.ts';
import type { Category, ImportPreview, Product, ProductList } from '../lib/wire.ts';

export type ProductFilters = { q: string; categoryId: string; active: '' | 'true' | 'false'; outOfStock: boolean; page: number };
export const productsKey = (slug: string) => ['products', slug] as const;
export const categoriesKey = (slug: string) => ['categories', slug] as const;

export function useProducts(slug: string, f: ProductFilters) {
  const query = new URLSearchParams({ page: String(f.page), pageSize: '50' });
  if (f.q.trim()) query.set('q', f.q.trim());
  if (f.categoryId) query.set('categoryId', f.categoryId);
  if (f.active) query.set('active', f.active);
  if (f.outOfStock) query.set('inStock', 'false');
  return useQuery({
    queryKey: [...productsKey(slug), query.toString()],
    queryFn: ({ signal }) => apiFetch<ProductList>(`/api/companies/${slug}/products?${query.toString()}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProductCount(slug: string) {
  return useQuery({
    queryKey: [...productsKey(slug), 'count'],
    queryFn: ({ signal }) => apiFetch<ProductList>(`/api/companies/${slug}/products?pageSize=1`, { signal }).then((r) => r.total),
  });
}

export function useCategories(slug: string) {
  return useQuery({
    queryKey: categoriesKey(slug),
    queryFn: ({ signal }) => apiFetch<{ categories: Category[] }>(`/api/companies/${slug}/categories`, { signal }).then((r) => r.categories),
  });
}

export type ProductBody = {
  name: string;
  price: string;
  unit: string;
  stock: string | null;
  description: string | null;
  sku: string | null;
  isActive: boolean;
  categoryId: string | null;
};

export async function saveProduct(slug: string, id: string | null, body: ProductBody, photo: File | null, removePhoto: boolean): Promise<Product> {
  let product = id
    ? (await apiFetch<{ product: Product }>(`/api/companies/${slug}/products/${id}`, { method: 'PATCH', body })).product
    : (await apiFetch<{ product: Product }>(`/api/companies/${slug}/products`, { method: 'POST', body })).product;
  if (photo) {
    const form = new FormData();
    form.set('photo', photo);
    product = (await apiFetch<{ product: Product }>(`/api/companies/${slug}/products/${product.id}/photo`, { method: 'PUT', form })).product;
  } else if (removePhoto && product.hasUploadedPhoto) {
    product = (await apiFetch<{ product: Product }>(`/api/companies/${slug}/products/${product.id}/photo`, { method: 'DELETE' })).product;
  }
  return product;
}

/** A quick change from the list (active, stock) shown at once, undone if the API refuses it. */
export function usePatchProduct(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<Pick<Product, 'isActive' | 'stock'>> }) =>
      apiFetch<{ product: Product }>(`/api/companies/${slug}/products/${id}`, { method: 'PATCH', body: patch }).then((r) => r.product),
    onMutate: async ({ id, patch }) => {
      await client.cancelQueries({ queryKey: productsKey(slug) });
      const before = client.getQueriesData<ProductList>({ queryKey: productsKey(slug) });
      client.setQueriesData<ProductList>({ queryKey: productsKey(slug) }, (list) =>
        list && typeof list === 'object' && 'products' in list ? { ...list, products: list.products.map((p) => (p.id === id ? { ...p, ...patch } : p)) } : list,
      );
      return { before };
    },
    onError: (_err, _vars, context) => {
      for (const [key, data] of context?.before ?? []) client.setQueryData(key, data);
    },
    onSettled: () => client.invalidateQueries({ queryKey: productsKey(slug) }),
  });
}

export function importCsv(slug: string, csv: string, dryRun: boolean): Promise<ImportPreview> {
  return apiFetch<ImportPreview>(`/api/companies/${slug}/products/import?dryRun=${dryRun}`, { method: 'POST', raw: { body: csv, contentType: 'text/csv' } });
}

export function loadStarter(slug: string, businessType: string | undefined, dryRun: boolean): Promise<ImportPreview> {
  return apiFetch<ImportPreview>(`/api/companies/${slug}/products/starter`, { method: 'POST', body: { ...(businessType ? { businessType } : {}), dryRun } });
}
