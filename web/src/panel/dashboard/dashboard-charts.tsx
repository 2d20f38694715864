// The dashboard's charts (recharts): this month's sales per day, new vs returning customers, and
// the best-selling products. Each has a fixed height so the page does not move as data arrives.
import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../lib/format.ts';
import type { Report } from './dashboard-data.ts';

const GREEN = '#008069';
const LIGHT = '#25d366';

export function SalesByDayChart({ report, locale }: { report: Report; locale?: string }) {
  const data = report.days.map((d) => ({ day: `${Number(d.date.slice(8))}/${Number(d.date.slice(5, 7))}`, date: d.date, revenue: Number(d.revenue), orders: d.orders }));
  return (
    <figure>
      <BarChart responsive style={{ width: '100%', height: 240 }} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="day" tickLine={false} axisLine={false} fontSize={12} interval="preserveStartEnd" />
        <YAxis tickLine={false} axisLine={false} fontSize={12} width={64} tickFormatter={(v: number) => formatMoney(v, report.currency, locale).replace(/\.00$/, '')} />
        <Tooltip
          formatter={(value, name) => (name === 'revenue' ? [formatMoney(Number(value), report.currency, locale), 'Ventas'] : [String(value), 'Pedidos'])}
          labelFormatter={(_, payload) => {
            const date = (payload?.[0]?.payload as { date?: string } | undefined)?.date;
            return date ? new Date(`${date}T12:00:00Z`).toLocaleDateString('es-MX', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }) : '';
          }}
        />
        <Bar dataKey="revenue" name="revenue" fill={GREEN} radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
      <figcaption className="sr-only">Ventas por día de los últimos 30 días</figcaption>
    </figure>
  );
}

export function CustomersChart({ report }: { report: Report }) {
  const { newCustomers, returningCustomers } = report.totals;
  const data = [
    { name: 'Nuevos', value: newCustomers },
    { name: 'Volvieron', value: returningCustomers },
  ];
  if (!newCustomers && !returningCustomers) return <p className="grid h-44 place-items-center text-sm text-slate-500">Todavía no hay compradores este mes.</p>;
  return (
    <div className="flex items-center gap-4">
      <PieChart style={{ width: 160, height: 160 }} accessibilityLayer>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius={45} outerRadius={72} paddingAngle={2} isAnimationActive={false}>
          <Cell fill={LIGHT} />
          <Cell fill={GREEN} />
        </Pie>
        <Tooltip />
      </PieChart>
      <dl className="flex flex-col gap-2 text-sm">
        <div className="flex items-center gap-2">
          <span className="h-3 w-3 rounded-sm" style={{ background: LIGHT }} aria-hidden="true" />
          <dt className="text-slate-600">Nuevos</dt>
          <dd className="font-semibold text-slate-900 tabular-nums">{newCustomers}</dd>
        </div>
        <div className="flex items-center gap-2">
          <span className="h-3 w-3 rounded-sm" style={{ background: GREEN }} aria-hidden="true" />
          <dt className="text-slate-600">Volvieron a comprar</dt>
          <dd className="font-semibold text-slate-900 tabular-nums">{returningCustomers}</dd>
        </div>
      </dl>
    </div>
  );
}

export function TopProducts({ report, locale }: { report: Report; locale?: string }) {
  if (!report.topProducts.length) return <p className="py-8 text-center text-sm text-slate-500">Todavía no hay ventas este mes.</p>;
  const max = Math.max(...report.topProducts.map((p) => Number(p.revenue)), 1);
  return (
    <ol className="flex flex-col gap-3">
      {report.topProducts.map((p, i) => (
        <li key={p.productId}>
          <div className="flex items-baseline justify-between gap-2 text-sm">
            <span className="truncate text-slate-800">
              <span className="mr-1 text-slate-500">{i + 1}.</span>
              {p.name}
            </span>
            <span className="shrink-0 font-semibold text-slate-900 tabular-nums">{formatMoney(p.revenue, report.currency, locale)}</span>
          </div>
          <div className="mt-1 h-2 rounded-full bg-slate-100" aria-hidden="true">
            <div className="h-2 rounded-full bg-wa-green" style={{ width: `${(Number(p.revenue) / max) * 100}%` }} />
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            {Number(p.quantity).toLocaleString('es-MX')} {p.unit} · {p.orders} {p.orders === 1 ? 'pedido' : 'pedidos'}
          </p>
        </li>
      ))}
    </ol>
  );
}

