// The board's filters live in the URL (?q=…&dias=hoy|7|30), so a reload or a shared link keeps them.
import type { BoardFilters } from './orders-data.ts';

export type DayRange = 'todos' | 'hoy' | '7' | '30';
export const DAY_RANGES: { value: DayRange; label: string }[] = [
  { value: 'todos', label: 'Todas' },
  { value: 'hoy', label: 'Hoy' },
  { value: '7', label: '7 días' },
  { value: '30', label: '30 días' },
];

/** Today's date (AAAA-MM-DD) on the shop's wall clock. */
export function shopToday(timeZone: string | undefined, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function filtersOf(params: URLSearchParams, timeZone: string | undefined): BoardFilters {
  const q = params.get('q')?.trim() || undefined;
  const range = (params.get('dias') ?? 'todos') as DayRange;
  const today = shopToday(timeZone);
  const f: BoardFilters = {};
  if (q) f.q = q;
  if (range === 'hoy') Object.assign(f, { from: today, to: today });
  else if (range === '7' || range === '30') Object.assign(f, { from: addDays(today, -(Number(range) - 1)), to: today });
  return f;
}

export const hasFilters = (f: BoardFilters) => Boolean(f.q || f.from || f.to);
