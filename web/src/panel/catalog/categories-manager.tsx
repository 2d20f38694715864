// Categories: add, rename and delete (their products stay, without a category).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { Button, Input, useToast } from '../lib/ui/index.ts';
import { categoriesKey, productsKey, useCategories } from './catalog-api.ts';

export function CategoriesManager({ slug }: { slug: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const categories = useCategories(slug);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: categoriesKey(slug) }), client.invalidateQueries({ queryKey: productsKey(slug) })]);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      await refresh();
      toast.success(done);
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function add(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    void run(() => apiFetch(`/api/companies/${slug}/categories`, { body: { name: name.trim() } }).then(() => setName('')), 'Categoría agregada.');
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={add} className="flex gap-2">
        <label className="flex-1">
          <span className="sr-only">Nombre de la categoría nueva</span>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="Nueva categoría, p. ej. Bebidas" maxLength={60} />
        </label>
        <Button type="submit" busy={busy}>
          Agregar
        </Button>
      </form>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {(categories.data ?? []).map((c) => (
          <li key={c.id} className="flex items-center gap-2 px-3 py-2">
            <Input
              aria-label={`Nombre de ${c.name}`}
              defaultValue={c.name}
              className="flex-1"
              onBlur={(e) => {
                const next = e.target.value.trim();
                if (next && next !== c.name) void run(() => apiFetch(`/api/companies/${slug}/categories/${c.id}`, { method: 'PATCH', body: { name: next } }), 'Categoría renombrada.');
              }}
            />
            <span className="w-20 text-right text-xs text-slate-600">{c.productCount} prod.</span>
            <Button size="sm" variant="ghost" aria-label={`Borrar ${c.name}`} onClick={() => void run(() => apiFetch(`/api/companies/${slug}/categories/${c.id}`, { method: 'DELETE' }), 'Categoría borrada.')}>
              Borrar
            </Button>
          </li>
        ))}
        {categories.data?.length === 0 ? <li className="px-3 py-4 text-center text-sm text-slate-600">Todavía no hay categorías.</li> : null}
      </ul>
    </div>
  );
}
