import { AppError } from '../../platform/errors.ts';
import type { Feature } from './plan-limits.ts';
import { plansMessages as m } from './plans.messages.ts';

export const plansErrors = {
  featureNotIncluded: (plan: string, feature: Feature) => new AppError('PLAN_LIMIT', m.featureNotIncluded(plan, feature), { limit: 'feature', feature }),
  staffSeats: (plan: string, limit: number) => new AppError('PLAN_LIMIT', m.staffSeats(plan, limit), { limit: 'staffSeats', max: limit }),
  unknownPlan: (code: string) => new AppError('VALIDATION', m.unknownPlan(code)),
};
