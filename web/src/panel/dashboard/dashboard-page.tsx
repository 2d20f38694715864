// /panel/:slug — the shop at a glance: today and this month (orders, sales, conversations,
// conversion), sales per day, best sellers, new vs returning buyers, and the plan's usage.
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { formatMoney, formatNumber } from '../lib/format.ts';
import { isOwnerRole, useCompany } from '../lib/session.tsx';
import { Card, ErrorNotice, PageHeader } from '../lib/ui/index.ts';
import { addDays, shopToday } from '../orders/board-filters.ts';
import { useShop } from '../orders/orders-data.ts';
import { CustomersChart, SalesByDayChart, TopProducts } from './dashboard-charts.tsx';
import { useActiveProducts, useOrderTotals, useReport, useSeats, useUsage, type Report } from './dashboard-data.ts';


export function DashboardPage() {
  const { slug = '' } = useParams();
  const company = useCompany();
  const shop = useShop(slug);
  const today = shop.data ? shopToday(shop.data.timezone) : undefined;
  const monthStart = today ? `${today.slice(0, 8)}01` : undefined;
  const todayReport = useReport(slug, today, today);
  const monthReport = useReport(slug, monthStart, today);
  // The chart reads better over a full 30 days than over the days of this month so far.
  const lastDays = useReport(slug, today ? addDays(today, -29) : undefined, today);
  const locale = shop.data?.locale;
  const noReports = todayReport.data === null || monthReport.data === null;

  return (
    <div>
      <PageHeader title="Resumen" description={today ? new Date(`${today}T12:00:00Z`).toLocaleDateString('es-MX', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : undefined} />
      {todayReport.isError ? <ErrorNotice error={todayReport.error} onRetry={() => todayReport.refetch()} /> : null}
      {noReports ? (
        <BasicFigures slug={slug} today={today} monthStart={monthStart} />
      ) : (
        <>
          <section aria-label="Hoy" className="mb-4">
            <h2 className="mb-2 text-sm font-semibold tracking-wide text-slate-500 uppercase">Hoy</h2>
            <Figures report={todayReport.data} locale={locale} />
          </section>
          <section aria-label="Este mes" className="mb-4">
            <h2 className="mb-2 text-sm font-semibold tracking-wide text-slate-500 uppercase">Este mes</h2>
            <Figures report={monthReport.data} locale={locale} />
          </section>
          <div className="mb-4 grid gap-4 lg:grid-cols-3">
            <Card title="Ventas de los últimos 30 días" className="lg:col-span-2">
              <div className="h-60">{lastDays.data ? <SalesByDayChart report={lastDays.data} locale={locale} /> : null}</div>
            </Card>
            <Card title="Compradores del mes">
              <div className="h-44">{monthReport.data ? <CustomersChart report={monthReport.data} /> : null}</div>
            </Card>
          </div>
          <div className="mb-4 grid gap-4 lg:grid-cols-2">
            <Card title="Lo más vendido del mes">{monthReport.data ? <TopProducts report={monthReport.data} locale={locale} /> : <div className="h-40" />}</Card>
            <PlanUsage slug={slug} owner={isOwnerRole(company.role)} />
          </div>
        </>
      )}
      {noReports ? <PlanUsage slug={slug} owner={isOwnerRole(company.role)} /> : null}
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 min-h-8 text-2xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

function Figures({ report, locale }: { report: Report | null | undefined; locale?: string }) {
  const t = report?.totals;
  const dash = <span className="inline-block h-6 w-16 animate-pulse rounded bg-slate-100" aria-label="Cargando" />;
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Stat label="Pedidos" value={t ? formatNumber(t.orders) : dash} hint={t?.cancelledOrders ? `${t.cancelledOrders} cancelados aparte` : undefined} />
      <Stat label="Ventas" value={t && report ? formatMoney(t.revenue, report.currency, locale) : dash} hint={t && report && t.orders ? `Promedio ${formatMoney(t.averageOrder, report.currency, locale)}` : undefined} />
      <Stat label="Conversaciones" value={t ? formatNumber(t.conversations) : dash} hint="Clientes que escribieron" />
      <Stat label="Conversión" value={t ? `${Math.round(t.conversion * 100)} %` : dash} hint={t ? `${t.convertedConversations} terminaron en pedido` : undefined} />
    </dl>
  );
}

/** Plans without reports: the counts every plan has, and what reports would add. */
function BasicFigures({ slug, today, monthStart }: { slug: string; today?: string; monthStart?: string }) {
  const todays = useOrderTotals(slug, today, today);
  const month = useOrderTotals(slug, monthStart, today);
  const sum = (rows?: { status: string; count: number }[]) => rows?.filter((r) => !/cancel/i.test(r.status)).reduce((n, r) => n + r.count, 0);
  return (
    <>
      <dl className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Pedidos de hoy" value={sum(todays.data) ?? '…'} />
        <Stat label="Pedidos del mes" value={sum(month.data) ?? '…'} />
      </dl>
      <div className="mb-4 rounded-2xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950">
        <p className="font-semibold">Tu plan no incluye reportes.</p>
        <p className="mt-1">Con el plan Completo ves las ventas del día y del mes, la conversión de tus conversaciones, lo más vendido y cuántos clientes vuelven a comprar.</p>
        <Link to={`/panel/${slug}/pedidos`} className="mt-2 inline-block font-medium text-wa-green-dark underline">
          Ir a los pedidos
        </Link>
      </div>
    </>
  );
}

function Meter({ label, used, limit, unit }: { label: string; used: number | undefined; limit: number | undefined; unit: string }) {
  const pct = used !== undefined && limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  const tone = pct >= 100 ? 'bg-red-600' : pct >= 80 ? 'bg-amber-500' : 'bg-wa-green';
  return (
    <div>
      <div className="flex items-baseline justify-between text-sm">
        <span className="text-slate-700">{label}</span>
        <span className="font-medium text-slate-900 tabular-nums">
          {used === undefined || limit === undefined ? '…' : `${formatNumber(used)} de ${formatNumber(limit)} ${unit}`}
        </span>
      </div>
      <div className="mt-1 h-2.5 rounded-full bg-slate-100" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit ?? 0} aria-valuenow={used ?? 0}>
        <div className={`h-2.5 rounded-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function PlanUsage({ slug, owner }: { slug: string; owner: boolean }) {
  const usage = useUsage(slug);
  const products = useActiveProducts(slug);
  const seats = useSeats(slug, owner);
  const plan = usage.data?.limits;
  return (
    <Card title={plan ? `Plan ${plan.name}` : 'Tu plan'}>
      <div className="flex flex-col gap-4">
        <Meter label="Mensajes este mes" used={usage.data?.messagesUsed} limit={usage.data?.messageLimit} unit="" />
        <Meter label="Productos activos" used={products.data} limit={plan?.activeProducts} unit="" />
        {owner ? <Meter label="Lugares para tu equipo" used={seats.data} limit={plan?.staffSeats} unit="" /> : null}
        {plan?.features.ai && usage.data?.ai ? (
          <div>
            <Meter label="Tokens del asistente con IA" used={usage.data.ai.tokens} limit={usage.data.ai.limit} unit="" />
            <p className="mt-1 text-xs text-slate-500">
              Costo del mes: {formatMoney(usage.data.ai.costUsd, 'USD', 'es-MX')}
              {usage.data.ai.limitReached ? ' · Se acabaron los tokens del mes: responde el menú.' : ''}
            </p>
          </div>
        ) : null}
        {usage.data?.limitReached ? (
          <p className="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">
            Llegaste al límite de mensajes del mes: el bot solo termina los pedidos en curso. Escríbenos para cambiar de plan.
          </p>
        ) : null}
      </div>
    </Card>
  );
}
