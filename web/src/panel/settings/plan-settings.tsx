// The plan and this month's use against its limits; the other plans to compare.
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../lib/api.ts';
import { formatMoney, formatNumber } from '../lib/format.ts';
import type { PlanLimits, Usage } from '../lib/wire.ts';
import { Badge, Card, ErrorNotice, PageSpinner } from '../lib/ui/index.ts';

export function usePlanUsage(slug: string) {
  return useQuery({ queryKey: ['usage', slug], queryFn: ({ signal }) => apiFetch<Usage>(`/api/companies/${slug}/usage`, { signal }) });
}

export function UsageBar({ used, limit, label }: { used: number; limit: number; label: string }) {
  const pct = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  const tone = pct >= 100 ? 'bg-red-600' : pct >= 80 ? 'bg-amber-500' : 'bg-wa-accent';
  return (
    <div>
      <div className="mb-1 flex justify-between text-sm">
        <span className="text-slate-800">{label}</span>
        <span className="text-slate-600 tabular-nums">
          {formatNumber(used)} de {formatNumber(limit)}
        </span>
      </div>
      <div className="h-2.5 overflow-hidden rounded-full bg-slate-200" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

const features = (f: PlanLimits['features']) =>
  [f.ai && 'Asistente con IA', f.analytics && 'Reportes', f.bookings && 'Reservas', f.shortlinks && 'Enlaces cortos'].filter(Boolean) as string[];

export function PlanSettings({ slug }: { slug: string }) {
  const usage = usePlanUsage(slug);
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => apiFetch<{ plans: PlanLimits[] }>('/api/plans').then((r) => r.plans), staleTime: 300_000 });
  if (usage.isError) return <ErrorNotice error={usage.error} onRetry={() => void usage.refetch()} />;
  if (!usage.data) return <PageSpinner />;
  const u = usage.data;
  return (
    <div className="grid max-w-4xl gap-5">
      <Card title={`Plan ${u.limits.name}`} actions={u.limitReached ? <Badge tone="red">Límite alcanzado</Badge> : <Badge tone="green">Al día</Badge>}>
        <div className="flex flex-col gap-4">
          <UsageBar label={`Mensajes de ${u.period}`} used={u.messagesUsed} limit={u.messageLimit} />
          <p className="text-sm text-slate-600">
            {formatNumber(u.inboundMessages)} recibidos y {formatNumber(u.outboundMessages)} enviados. {u.limitReached ? 'El bot dejó de responder hasta el mes que viene o hasta que mejores tu plan.' : `Te quedan ${formatNumber(u.remaining)} este mes.`}
          </p>
          <ul className="grid gap-1 text-sm text-slate-700 sm:grid-cols-2">
            <li>Hasta {formatNumber(u.limits.activeProducts)} productos activos</li>
            <li>{u.limits.staffSeats} {u.limits.staffSeats === 1 ? 'persona' : 'personas'} del equipo</li>
            {features(u.limits.features).map((f) => (
              <li key={f}>✓ {f}</li>
            ))}
          </ul>
        </div>
      </Card>
      <Card title="Planes">
        <ul className="grid gap-3 sm:grid-cols-3">
          {(plans.data ?? []).map((p) => (
            <li key={p.code} className={`rounded-xl border p-4 ${p.code === u.plan ? 'border-wa-green bg-emerald-50/50' : 'border-slate-200'}`}>
              <p className="font-semibold text-slate-900">
                {p.name} {p.code === u.plan ? <Badge tone="green">Tu plan</Badge> : null}
              </p>
              <p className="mt-1 text-lg text-slate-900">{formatMoney(p.priceMonthly, 'MXN', 'es-MX')} <span className="text-sm text-slate-600">MXN / mes</span></p>
              <p className="mt-2 text-sm text-slate-700">{formatNumber(p.monthlyMessages)} mensajes · {formatNumber(p.activeProducts)} productos · {p.staffSeats} del equipo</p>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-slate-600">Para cambiar de plan, escríbenos a soporte y lo cambiamos en el momento.</p>
      </Card>
    </div>
  );
}
