// /panel/:slug/catalogo: products as cards on a phone and a table on a desktop, with search,
// filters, inline stock and active switches (shown at once, undone if refused), the editor,
// categories, CSV import with its preview, and the export.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { apiUrl, errorMessage } from '../lib/api.ts';
import { useMoney } from '../lib/company.ts';
import type { Product } from '../lib/wire.ts';
import { Badge, Button, EmptyState, ErrorNotice, Input, Modal, PageHeader, Select, Toggle, buttonClass, useToast } from '../lib/ui/index.ts';
import { CatalogIcon, PhotoIcon, PlusIcon, SearchIcon } from '../layout/icons.tsx';
import { useCategories, useProducts, usePatchProduct, type ProductFilters } from './catalog-api.ts';
import { CategoriesManager } from './categories-manager.tsx';
import { CsvImport } from './csv-import.tsx';
import { ProductEditor } from './product-editor.tsx';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

export default function CatalogPage() {
  const { slug = '' } = useParams();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Omit<ProductFilters, 'q'>>({ categoryId: '', active: '', outOfStock: false, page: 1 });
  const q = useDebounced(search, 250);
  const products = useProducts(slug, { ...filters, q });
  const categories = useCategories(slug).data ?? [];
  const [editing, setEditing] = useState<Product | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const [csvOpen, setCsvOpen] = useState(false);
  const [categoriesOpen, setCategoriesOpen] = useState(false);
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  const openEditor = (p: Product | null) => {
    setEditing(p);
    setEditorOpen(true);
  };
  const list = products.data;
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  const filtered = Boolean(q || filters.categoryId || filters.active || filters.outOfStock);

  return (
    <div>
      <PageHeader
        title="Catálogo"
        description={list ? `${list.total} ${list.total === 1 ? 'producto' : 'productos'}` : 'Lo que tu bot ofrece por WhatsApp.'}
        actions={
          <>
            <Button icon={<PlusIcon className="h-5 w-5" />} onClick={() => openEditor(null)}>
              Nuevo producto
            </Button>
            <Button variant="secondary" onClick={() => setCsvOpen(true)}>
              Importar CSV
            </Button>
            <Button variant="secondary" onClick={() => setCategoriesOpen(true)}>
              Categorías
            </Button>
            <a className={buttonClass('ghost')} href={apiUrl(`/api/companies/${slug}/products/export.csv`)} download>
              Exportar CSV
            </a>
          </>
        }
      />

      <div className="mb-4 grid gap-2 sm:grid-cols-[1fr_auto_auto_auto] sm:items-center">
        <label className="relative block">
          <span className="sr-only">Buscar productos</span>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 h-5 w-5 -translate-y-1/2 text-slate-500" />
          <Input type="search" placeholder="Buscar por nombre o SKU" value={search} onChange={(e) => setSearch(e.target.value)} className="pl-10" />
        </label>
        <label className="block">
          <span className="sr-only">Categoría</span>
          <Select value={filters.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
            <option value="">Todas las categorías</option>
            <option value="none">Sin categoría</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="block">
          <span className="sr-only">Estado</span>
          <Select value={filters.active} onChange={(e) => set({ active: e.target.value as ProductFilters['active'] })}>
            <option value="">Activos e inactivos</option>
            <option value="true">Solo activos</option>
            <option value="false">Solo inactivos</option>
          </Select>
        </label>
        <label className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="h-5 w-5 accent-wa-green" checked={filters.outOfStock} onChange={(e) => set({ outOfStock: e.target.checked })} />
          Sin existencias
        </label>
      </div>

      {products.isError ? <ErrorNotice error={products.error} onRetry={() => void products.refetch()} /> : null}
      {products.isPending ? <ListSkeleton /> : null}
      {list && list.products.length === 0 ? (
        filtered ? (
          <EmptyState title="No encontramos productos" icon={<SearchIcon className="h-10 w-10" />}>
            Prueba con otra búsqueda o quita los filtros.
          </EmptyState>
        ) : (
          <EmptyState title="Tu catálogo está vacío" icon={<CatalogIcon className="h-10 w-10" />} action={<Button onClick={() => openEditor(null)}>Agregar el primer producto</Button>}>
            Agrega productos a mano o importa un CSV. El bot los ofrece a tus clientes en cuanto están activos.
          </EmptyState>
        )
      ) : null}
      {list && list.products.length > 0 ? (
        <div className={products.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}>
          <ProductCards slug={slug} products={list.products} onEdit={openEditor} />
          <ProductTable slug={slug} products={list.products} onEdit={openEditor} />
          {pages > 1 ? (
            <nav className="mt-4 flex items-center justify-center gap-3" aria-label="Páginas">
              <Button variant="secondary" size="sm" disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>
                Anterior
              </Button>
              <span className="text-sm text-slate-700">
                Página {filters.page} de {pages}
              </span>
              <Button variant="secondary" size="sm" disabled={filters.page >= pages} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>
                Siguiente
              </Button>
            </nav>
          ) : null}
        </div>
      ) : null}

      <ProductEditor slug={slug} product={editing} open={editorOpen} onClose={() => setEditorOpen(false)} />
      <Modal open={csvOpen} onClose={() => setCsvOpen(false)} title="Importar productos desde CSV" wide>
        <CsvImport slug={slug} onDone={() => setCsvOpen(false)} />
      </Modal>
      <Modal open={categoriesOpen} onClose={() => setCategoriesOpen(false)} title="Categorías">
        <CategoriesManager slug={slug} />
      </Modal>
    </div>
  );
}

function ListSkeleton() {
  return (
    <div className="flex flex-col gap-2" aria-hidden="true">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="h-20 animate-pulse rounded-xl bg-slate-200/70" />
      ))}
    </div>
  );
}

