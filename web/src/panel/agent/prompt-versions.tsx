// The master prompt's versions: who saved each and when, a preview of its text, and "Restaurar"
// (after a confirmation) which saves the old text as a new, active version.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { formatDateTime, formatRelative } from '../lib/format.ts';
import { Badge, Button, Card, ErrorNotice, Modal, Spinner, useToast } from '../lib/ui/index.ts';
import { agentKey, promptsKey, usePromptVersions, type PromptVersions as Versions } from './agent-api.ts';

type Version = Versions['versions'][number];

export function PromptVersions({ slug, onRestored }: { slug: string; onRestored: (text: string) => void }) {
  const versions = usePromptVersions(slug);
  const client = useQueryClient();
  const toast = useToast();
  const [asked, setAsked] = useState<Version | null>(null);
  const [busy, setBusy] = useState(false);

  async function restore(v: Version) {
    setBusy(true);
    try {
      const r = await apiFetch<{ version: number; restoredFrom: number }>(`/api/companies/${slug}/agent/prompts/${v.version}/restore`, { method: 'POST' });
      await Promise.all([client.invalidateQueries({ queryKey: promptsKey(slug) }), client.invalidateQueries({ queryKey: agentKey(slug), exact: true })]);
      onRestored(v.prompt);
      toast.success(`Restaurada la versión ${r.restoredFrom}: ahora es la versión ${r.version}, la activa.`);
      setAsked(null);
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const list = versions.data?.versions ?? [];
  return (
    <Card title="Versiones del prompt" actions={versions.isFetching && versions.data ? <Spinner size="sm" label="Actualizando…" /> : null}>
      {versions.isError ? (
        <ErrorNotice error={versions.error} onRetry={() => void versions.refetch()} />
      ) : !versions.data ? (
        <div className="h-24 animate-pulse rounded-xl bg-slate-100" aria-hidden="true" />
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-600">Todavía no guardaste ninguna versión. Cuando guardes el prompt, cada cambio queda aquí con quién y cuándo.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-slate-100" aria-label="Versiones del prompt">
          {list.map((v) => (
            <li key={v.version} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between" aria-label={`Versión ${v.version}`}>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold text-slate-900">Versión {v.version}</span>
                  {v.active ? <Badge tone="green">Activa</Badge> : null}
                  {v.restoredFrom ? <Badge tone="blue">Restaurada de la {v.restoredFrom}</Badge> : null}
                </p>
                <p className="text-xs text-slate-600">
                  {v.createdBy?.name ?? 'La plataforma'} · <time dateTime={v.createdAt} title={formatDateTime(v.createdAt)}>{formatRelative(v.createdAt)}</time>
                </p>
                <p className="mt-1 line-clamp-2 text-sm break-words whitespace-pre-line text-slate-700">{v.prompt}</p>
              </div>
              {v.active ? null : (
                <Button size="sm" variant="secondary" onClick={() => setAsked(v)} aria-label={`Restaurar la versión ${v.version}`}>
                  Restaurar
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
      <Modal
        open={asked !== null}
        title={asked ? `¿Restaurar la versión ${asked.version}?` : ''}
        onClose={() => setAsked(null)}
        footer={
          <>
            <Button variant="secondary" onClick={() => setAsked(null)}>
              Cancelar
            </Button>
            <Button busy={busy} onClick={() => asked && void restore(asked)}>
              Restaurar
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">Este texto vuelve a ser el prompt activo al instante (se guarda como una versión nueva; no se borra ninguna):</p>
        <blockquote className="mt-3 max-h-60 overflow-y-auto rounded-lg bg-slate-50 p-3 text-sm whitespace-pre-line text-slate-800">{asked?.prompt}</blockquote>
      </Modal>
    </Card>
  );
}
