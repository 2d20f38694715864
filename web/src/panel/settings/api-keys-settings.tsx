// API keys for the shop's own systems: the key is shown once when created; revoking stops it at once.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiKeyBody } from '../../../../src/modules/accounts/accounts.schemas.ts';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { CopyField } from '../lib/copy-button.tsx';
import { formatDateTime } from '../lib/format.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import type { ApiKey } from '../lib/wire.ts';
import { Badge, Button, Card, Field, Input, Modal, Spinner, useToast } from '../lib/ui/index.ts';

export function ApiKeysSettings({ slug }: { slug: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const keys = useQuery({ queryKey: ['api-keys', slug], queryFn: () => apiFetch<{ apiKeys: ApiKey[] }>(`/api/companies/${slug}/api-keys`).then((r) => r.apiKeys) });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const checked = validate(apiKeyBody, { name: new FormData(form).get('name') });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const made = await apiFetch<{ key: string }>(`/api/companies/${slug}/api-keys`, { body: checked.data });
      setCreated(made.key);
      form.reset();
      await client.invalidateQueries({ queryKey: ['api-keys', slug] });
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: ApiKey) {
    setRevoking(null);
    try {
      await apiFetch(`/api/companies/${slug}/api-keys/${key.id}`, { method: 'DELETE' });
      await client.invalidateQueries({ queryKey: ['api-keys', slug] });
      toast.success(`La clave «${key.name}» ya no funciona.`);
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  return (
    <div className="grid max-w-4xl gap-5">
      <Card title="Crear una clave">
        <p className="mb-3 text-sm text-slate-700">
          Para conectar tus propios sistemas (inventario, tienda en línea) con la API de Mostrador. La documentación está en{' '}
          <a className="font-medium text-wa-green-dark underline" href="/docs" target="_blank" rel="noopener">
            /docs
          </a>
          .
        </p>
        <form noValidate onSubmit={create} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start">
          <Field label="Nombre de la clave" error={errors.name} hint="Para reconocerla, p. ej. «Tienda en línea».">
            <Input name="name" maxLength={60} autoComplete="off" />
          </Field>
          <Button type="submit" busy={busy} className="sm:mt-6">
            Crear clave
          </Button>
          {errors._ ? <p role="alert" className="text-sm text-red-700 sm:col-span-2">{errors._}</p> : null}
        </form>
        {created ? (
          <div className="mt-4 flex flex-col gap-2 rounded-xl border border-amber-300 bg-amber-50 p-4">
            <CopyField label="Tu clave nueva" value={created} />
            <p className="text-sm text-amber-900">
              <strong>Guárdala ahora:</strong> es la única vez que la mostramos. Si la pierdes, crea otra y revoca esta.
            </p>
            <div>
              <Button size="sm" variant="secondary" onClick={() => setCreated(null)}>
                Ya la guardé
              </Button>
            </div>
          </div>
        ) : null}
      </Card>
      <Card title="Claves">
        {keys.isPending ? <Spinner /> : null}
        {keys.data?.length === 0 ? <p className="text-sm text-slate-600">Todavía no creaste claves.</p> : null}
        <ul className="divide-y divide-slate-100">
          {(keys.data ?? []).map((k) => (
            <li key={k.id} className="flex flex-wrap items-center gap-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">{k.name}</p>
                <p className="text-sm text-slate-600">
                  <code>{k.prefix}…</code> · creada {formatDateTime(k.createdAt)}
                  {k.createdBy ? ` por ${k.createdBy}` : ''} · {k.lastUsedAt ? `último uso ${formatDateTime(k.lastUsedAt)}` : 'sin usar'}
                </p>
              </div>
              {k.active ? <Badge tone="green">Activa</Badge> : <Badge tone="red">Revocada</Badge>}
              {k.active ? (
                <Button size="sm" variant="ghost" aria-label={`Revocar ${k.name}`} onClick={() => setRevoking(k)}>
                  Revocar
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      <Modal
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revocar la clave"
        footer={
          <>
            <Button variant="secondary" onClick={() => setRevoking(null)}>
              Cancelar
            </Button>
            <Button variant="danger" onClick={() => revoking && void revoke(revoking)}>
              Revocar
            </Button>
          </>
        }
      >
        <p className="text-slate-700">Los sistemas que usen «{revoking?.name}» dejarán de funcionar al instante.</p>
      </Modal>
    </div>
  );
}
