// CSV import in two steps: the file's preview (what would be created, updated, deactivated, and
// the errors per line) and only then "Aplicar".
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiUrl, errorMessage } from '../lib/api.ts';
import type { ImportPreview } from '../lib/wire.ts';
import { Badge, Button, useToast } from '../lib/ui/index.ts';
import { categoriesKey, importCsv, productsKey } from './catalog-api.ts';

const actionLabel = { create: 'Nuevo', update: 'Cambia', deactivate: 'Se desactiva', unchanged: 'Sin cambios' } as const;
const actionTone = { create: 'green', update: 'blue', deactivate: 'yellow', unchanged: 'gray' } as const;

export function CsvImport({ slug, onDone }: { slug: string; onDone?: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [csv, setCsv] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose(file: File | undefined) {
    setPreview(null);
    setError(null);
    if (!file) return setCsv(null);
    if (file.size > 5 * 1024 * 1024) return setError('El archivo pesa más de 5 MB. Divídelo en partes.');
    const text = await file.text();
    setCsv({ name: file.name, text });
    setBusy(true);
    try {
      setPreview(await importCsv(slug, text, true));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!csv) return;
    setBusy(true);
    setError(null);
    try {
      const done = await importCsv(slug, csv.text, false);
      await Promise.all([client.invalidateQueries({ queryKey: productsKey(slug) }), client.invalidateQueries({ queryKey: categoriesKey(slug) })]);
      toast.success(`Catálogo actualizado: ${done.summary.create} nuevos y ${done.summary.update} con cambios.`);
      setCsv(null);
      setPreview(null);
      onDone?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const s = preview?.summary;
  const changes = preview?.changes.filter((c) => c.action !== 'unchanged') ?? [];
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">
        Columnas: <code>sku, nombre, descripcion, categoria, precio, unidad, existencias, activo, imagen</code>. Primero te mostramos qué cambiaría; nada se guarda hasta que aplicas.{' '}
        <a className="font-medium text-wa-green-dark underline" href={apiUrl(`/api/companies/${slug}/products/export.csv`)} download>
          Descargar el catálogo actual como ejemplo
        </a>
      </p>
      <label className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-800">Archivo CSV</span>
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.target.files?.[0])}
          className="block w-full rounded-lg border border-slate-300 bg-white text-sm text-slate-700 file:mr-3 file:min-h-10 file:border-0 file:bg-slate-100 file:px-3 file:font-medium focus-visible:outline-2 focus-visible:outline-wa-green"
        />
      </label>
      {busy && !preview ? <p role="status" className="text-sm text-slate-600">Revisando el archivo…</p> : null}
      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {preview && s ? (
        <section aria-label="Vista previa de la importación" className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-2" role="status">
            <Badge tone="green">{s.create} nuevos</Badge>
            <Badge tone="blue">{s.update} con cambios</Badge>
            {s.deactivate ? <Badge tone="yellow">{s.deactivate} se desactivan</Badge> : null}
            <Badge>{s.unchanged} sin cambios</Badge>
            {s.errors ? <Badge tone="red">{s.errors} con errores</Badge> : null}
          </div>
          {preview.newCategories.length ? <p className="text-sm text-slate-700">Categorías nuevas: {preview.newCategories.join(', ')}</p> : null}
          {s.activeLimit !== null && s.activeAfter > s.activeLimit ? (
            <p role="alert" className="text-sm text-red-700">
              Tu plan permite {s.activeLimit} productos activos y quedarían {s.activeAfter}.
            </p>
          ) : null}
          {preview.errors.length ? (
            <ul className="max-h-40 overflow-y-auto rounded-lg border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
              {preview.errors.map((e, i) => (
                <li key={i}>{e.line ? `Línea ${e.line}: ` : ''}{e.message}</li>
              ))}
            </ul>
          ) : null}
          {changes.length ? (
            <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200 text-sm">
              {changes.slice(0, 200).map((c, i) => (
                <li key={i} className="flex flex-wrap items-center gap-2 px-3 py-2">
                  <Badge tone={actionTone[c.action]}>{actionLabel[c.action]}</Badge>
                  <span className="font-medium text-slate-900">{c.name}</span>
                  {c.sku ? <span className="text-slate-500">{c.sku}</span> : null}
                  {c.action === 'update' && c.fields.length ? <span className="text-slate-600">({c.fields.join(', ')})</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => void apply()} busy={busy} disabled={s.errors > 0 || (s.create === 0 && s.update === 0 && s.deactivate === 0)}>
              Aplicar cambios
            </Button>
            <Button variant="secondary" onClick={() => void choose(undefined)}>
              Elegir otro archivo
            </Button>
          </div>
          {s.errors > 0 ? <p className="text-sm text-slate-700">Corrige las líneas con errores y vuelve a subir el archivo.</p> : null}
        </section>
      ) : null}
    </div>
  );
}
