// Plans enforced: what a company's plan allows, its usage this month, the checks other modules
// call before writing (products, staff seats, feature-gated routes), and the platform admin's
// plan changes and tenant listing.
import { AppError } from '../../platform/errors.ts';
import { overMessageLimit, type CompaniesService } from '../companies/index.ts';
import { usagePeriod, type AiUsage, type Usage } from '../usage/index.ts';
import { assertFeature, assertStaffSeat, planLimitsOf, type Feature, type PlanLimits } from './plan-limits.ts';
import { plansErrors } from './plans.errors.ts';
import type { PlansRepository, TenantRow } from './plans.repository.ts';

export type Entitlements = {
  plan: PlanLimits & { priceMonthly: string };
  usage: { period: string; inboundMessages: number; outboundMessages: number; messages: number; remaining: number; limitReached: boolean };
  /** The AI agent's tokens this month against the plan's budget, and their cost. */
  ai: AiUsage & { limit: number; limitReached: boolean };
};

const limitReached = (plan: PlanLimits, used: number) => overMessageLimit({ monthlyMessageLimit: plan.monthlyMessages }, used);

export function createPlansService(deps: {
  repo: PlansRepository;
  companies: CompaniesService;
  /** The month's messages, from the usage module (the only owner of usage_counters). */
  usage: Pick<Usage, 'monthlyUsage' | 'usageAcrossCompanies'>;
  /** How providers reach us (PUBLIC_URL): the webhook URLs in the tenant listing. */
  publicUrl: () => string | undefined;
  now?: () => Date;
}) {
  const { repo } = deps;
  const now = deps.now ?? (() => new Date());

  async function limitsOf(companyId: string): Promise<PlanLimits> {
    const row = await repo.planOfCompany(companyId);
    if (!row) throw new AppError('NOT_FOUND', 'Empresa no encontrada');
    return planLimitsOf(row);
  }

  async function entitlements(companyId: string): Promise<Entitlements> {
    const row = await repo.planOfCompany(companyId);
    if (!row) throw new AppError('NOT_FOUND', 'Empresa no encontrada');
    const plan = { ...planLimitsOf(row), priceMonthly: row.priceMonthly };
    const u = await deps.usage.monthlyUsage(companyId, usagePeriod(now()));
    return {
      plan,
      usage: {
        period: u.period,
        inboundMessages: u.inbound,
        outboundMessages: u.outbound,
        messages: u.total,
        remaining: Math.max(0, plan.monthlyMessages - u.total),
        limitReached: limitReached(plan, u.total),
      },
      ai: { ...u.ai, limit: plan.aiMonthlyTokens, limitReached: u.ai.tokens >= plan.aiMonthlyTokens },
    };
  }

  function webhookUrlOf(ch: TenantRow['channels'][number]): string | null {
    const base = deps.publicUrl()?.replace(/\/+$/, '');
    if (!base) return null;
    return ch.provider === 'twilio' ? `${base}/webhook/twilio/${ch.id}` : `${base}/webhook`;
  }

  return {
    limitsOf,
    entitlements,
    /** PLAN_LIMIT unless the company's plan includes the feature (feature-gated routes). */
    async assertFeature(companyId: string, feature: Feature): Promise<void> {
      assertFeature(await limitsOf(companyId), feature);
    },
    /** PLAN_LIMIT when one more staff member (invitation) would exceed the plan's seats. */
    async assertStaffSeat(companyId: string, staffNow: number): Promise<void> {
      assertStaffSeat(await limitsOf(companyId), staffNow);
    },

    async listPlans() {
      return (await repo.listPlans()).map((r) => ({ ...planLimitsOf(r), priceMonthly: r.priceMonthly }));
    },

    /** The platform admin moves a company to another plan; it applies to the next request and message. */
    async changePlan(slug: string, code: string) {
      const plan = await repo.findPlan(code);
      if (!plan) throw plansErrors.unknownPlan(code);
      const company = await deps.companies.getCompany(slug);
      await deps.companies.updateCompany(company.slug, { plan: plan.code as 'basico' | 'completo' | 'premium' });
      return { slug: company.slug, previousPlan: company.planCode, ...(await entitlements(company.id)) };
    },

    /** Every tenant with its plan, this month's usage, its numbers' health and their webhook URLs. */
    async listTenants() {
      const period = usagePeriod(now());
      const plans = new Map((await repo.listPlans()).map((p) => [p.code, planLimitsOf(p)]));
      const usage = new Map((await deps.usage.usageAcrossCompanies(period)).map((u) => [u.companyId, u.total]));
      return (await repo.listTenants()).map((t) => {
        const plan = plans.get(t.planCode);
        const used = usage.get(t.id) ?? 0;
        return {
          id: t.id,
          slug: t.slug,
          name: t.name,
          status: t.status,
          botEnabled: t.botEnabled,
          createdAt: new Date(t.createdAt).toISOString(),
          plan: { code: t.planCode, name: plan?.name ?? t.planCode },
          usage: {
            period,
            messages: used,
            limit: plan?.monthlyMessages ?? 0,
            limitReached: plan ? limitReached(plan, used) : false,
          },
          channels: t.channels.map((ch) => ({
            id: ch.id,
            provider: ch.provider,
            phoneNumberId: ch.phoneNumberId,
            displayPhoneNumber: ch.displayPhoneNumber,
            status: ch.status,
            // ok: active and its last check against the provider passed (or none ran yet).
            health: ch.status !== 'active' ? 'disabled' : ch.lastCheckError ? 'failing' : 'ok',
            lastCheckAt: ch.lastCheckAt ? new Date(ch.lastCheckAt).toISOString() : null,
            lastCheckError: ch.lastCheckError,
            webhookUrl: webhookUrlOf(ch),
          })),
        };
      });
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
