// The team: members with their role (remove), invitations by link (shown once to share on
// WhatsApp, also mailed when SMTP is set up), and the pending ones (revoke).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { inviteBody } from '../../../../src/modules/accounts/accounts.schemas.ts';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { CopyField } from '../lib/copy-button.tsx';
import { formatDate } from '../lib/format.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { useSession } from '../lib/session.tsx';
import type { Invitation, Member } from '../lib/wire.ts';
import { Badge, Button, Card, ErrorNotice, Field, Input, Modal, Select, Spinner, buttonClass, useToast } from '../lib/ui/index.ts';

const roleLabel = (role: string) => (role === 'owner' ? 'Dueño' : 'Personal');

export function TeamSettings({ slug }: { slug: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const { user } = useSession();
  const members = useQuery({ queryKey: ['members', slug], queryFn: () => apiFetch<{ members: Member[] }>(`/api/companies/${slug}/members`).then((r) => r.members) });
  const invitations = useQuery({ queryKey: ['invitations', slug], queryFn: () => apiFetch<{ invitations: Invitation[] }>(`/api/companies/${slug}/invitations`).then((r) => r.invitations) });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  async function invite(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const checked = validate(inviteBody, { email: f.get('email'), role: f.get('role') });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const made = await apiFetch<{ link: string; token: string }>(`/api/companies/${slug}/invitations`, { body: checked.data });
      setLink(made.link.startsWith('http') ? made.link : `${window.location.origin}${made.link}`);
      form.reset();
      await client.invalidateQueries({ queryKey: ['invitations', slug] });
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  async function act(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      await Promise.all([client.invalidateQueries({ queryKey: ['members', slug] }), client.invalidateQueries({ queryKey: ['invitations', slug] })]);
      toast.success(done);
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  return (
    <div className="grid max-w-4xl gap-5">
      <Card title="Invitar a alguien">
        <form noValidate onSubmit={invite} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
          <Field label="Correo de la persona" error={errors.email}>
            <Input name="email" type="email" inputMode="email" autoComplete="off" />
          </Field>
          <Field label="Rol" error={errors.role}>
            <Select name="role" defaultValue="staff">
              <option value="staff">Personal (pedidos, chats y catálogo)</option>
              <option value="owner">Dueño (todo, incluidos los ajustes)</option>
            </Select>
          </Field>
          <Button type="submit" busy={busy} className="sm:mt-6">
            Crear invitación
          </Button>
          {errors._ ? <p role="alert" className="text-sm text-red-700 sm:col-span-3">{errors._}</p> : null}
        </form>
        {link ? (
          <div className="mt-4 flex flex-col gap-2 rounded-xl border border-emerald-200 bg-emerald-50/60 p-4">
            <CopyField label="Enlace de invitación (se muestra una sola vez)" value={link} />
            <p className="text-sm text-slate-700">Compártelo por WhatsApp con la persona. Vence en 7 días y sirve una sola vez.</p>
            <div>
              <a
                className={buttonClass('secondary', 'sm')}
                href={`https://wa.me/?text=${encodeURIComponent(`Te invito a atender el negocio en Mostrador. Entra con este enlace: ${link}`)}`}
                target="_blank"
                rel="noopener noreferrer"
              >
                Compartir por WhatsApp
              </a>
            </div>
          </div>
        ) : null}
      </Card>

      <Card title="Miembros">
        {members.isError ? <ErrorNotice error={members.error} onRetry={() => void members.refetch()} /> : null}
        {members.isPending ? <Spinner /> : null}
        <ul className="divide-y divide-slate-100">
          {(members.data ?? []).map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center gap-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">{m.name}{m.userId === user?.id ? ' (tú)' : ''}</p>
                <p className="truncate text-sm text-slate-600">{m.email}</p>
              </div>
              <Badge tone={m.role === 'owner' ? 'green' : 'gray'}>{roleLabel(m.role)}</Badge>
              {m.userId !== user?.id ? (
                <Button size="sm" variant="ghost" onClick={() => setRemoving(m)} aria-label={`Quitar a ${m.name}`}>
                  Quitar
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>

      <Card title="Invitaciones pendientes">
        {invitations.data?.length === 0 ? <p className="text-sm text-slate-600">No hay invitaciones pendientes.</p> : null}
        <ul className="divide-y divide-slate-100">
          {(invitations.data ?? []).map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium text-slate-900">{i.email}</p>
                <p className="text-sm text-slate-600">{roleLabel(i.role)} · vence el {formatDate(i.expiresAt)}</p>
              </div>
              <Button size="sm" variant="ghost" aria-label={`Revocar la invitación de ${i.email}`} onClick={() => void act(() => apiFetch(`/api/companies/${slug}/invitations/${i.id}`, { method: 'DELETE' }), 'Invitación revocada.')}>
                Revocar
              </Button>
            </li>
          ))}
        </ul>
      </Card>

      <Modal
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Quitar del equipo"
        footer={
          <>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              Cancelar
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                const m = removing;
                setRemoving(null);
                if (m) void act(() => apiFetch(`/api/companies/${slug}/members/${m.userId}`, { method: 'DELETE' }), `${m.name} ya no es parte del equipo.`);
              }}
            >
              Quitar
            </Button>
          </>
        }
      >
        <p className="text-slate-700">{removing?.name} dejará de ver el panel de este negocio al instante.</p>
      </Modal>
    </div>
  );
}
