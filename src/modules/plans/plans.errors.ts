import { AppError } from '../../platform/errors.ts';
import type { Feature } from './plan-limits.ts';
import { plansMessages as m } from './plans.messages.ts';

export const plansErrors = {
  featureNotIncluded: (plan: string, feature: Feature) => new AppError('PLAN_LIMIT', m.featureNotIncluded(plan, feature), { limit: 'feature', feature }),
  activeProducts: (plan: string, limit: number, wouldHave: number) =>
    new AppError('PLAN_LIMIT', m.activeProducts(plan, limit, wouldHave), { limit: 'activeProducts', max: limit, wouldHave }),
  staffSeats: (plan: string, limit: number) => new AppError('PLAN_LIMIT', m.staffSeats(plan, limit), { limit: 'staffSeats', max: limit }),
  unknownPlan: (code: string) => new AppError('VALIDATION', m.unknownPlan(code)),
};
