// Reports for a date range (the shop's calendar days, both ends included).
import type { TenantClient } from '../../platform/db/clients.ts';
import { AppError } from '../../platform/errors.ts';
import { fromCents, localClock, toCents, zonedInstant } from '../settings/index.ts';
import { computeReport } from './reports.repository.ts';
import { MAX_REPORT_DAYS, type Report, type ReportQuery } from './reports.schemas.ts';

const DEFAULT_DAYS = 30;

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export type ReportCompany = { schema: string; timezone: string; currency: string };

/** The period asked for: `to` defaults to today (shop time), `from` to 30 days ending on `to`. */
export function reportPeriod(query: Pick<ReportQuery, 'from' | 'to'>, timeZone: string, now: Date) {
  const to = query.to ?? localClock(now, timeZone).date;
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw new AppError('VALIDATION', 'from: la fecha inicial debe ser igual o anterior a la final', { from, to });
  if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS) {
    throw new AppError('VALIDATION', `El periodo puede ser de hasta ${MAX_REPORT_DAYS} días`, { from, to });
  }
  return { from, to, start: zonedInstant(from, '00:00', timeZone), end: zonedInstant(addDays(to, 1), '00:00', timeZone) };
}

export async function buildReport(db: TenantClient, company: ReportCompany, query: ReportQuery, now = new Date()): Promise<Report> {
  const period = reportPeriod(query, company.timezone, now);
  const raw = await computeReport(db, company.schema, { from: period.start, to: period.end, timeZone: company.timezone, topProducts: query.top });
  const t = raw.totals;
  const orders = Number(t.orders);
  const conversations = Number(t.conversations);
  const converted = Number(t.convertedConversations);
  return {
    from: period.from,
    to: period.to,
    timezone: company.timezone,
    currency: company.currency,
    totals: {
      orders,
      revenue: t.revenue,
      averageOrder: orders === 0 ? '0.00' : fromCents(Math.round(toCents(t.revenue) / orders)),
      cancelledOrders: Number(t.cancelledOrders),
      conversations,
      convertedConversations: converted,
      conversion: conversations === 0 ? 0 : Math.round((converted / conversations) * 10_000) / 10_000,
      customers: Number(t.customers),
      newCustomers: Number(t.newCustomers),
      returningCustomers: Number(t.returningCustomers),
    },
    days: raw.days.map((d) => ({ ...d, orders: Number(d.orders), conversations: Number(d.conversations), convertedConversations: Number(d.convertedConversations) })),
    topProducts: raw.topProducts.map((p) => ({ ...p, orders: Number(p.orders) })),
  };
}
