// The board's first paint with many orders: its code and data are requested as soon as the panel's
// code runs, in parallel with the session check, instead of after the session → route → statuses
// → columns chain. The hooks then find the same queries (same keys and options) already loading.
import { queryClient } from '../lib/query.ts';
import { columnQuery, countsQuery, rememberedStatuses, statusesQuery } from './orders-data.ts';

export function prefetchBoard(pathname: string, search: string): void {
  const match = /^\/panel\/([^/]+)\/pedidos\/?$/.exec(pathname);
  if (!match || new URLSearchParams(search).has('q') || new URLSearchParams(search).has('dias')) return;
  const slug = decodeURIComponent(match[1]!);
  void import('./orders-board-page.tsx');
  void queryClient.prefetchQuery(countsQuery(slug, {}));
  const columns = (codes: string[]) => Promise.all(codes.map((code) => queryClient.prefetchInfiniteQuery(columnQuery(slug, code, {}))));
  // Columns of the statuses seen last time go at once; any new status once the statuses arrive.
  const remembered = rememberedStatuses(slug)?.statuses.map((s) => s.code) ?? [];
  void columns(remembered);
  queryClient
    .fetchQuery(statusesQuery(slug))
    .then((d) => columns(d.statuses.map((s) => s.code).filter((c) => !remembered.includes(c))))
    .catch(() => undefined); // signed out or offline: the page shows why when it renders
}

if (typeof window !== 'undefined') prefetchBoard(window.location.pathname, window.location.search);
