// The current company's data shared by many pages (currency for money, time zone for dates).
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './api.ts';
import type { CompanyDetails, Settings } from './wire.ts';

export const companyKey = (slug: string) => ['company', slug] as const;
export const settingsKey = (slug: string) => ['settings', slug] as const;

export function useCompanyDetails(slug: string) {
  return useQuery({
    queryKey: companyKey(slug),
    queryFn: ({ signal }) => apiFetch<{ company: CompanyDetails }>(`/api/companies/${slug}`, { signal }).then((r) => r.company),
    staleTime: 60_000,
    enabled: slug !== '',
  });
}

export function useSettings(slug: string) {
  return useQuery({
    queryKey: settingsKey(slug),
    queryFn: ({ signal }) => apiFetch<Settings>(`/api/companies/${slug}/settings`, { signal }),
  });
}

/** Money of this company: formatMoney with its currency and locale, once they are known. */
export function useMoney(slug: string): (amount: number | string) => string {
  const company = useCompanyDetails(slug).data;
  const currency = company?.currency ?? 'MXN';
  const locale = company?.locale ?? 'es-MX';
  return (amount) => {
    const n = typeof amount === 'string' ? Number(amount) : amount;
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n);
    } catch {
      return new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' }).format(n);
    }
  };
}