function Thumb({ product, size }: { product: Product; size: string }) {
  return product.imageUrl ? (
    <img src={product.imageUrl} alt="" loading="lazy" className={`${size} shrink-0 rounded-lg bg-slate-100 object-cover`} />
  ) : (
    <span className={`${size} grid shrink-0 place-items-center rounded-lg bg-slate-100 text-slate-400`}>
      <PhotoIcon className="h-6 w-6" />
    </span>
  );
}

/** The stock in place: type and press Enter (or leave the field) to save; empty is unlimited. */
function StockInput({ slug, product }: { slug: string; product: Product }) {
  const patch = usePatchProduct(slug);
  const toast = useToast();
  const [value, setValue] = useState(product.stock ?? '');
  useEffect(() => setValue(product.stock ?? ''), [product.stock]);
  const save = () => {
    const next = value.trim() === '' ? null : value.trim().replace(',', '.');
    if (next === product.stock) return;
    if (next !== null && !/^\d{1,9}(\.\d{1,3})?$/.test(next)) {
      toast.error('Las existencias deben ser un número (o vacío para sin límite).');
      return setValue(product.stock ?? '');
    }
    patch.mutate({ id: product.id, patch: { stock: next } }, { onError: (err) => toast.error(errorMessage(err)) });
  };
  return (
    <input
      aria-label={`Existencias de ${product.name}`}
      inputMode="decimal"
      placeholder="∞"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
      className="h-10 w-20 rounded-lg border border-slate-300 px-2 text-right text-sm focus:border-wa-green focus:outline-2 focus:outline-wa-green/40"
    />
  );
}

function ActiveToggle({ slug, product }: { slug: string; product: Product }) {
  const patch = usePatchProduct(slug);
  const toast = useToast();
  return (
    <Toggle
      hideLabel
      label={`${product.name} activo`}
      checked={product.isActive}
      onChange={(isActive) => patch.mutate({ id: product.id, patch: { isActive } }, { onError: (err) => toast.error(errorMessage(err)) })}
    />
  );
}

const outOfStock = (p: Product) => p.stock !== null && Number(p.stock) <= 0;

function ProductCards({ slug, products, onEdit }: { slug: string; products: Product[]; onEdit: (p: Product) => void }) {
  const money = useMoney(slug);
  return (
    <ul className="flex flex-col gap-2 lg:hidden">
      {products.map((p) => (
        <li key={p.id} className="flex gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
          <Thumb product={p} size="h-16 w-16" />
          <div className="min-w-0 flex-1">
            <button type="button" onClick={() => onEdit(p)} className="block max-w-full truncate text-left font-medium text-slate-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-wa-green">
              {p.name}
            </button>
            <p className="text-sm text-slate-700">
              {money(p.price)} <span className="text-slate-500">/ {p.unit}</span>
            </p>
            <div className="mt-1 flex flex-wrap gap-1">
              {p.category ? <Badge>{p.category.name}</Badge> : null}
              {!p.isActive ? <Badge tone="yellow">Inactivo</Badge> : null}
              {outOfStock(p) ? <Badge tone="red">Sin existencias</Badge> : null}
            </div>
          </div>
          <div className="flex flex-col items-end justify-between gap-2">
            <ActiveToggle slug={slug} product={p} />
            <StockInput slug={slug} product={p} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function ProductTable({ slug, products, onEdit }: { slug: string; products: Product[]; onEdit: (p: Product) => void }) {
  const money = useMoney(slug);
  return (
    <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm lg:block">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">Producto</th>
            <th scope="col" className="px-4 py-3">Categoría</th>
            <th scope="col" className="px-4 py-3 text-right">Precio</th>
            <th scope="col" className="px-4 py-3 text-right">Existencias</th>
            <th scope="col" className="px-4 py-3">Activo</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Acciones</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {products.map((p) => (
            <tr key={p.id} className="hover:bg-slate-50">
              <td className="px-4 py-2">
                <div className="flex items-center gap-3">
                  <Thumb product={p} size="h-11 w-11" />
                  <div className="min-w-0">
                    <p className="truncate font-medium text-slate-900">{p.name}</p>
                    <p className="text-xs text-slate-500">{p.sku ?? 'Sin SKU'} · {p.unit}</p>
                  </div>
                  {outOfStock(p) ? <Badge tone="red">Sin existencias</Badge> : null}
                </div>
              </td>
              <td className="px-4 py-2 text-slate-700">{p.category?.name ?? '—'}</td>
              <td className="px-4 py-2 text-right tabular-nums text-slate-900">{money(p.price)}</td>
              <td className="px-4 py-2 text-right"><StockInput slug={slug} product={p} /></td>
              <td className="px-4 py-2"><ActiveToggle slug={slug} product={p} /></td>
              <td className="px-4 py-2 text-right">
                <Button size="sm" variant="ghost" onClick={() => onEdit(p)} aria-label={`Editar ${p.name}`}>
                  Editar
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
