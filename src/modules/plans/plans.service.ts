// Plans enforced: what a company's plan allows, its usage this month, the checks other modules
// call before writing (products, staff seats, feature-gated routes), and the platform admin's
// plan changes and tenant listing.
import { AppError } from '../../platform/errors.ts';
import type { CompaniesService } from '../companies/index.ts';
import {
  assertActiveProducts,
  assertFeature,
  assertStaffSeat,
  messageLimitReached,
  planLimitsOf,
  usagePeriodOf,
  type Feature,
  type PlanLimits,
} from './plan-limits.ts';
import { plansErrors } from './plans.errors.ts';
import type { PlansRepository, TenantRow, Usage } from './plans.repository.ts';

export type Entitlements = { plan: PlanLimits & { priceMonthly: string }; usage: Usage & { remaining: number; limitReached: boolean } };

export function createPlansService(deps: {
  repo: PlansRepository;
  companies: CompaniesService;
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
    const usage = await repo.usage(companyId, usagePeriodOf(now()));
    return {
      plan,
      usage: { ...usage, remaining: Math.max(0, plan.monthlyMessages - usage.messages), limitReached: messageLimitReached(plan, usage.messages) },
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
    /** PLAN_LIMIT when activating products would leave more active than the plan allows. */
    async assertActiveProducts(companyId: string, activeAfter: number, activates: boolean): Promise<void> {
      assertActiveProducts(await limitsOf(companyId), activeAfter, activates);
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
      const period = usagePeriodOf(now());
      const plans = new Map((await repo.listPlans()).map((p) => [p.code, planLimitsOf(p)]));
      return (await repo.listTenants(period)).map((t) => {
        const plan = plans.get(t.planCode);
        const used = t.inboundMessages + t.outboundMessages;
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
            limitReached: plan ? messageLimitReached(plan, used) : false,
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
