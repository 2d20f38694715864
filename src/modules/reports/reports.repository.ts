// The dashboard's figures for a period, computed by PostgreSQL in the tenant's schema in one
// statement (one snapshot, one round trip). Days are the shop's calendar days (its time zone).
// Cancelled orders are not sales: they are left out of orders, revenue, products and
// conversion, and counted apart. A returning customer bought in the period and had ordered
// before it; a new one had not.
import type { TenantClient } from '../../platform/db/clients.ts';
import { quotedSchema } from '../../platform/db/tenant-scope.ts';
import { Prisma } from '../../generated/tenant/client.ts';

export type ReportRange = { from: Date; to: Date; timeZone: string; topProducts: number };

export type ReportRow = {
  days: { date: string; orders: number; revenue: string; conversations: number; convertedConversations: number }[];
  totals: {
    orders: number;
    revenue: string;
    cancelledOrders: number;
    conversations: number;
    convertedConversations: number;
    customers: number;
    newCustomers: number;
    returningCustomers: number;
  };
  topProducts: { productId: string; name: string; unit: string; quantity: string; revenue: string; orders: number }[];
};

export async function computeReport(db: TenantClient, schema: string, r: ReportRange): Promise<ReportRow> {
  // The plan's cost estimate crosses PostgreSQL's JIT threshold, and compiling it took longer
  // (hundreds of ms) than running it: off for this statement only.
  const [, rows] = await db.$transaction([db.$executeRawUnsafe('SET LOCAL jit = off'), db.$queryRaw<{ report: ReportRow }[]>(reportSql(schema, r))]);
  return rows[0]!.report;
}

/** The report's one statement (exported for EXPLAIN when tuning indexes). */
export function reportSql(schema: string, r: ReportRange): Prisma.Sql {
  const s = Prisma.raw(quotedSchema(schema));
  return Prisma.sql`
    WITH sold AS (
      SELECT o.id, o.customer_id, o.total, (o.created_at AT TIME ZONE ${r.timeZone})::date AS day
      FROM ${s}."orders" o
      WHERE o.created_at >= ${r.from} AND o.created_at < ${r.to} AND o.status <> 'cancelado'
    ),
    talked AS (
      -- A conversation: a customer who wrote on a day.
      SELECT DISTINCT m.customer_id, (m.created_at AT TIME ZONE ${r.timeZone})::date AS day
      FROM ${s}."messages" m
      WHERE m.direction = 'inbound' AND m.customer_id IS NOT NULL AND m.created_at >= ${r.from} AND m.created_at < ${r.to}
    ),
    buyers AS (
      SELECT DISTINCT customer_id FROM sold
    ),
    converted_days AS (
      -- A conversation ended in an order when the customer ordered that day.
      SELECT t.day, count(*) AS n
      FROM talked t JOIN (SELECT DISTINCT customer_id, day FROM sold) x ON x.customer_id = t.customer_id AND x.day = t.day
      GROUP BY t.day
    ),
    per_day AS (
      SELECT d.day::date AS day,
             COALESCE(o.orders, 0) AS orders, COALESCE(o.revenue, 0) AS revenue,
             COALESCE(c.conversations, 0) AS conversations, COALESCE(cd.n, 0) AS converted
      FROM generate_series((${r.from}::timestamptz AT TIME ZONE ${r.timeZone})::date,
                           ((${r.to}::timestamptz - interval '1 millisecond') AT TIME ZONE ${r.timeZone})::date, interval '1 day') d(day)
      LEFT JOIN (SELECT day, count(*) AS orders, sum(total) AS revenue FROM sold GROUP BY day) o ON o.day = d.day::date
      LEFT JOIN (SELECT day, count(*) AS conversations FROM talked GROUP BY day) c ON c.day = d.day::date
      LEFT JOIN converted_days cd ON cd.day = d.day::date
    ),
    top AS (
      SELECT i.product_id, max(i.product_name) AS name, max(i.unit) AS unit, sum(i.quantity) AS quantity,
             sum(i.line_total) AS revenue, count(DISTINCT i.order_id) AS orders
      -- Each sold order's lines by the order_id index: a hash join would read every line ever sold
      -- (OFFSET 0 keeps the planner from flattening the lateral subquery into one).
      FROM sold x CROSS JOIN LATERAL (SELECT * FROM ${s}."order_items" li WHERE li.order_id = x.id OFFSET 0) i
      GROUP BY i.product_id
      ORDER BY sum(i.line_total) DESC, sum(i.quantity) DESC, i.product_id
      LIMIT ${r.topProducts}
    ),
    returning_buyers AS (
      -- Bought in the period and had ordered before it: came back (an index-only probe per buyer).
      SELECT b.customer_id FROM buyers b
      WHERE EXISTS (SELECT 1 FROM ${s}."orders" p WHERE p.customer_id = b.customer_id AND p.created_at < ${r.from})
    )
    SELECT json_build_object(
      'days', (SELECT COALESCE(json_agg(json_build_object('date', to_char(day, 'YYYY-MM-DD'), 'orders', orders,
                 'revenue', revenue::numeric(14,2)::text, 'conversations', conversations, 'convertedConversations', converted) ORDER BY day), '[]'::json)
               FROM per_day),
      'totals', json_build_object(
        'orders', (SELECT count(*) FROM sold),
        'revenue', (SELECT COALESCE(sum(total), 0)::numeric(14,2)::text FROM sold),
        'cancelledOrders', (SELECT count(*) FROM ${s}."orders" WHERE created_at >= ${r.from} AND created_at < ${r.to} AND status = 'cancelado'),
        'conversations', (SELECT count(*) FROM talked),
        'convertedConversations', (SELECT COALESCE(sum(n), 0) FROM converted_days),
        'customers', (SELECT count(*) FROM buyers),
        'returningCustomers', (SELECT count(*) FROM returning_buyers),
        'newCustomers', (SELECT count(*) FROM buyers) - (SELECT count(*) FROM returning_buyers)
      ),
      'topProducts', (SELECT COALESCE(json_agg(json_build_object('productId', product_id, 'name', name, 'unit', unit,
                        'quantity', quantity::text, 'revenue', revenue::numeric(14,2)::text, 'orders', orders)
                        ORDER BY revenue DESC, quantity DESC, product_id), '[]'::json) FROM top)
    ) AS report`;
}
