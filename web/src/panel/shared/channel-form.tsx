// Connect the WhatsApp number (Meta's Cloud API): the API checks the credentials with Meta before
// saving; the result and what to paste in Meta's dashboard are shown with copy buttons.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { channelInputSchema } from '../../../../src/modules/companies/companies.schemas.ts';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { companyKey } from '../lib/company.ts';
import { CopyField } from '../lib/copy-button.tsx';
import { formatDateTime } from '../lib/format.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import type { ChannelStatus } from '../lib/wire.ts';
import { Badge, Button, Field, Input, Spinner, useToast } from '../lib/ui/index.ts';

export const channelKey = (slug: string) => ['channel', slug] as const;

export function useChannel(slug: string) {
  return useQuery({ queryKey: channelKey(slug), queryFn: ({ signal }) => apiFetch<ChannelStatus>(`/api/companies/${slug}/channel`, { signal }) });
}

export function ChannelPanel({ slug }: { slug: string }) {
  const channel = useChannel(slug);
  const client = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'save' | 'check' | null>(null);
  if (channel.isPending) return <Spinner />;
  const data = channel.data;

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const body = { provider: 'meta', phoneNumberId: text('phoneNumberId'), accessToken: text('accessToken'), ...(text('wabaId') ? { wabaId: text('wabaId') } : {}), ...(text('displayPhoneNumber') ? { displayPhoneNumber: text('displayPhoneNumber').replace(/[\s-]/g, '') } : {}) };
    const checked = validate(channelInputSchema, body);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy('save');
    try {
      const status = await apiFetch<ChannelStatus>(`/api/companies/${slug}/channel`, { method: 'PUT', body });
      client.setQueryData(channelKey(slug), status);
      await client.invalidateQueries({ queryKey: companyKey(slug) });
      setEditing(false);
      toast.success('¡Número conectado! Meta confirmó los datos.');
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(null);
    }
  }

  async function check() {
    setBusy('check');
    try {
      const status = await apiFetch<ChannelStatus>(`/api/companies/${slug}/channel/check`, { method: 'POST' });
      client.setQueryData(channelKey(slug), status);
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const ch = data?.channel;
  return (
    <div className="flex flex-col gap-5">
      {ch ? (
        <div className="rounded-xl border border-slate-200 bg-slate-50 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <p className="font-medium text-slate-900">{ch.displayPhoneNumber ? `+${ch.displayPhoneNumber.replace(/^\+/, '')}` : `Número ${ch.phoneNumberId}`}</p>
              <p className="text-xs text-slate-600">{ch.provider === 'twilio' ? 'Twilio' : 'API de la nube de Meta'} · ID {ch.phoneNumberId}</p>
            </div>
            <CheckBadge ok={ch.lastCheck.ok} />
          </div>
          <p className="mt-2 text-sm text-slate-700" role="status">
            {ch.lastCheck.at ? `Última verificación: ${formatDateTime(ch.lastCheck.at).replace(/\.$/, '')}. ` : 'Todavía no se verificó. '}
            {ch.lastCheck.ok === false && ch.lastCheck.error ? <span className="text-red-700">{ch.lastCheck.error}</span> : ch.lastCheck.ok ? 'Meta respondió bien: el número puede enviar y recibir mensajes.' : null}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" busy={busy === 'check'} onClick={() => void check()}>
              Verificar de nuevo
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing((v) => !v)}>
              {editing ? 'Cancelar' : 'Cambiar número'}
            </Button>
          </div>
        </div>
      ) : null}

      {!ch || editing ? (
        <form noValidate onSubmit={save} className="grid gap-4 sm:grid-cols-2">
          <p className="text-sm text-slate-700 sm:col-span-2">
            En <strong>Meta for Developers → tu app → WhatsApp → Configuración de la API</strong> encuentras el identificador del número y puedes generar un token de acceso permanente (de un usuario del sistema).
          </p>
          {errors._ ? (
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2">
              {errors._}
            </p>
          ) : null}
          <Field label="Identificador del número de teléfono" error={errors.phoneNumberId} hint="Solo dígitos (Phone number ID).">
            <Input name="phoneNumberId" inputMode="numeric" autoComplete="off" required />
          </Field>
          <Field label="Identificador de la cuenta de WhatsApp Business" error={errors.wabaId} hint="Opcional (WhatsApp Business Account ID).">
            <Input name="wabaId" inputMode="numeric" autoComplete="off" />
          </Field>
          <Field label="Token de acceso" error={errors.accessToken} className="sm:col-span-2" hint="Se guarda cifrado y nunca se vuelve a mostrar.">
            <Input name="accessToken" type="password" autoComplete="off" required />
          </Field>
          <Field label="Número que ven tus clientes" error={errors.displayPhoneNumber} hint="Opcional, con código de país, p. ej. +52 55 1234 5678.">
            <Input name="displayPhoneNumber" inputMode="tel" autoComplete="off" />
          </Field>
          <div className="flex items-end">
            <Button type="submit" busy={busy === 'save'} className="w-full sm:w-auto">
              Conectar y verificar
            </Button>
          </div>
        </form>
      ) : null}

      {data?.setup ? (
        <div className="flex flex-col gap-3 rounded-xl border border-emerald-200 bg-emerald-50/60 p-4">
          <h3 className="font-semibold text-slate-900">Pega esto en el panel de Meta</h3>
          <p className="text-sm text-slate-700">
            En <strong>WhatsApp → Configuración → Webhook</strong>, pulsa «Editar», pega la URL de devolución de llamada y el token de verificación, y suscríbete al campo <strong>{data.setup.subscribeFields.join(', ') || 'messages'}</strong>.
          </p>
          {data.setup.callbackUrl ? <CopyField label="URL de devolución de llamada" value={data.setup.callbackUrl} /> : null}
          {data.setup.verifyToken ? <CopyField label="Token de verificación" value={data.setup.verifyToken} /> : null}
          {data.setup.note ? <p className="text-sm text-amber-800">{data.setup.note}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

function CheckBadge({ ok }: { ok: boolean | null }) {
  if (ok === true) return <Badge tone="green">Verificado</Badge>;
  if (ok === false) return <Badge tone="red">Con problemas</Badge>;
  return <Badge tone="gray">Sin verificar</Badge>;
}
