// What a plan allows (central `plans`), and the pure rules that apply it. Every check that can
// refuse an API request throws PLAN_LIMIT (402) with a Spanish message naming the plan and the
// limit, so the owner knows what to change. (Active products are checked by the catalog, in the
// transaction that changes them; the monthly message count is the usage module's.)
import { plansErrors } from './plans.errors.ts';

export type Feature = 'ai' | 'bookings' | 'shortlinks' | 'analytics';
export const FEATURES: readonly Feature[] = ['ai', 'bookings', 'shortlinks', 'analytics'];

export type PlanLimits = {
  code: string;
  name: string;
  monthlyMessages: number;
  activeProducts: number;
  staffSeats: number;
  features: Record<Feature, boolean>;
  /** The AI agent's tokens a month (0: none). */
  aiMonthlyTokens: number;
};

/** The central row as Prisma returns it. */
export type PlanRow = {
  code: string;
  name: string;
  monthlyMessageLimit: number;
  activeProductLimit: number;
  staffUserLimit: number;
  featureAiAgent: boolean;
  featureBookings: boolean;
  featureShortlinks: boolean;
  featureAnalytics: boolean;
  aiMonthlyTokens?: number;
};

export function planLimitsOf(row: PlanRow): PlanLimits {
  return {
    code: row.code,
    name: row.name,
    monthlyMessages: row.monthlyMessageLimit,
    activeProducts: row.activeProductLimit,
    staffSeats: row.staffUserLimit,
    features: { ai: row.featureAiAgent, bookings: row.featureBookings, shortlinks: row.featureShortlinks, analytics: row.featureAnalytics },
    aiMonthlyTokens: row.aiMonthlyTokens ?? 0,
  };
}

/** Refuses a feature the plan does not include. */
export function assertFeature(limits: PlanLimits, feature: Feature): void {
  if (!limits.features[feature]) throw plansErrors.featureNotIncluded(limits.name, feature);
}

/**
 * Refuses a new staff seat beyond the plan. `staffNow`: staff members plus pending invitations
 * (the owner does not take a seat).
 */
export function assertStaffSeat(limits: PlanLimits, staffNow: number): void {
  if (staffNow + 1 > limits.staffSeats) throw plansErrors.staffSeats(limits.name, limits.staffSeats);
}

// Steps where a customer is building or confirming an order: at the message limit they finish
// it (the shop would lose a sale otherwise); everyone else gets the kind notice.
const ORDER_STEPS = new Set(['choose', 'quantity', 'cart', 'edit', 'address', 'confirm']);

/**
 * Whether a customer's conversation goes on normally although the company is over its monthly
 * messages: an order in progress (a step of the order flow, or items in the cart) completes.
 */
export function continuesOverMessageLimit(session: { step: string; cartLines: number }): boolean {
  return session.cartLines > 0 || ORDER_STEPS.has(session.step);
}
