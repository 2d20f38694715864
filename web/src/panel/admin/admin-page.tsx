// /panel/admin: the platform operator's view of every company — plan, this month's use,
// each number's health and webhook URL — with plan changes and suspension.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { CopyButton } from '../lib/copy-button.tsx';
import { formatDate, formatDateTime, formatNumber } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import type { PlanLimits } from '../lib/wire.ts';
import { Badge, Button, EmptyState, ErrorNotice, Input, Modal, PageHeader, PageSpinner, Select, useToast } from '../lib/ui/index.ts';
import { NoPermission } from '../layout/status-pages.tsx';
import { PanelFrame } from '../layout/company-layout.tsx';
import { SearchIcon } from '../layout/icons.tsx';

type Tenant = {
  id: string;
  slug: string;
  name: string;
  status: string;
  botEnabled: boolean;
  createdAt: string;
  plan: { code: string; name: string };
  usage: { period: string; messages: number; limit: number; limitReached: boolean };
  channels: { id: string; provider: string; phoneNumberId: string; displayPhoneNumber: string | null; status: string; health: 'ok' | 'failing' | 'disabled'; lastCheckAt: string | null; lastCheckError: string | null; webhookUrl: string | null }[];
};

const healthBadge = { ok: <Badge tone="green">Funciona</Badge>, failing: <Badge tone="red">Con fallas</Badge>, disabled: <Badge tone="gray">Desactivado</Badge> };

export default function AdminPage() {
  const { user } = useSession();
  if (!user?.platformAdmin) return <PanelFrame><main className="px-4 py-6"><NoPermission /></main></PanelFrame>;
  return <AdminView />;
}

