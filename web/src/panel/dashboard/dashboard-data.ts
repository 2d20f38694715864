// The dashboard's figures: the reports API (today and this month, in the shop's time zone), the
// plan's usage, and counts that every plan has (orders per status) when reports are not included.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { reportSchema } from '../../../../src/modules/reports/reports.schemas.ts';
import { apiFetch, ApiError } from '../lib/api.ts';
import { keys } from '../live/query-keys.ts';

export type Report = z.infer<typeof reportSchema>;
export type Usage = {
  period: string;
  plan: string;
  messagesUsed: number;
  messageLimit: number;
  remaining: number;
  limitReached: boolean;
  limits: { code: string; name: string; monthlyMessages: number; activeProducts: number; staffSeats: number; features: { analytics: boolean; ai: boolean }; priceMonthly: string };
  /** The AI assistant's tokens this month against the plan's budget, and what they cost (USD). */
  ai?: { tokens: number; limit: number; limitReached: boolean; costUsd: string };
};

const base = (slug: string) => `/api/companies/${encodeURIComponent(slug)}`;

/** null: the plan does not include reports (402 PLAN_LIMIT). */
export function useReport(slug: string, from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: [...keys.reports(slug), from, to],
    enabled: Boolean(from && to),
    queryFn: async ({ signal }) => {
      try {
        return await apiFetch<Report>(`${base(slug)}/reports?from=${from}&to=${to}&top=5`, { signal });
      } catch (err) {
        if (err instanceof ApiError && err.status === 402) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useUsage(slug: string) {
  return useQuery({ queryKey: keys.usage(slug), queryFn: ({ signal }) => apiFetch<Usage>(`${base(slug)}/usage`, { signal }), staleTime: 60_000 });
}

export function useActiveProducts(slug: string) {
  return useQuery({
    queryKey: ['active-products', slug],
    queryFn: ({ signal }) => apiFetch<{ total: number }>(`${base(slug)}/products?active=true&pageSize=1`, { signal }),
    select: (d) => d.total,
    staleTime: 60_000,
  });
}

/** Staff seats in use (staff members plus pending invitations): owners only. */
export function useSeats(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['seats', slug],
    enabled,
    queryFn: async ({ signal }) => {
      const [members, invitations] = await Promise.all([
        apiFetch<{ members: { role: string }[] }>(`${base(slug)}/members`, { signal }),
        apiFetch<{ invitations: unknown[] }>(`${base(slug)}/invitations`, { signal }),
      ]);
      return members.members.filter((m) => m.role === 'staff').length + invitations.invitations.length;
    },
    staleTime: 60_000,
  });
}

/** Orders per status over some days (every plan): the dashboard's fallback without reports. */
export function useOrderTotals(slug: string, from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: [...keys.counts(slug), 'range', from, to],
    enabled: Boolean(from && to),
    queryFn: ({ signal }) => apiFetch<{ counts: { status: string; count: number }[] }>(`${base(slug)}/order-counts?from=${from}&to=${to}`, { signal }),
    select: (d) => d.counts,
  });
}
