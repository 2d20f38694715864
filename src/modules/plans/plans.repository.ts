// Plans (central `plans`), the plan of a company, and the platform admin's read model of
// tenants (companies with their numbers' health). Usage comes from the usage module.
import type pg from 'pg';
import type { PlanRow } from './plan-limits.ts';

const PLAN_COLUMNS = `p.code, p.name, p.monthly_message_limit AS "monthlyMessageLimit", p.active_product_limit AS "activeProductLimit",
  p.staff_user_limit AS "staffUserLimit", p.feature_ai_agent AS "featureAiAgent", p.feature_bookings AS "featureBookings",
  p.feature_shortlinks AS "featureShortlinks", p.feature_analytics AS "featureAnalytics", p.ai_monthly_tokens AS "aiMonthlyTokens", p.price_monthly::text AS "priceMonthly"`;

export type PlanRecord = PlanRow & { priceMonthly: string };

export type TenantRow = {
  id: string;
  slug: string;
  name: string;
  status: string;
  botEnabled: boolean;
  planCode: string;
  createdAt: Date;
  channels: { id: string; provider: string; phoneNumberId: string; displayPhoneNumber: string | null; status: string; lastCheckAt: string | null; lastCheckError: string | null }[];
};

export function createPlansRepository(pool: pg.Pool) {
  return {
    async listPlans(): Promise<PlanRecord[]> {
      const { rows } = await pool.query<PlanRecord>(`SELECT ${PLAN_COLUMNS} FROM public.plans p ORDER BY p.price_monthly, p.code`);
      return rows;
    },

    async findPlan(code: string): Promise<PlanRecord | null> {
      const { rows } = await pool.query<PlanRecord>(`SELECT ${PLAN_COLUMNS} FROM public.plans p WHERE p.code = $1`, [code]);
      return rows[0] ?? null;
    },

    async planOfCompany(companyId: string): Promise<PlanRecord | null> {
      const { rows } = await pool.query<PlanRecord>(
        `SELECT ${PLAN_COLUMNS} FROM public.companies c JOIN public.plans p ON p.code = c.plan_code WHERE c.id = $1`,
        [companyId],
      );
      return rows[0] ?? null;
    },

    /** Every company with its plan and its numbers' health: one statement. */
    async listTenants(): Promise<TenantRow[]> {
      const { rows } = await pool.query<TenantRow>(
        `SELECT c.id, c.slug, c.name, c.status, c.bot_enabled AS "botEnabled", c.plan_code AS "planCode", c.created_at AS "createdAt",
                COALESCE((SELECT json_agg(json_build_object('id', ch.id, 'provider', ch.provider, 'phoneNumberId', ch.phone_number_id,
                            'displayPhoneNumber', ch.display_phone_number, 'status', ch.status, 'lastCheckAt', ch.last_check_at,
                            'lastCheckError', ch.last_check_error) ORDER BY ch.created_at)
                          FROM public.channels ch WHERE ch.company_id = c.id), '[]'::json) AS channels
         FROM public.companies c
         ORDER BY c.created_at, c.slug`,
      );
      return rows;
    },
  };
}

export type PlansRepository = ReturnType<typeof createPlansRepository>;