function AdminView() {
  const client = useQueryClient();
  const toast = useToast();
  const tenants = useQuery({ queryKey: ['admin', 'tenants'], queryFn: () => apiFetch<{ tenants: Tenant[] }>('/api/platform/tenants').then((r) => r.tenants) });
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => apiFetch<{ plans: PlanLimits[] }>('/api/plans').then((r) => r.plans), staleTime: 300_000 });
  const [q, setQ] = useState('');
  const [suspending, setSuspending] = useState<Tenant | null>(null);
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (tenants.data ?? []).filter((t) => !needle || t.name.toLowerCase().includes(needle) || t.slug.includes(needle));
  }, [tenants.data, q]);

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      await client.invalidateQueries({ queryKey: ['admin', 'tenants'] });
      toast.success(done);
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }
  const setPlan = (t: Tenant, plan: string) => run(() => apiFetch(`/api/companies/${t.slug}/plan`, { method: 'PUT', body: { plan } }), `${t.name} pasó al plan ${plans.data?.find((p) => p.code === plan)?.name ?? plan}.`);
  const setStatus = (t: Tenant, status: 'active' | 'suspended') =>
    run(() => apiFetch(`/api/companies/${t.slug}`, { method: 'PATCH', body: { status } }), status === 'suspended' ? `${t.name} quedó suspendido.` : `${t.name} está activo de nuevo.`);

  return (
    <PanelFrame>
      <header className="sticky top-0 z-20 flex h-14 items-center gap-3 bg-slate-900 px-4 text-white">
        <Link to="/panel" className="font-semibold focus-visible:outline-2 focus-visible:outline-white">Mostrador</Link>
        <span className="text-sm text-white/70">Administración de la plataforma</span>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 lg:px-8">
        <PageHeader title="Empresas" description={tenants.data ? `${tenants.data.length} empresas en la plataforma` : undefined} />
        <label className="relative mb-4 block max-w-md">
          <span className="sr-only">Buscar empresas</span>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 h-5 w-5 -translate-y-1/2 text-slate-500" />
          <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Buscar por nombre o identificador" className="pl-10" />
        </label>
        {tenants.isError ? <ErrorNotice error={tenants.error} onRetry={() => void tenants.refetch()} /> : null}
        {tenants.isPending ? <PageSpinner /> : null}
        {tenants.data && shown.length === 0 ? <EmptyState title="No hay empresas que coincidan" /> : null}
        <ul className="grid gap-3">
          {shown.map((t) => (
            <li key={t.id}>
              <article aria-label={t.name} className={`rounded-2xl border bg-white p-4 shadow-sm ${t.status === 'suspended' ? 'border-amber-300' : 'border-slate-200'}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h2 className="text-lg font-semibold text-slate-900">
                      <Link className="underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-wa-green" to={`/panel/${t.slug}`}>
                        {t.name}
                      </Link>
                    </h2>
                    <p className="text-sm text-slate-600">
                      {t.slug} · desde {formatDate(t.createdAt)}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-1.5">
                    {t.status === 'suspended' ? <Badge tone="yellow">Suspendida</Badge> : <Badge tone="green">Activa</Badge>}
                    {!t.botEnabled ? <Badge>Bot apagado</Badge> : null}
                    {t.usage.limitReached ? <Badge tone="red">Sin mensajes</Badge> : null}
                  </div>
                </div>
                <div className="mt-3 grid gap-4 md:grid-cols-[14rem_1fr_auto]">
                  <div>
                    <label className="flex flex-col gap-1 text-sm">
                      <span className="font-medium text-slate-800">Plan de {t.name}</span>
                      <Select value={t.plan.code} onChange={(e) => void setPlan(t, e.target.value)} className="min-h-10">
                        {(plans.data ?? [{ code: t.plan.code, name: t.plan.name } as PlanLimits]).map((p) => (
                          <option key={p.code} value={p.code}>
                            {p.name}
                          </option>
                        ))}
                      </Select>
                    </label>
                    <p className="mt-2 text-sm text-slate-700 tabular-nums">
                      {formatNumber(t.usage.messages)} / {formatNumber(t.usage.limit)} mensajes ({t.usage.period})
                    </p>
                  </div>
                  <div className="min-w-0">
                    <p className="mb-1 text-sm font-medium text-slate-800">Números</p>
                    {t.channels.length === 0 ? <p className="text-sm text-slate-600">Sin número conectado.</p> : null}
                    <ul className="flex flex-col gap-2">
                      {t.channels.map((ch) => (
                        <li key={ch.id} className="rounded-lg bg-slate-50 p-2 text-sm">
                          <div className="flex flex-wrap items-center gap-2">
                            <span className="font-medium text-slate-900">{ch.displayPhoneNumber ?? ch.phoneNumberId}</span>
                            <span className="text-slate-600">{ch.provider === 'twilio' ? 'Twilio' : 'Meta'}</span>
                            {healthBadge[ch.health]}
                          </div>
                          {ch.lastCheckError ? <p className="text-red-700">{ch.lastCheckError}</p> : null}
                          {ch.lastCheckAt ? <p className="text-slate-600">Verificado {formatDateTime(ch.lastCheckAt)}</p> : null}
                          {ch.webhookUrl ? (
                            <div className="mt-1 flex items-center gap-2">
                              <code className="min-w-0 flex-1 truncate text-xs text-slate-700">{ch.webhookUrl}</code>
                              <CopyButton value={ch.webhookUrl} />
                            </div>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                  <div className="flex items-start">
                    {t.status === 'suspended' ? (
                      <Button variant="secondary" onClick={() => void setStatus(t, 'active')}>
                        Reactivar
                      </Button>
                    ) : (
                      <Button variant="danger" onClick={() => setSuspending(t)}>
                        Suspender
                      </Button>
                    )}
                  </div>
                </div>
              </article>
            </li>
          ))}
        </ul>
      </main>
      <Modal
        open={suspending !== null}
        onClose={() => setSuspending(null)}
        title={`Suspender ${suspending?.name ?? ''}`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setSuspending(null)}>
              Cancelar
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                const t = suspending;
                setSuspending(null);
                if (t) void setStatus(t, 'suspended');
              }}
            >
              Suspender
            </Button>
          </>
        }
      >
        <p className="text-slate-700">El bot deja de responder a sus clientes (los mensajes se reciben pero no se contestan), sus claves de API dejan de funcionar y su panel muestra que está suspendido. Puedes reactivarla cuando quieras.</p>
      </Modal>
    </PanelFrame>
  );
}
