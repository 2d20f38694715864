// What other modules may use from plans: the limits of a company's plan, the checks that answer
// 402 PLAN_LIMIT, the rules at the monthly message limit, and the owner's once-a-month notice.
// Usage is read through the usage module, the only owner of usage_counters.
export {
  FEATURES,
  assertFeature,
  assertStaffSeat,
  continuesOverMessageLimit,
  planLimitsOf,
  type Feature,
  type PlanLimits,
  type PlanRow,
} from './plan-limits.ts';
export { plansErrors } from './plans.errors.ts';
export { plansMessages } from './plans.messages.ts';
export { claimOwnerNotice, type PlanNoticeKind } from './owner-notice.ts';
export { createPlansRepository, type PlansRepository } from './plans.repository.ts';
export { createPlansService, type PlansService, type Entitlements } from './plans.service.ts';
export { createPlansRouter } from './plans.routes.ts';
