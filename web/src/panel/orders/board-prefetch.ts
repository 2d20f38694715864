// The board's first paint with many orders: its code and first columns are requested as soon as
// the panel's code runs, in parallel with the session check, instead of after the session → route
// → statuses → columns chain. The hooks then find the same queries (same keys and options) loading.
import { queryClient } from '../lib/query.ts';
import { columnQuery, rememberedStatuses, statusesQuery } from './orders-data.ts';

export function prefetchBoard(pathname: string, search: string): void {
  const match = /^\/panel\/([^/]+)\/pedidos\/?$/.exec(pathname);
  if (!match || new URLSearchParams(search).has('q') || new URLSearchParams(search).has('dias')) return;
  const slug = decodeURIComponent(match[1]!);
  void import('./orders-board-page.tsx');
  // A browser opens 6 connections per server: the session check (which everything waits for) must
  // not queue behind the board's requests, so only the first columns go ahead of it; the board
  // asks for the rest, and the counts, when it renders.
  const FIRST = 3;
  const columns = (codes: string[]) => Promise.all(codes.map((code) => queryClient.prefetchInfiniteQuery(columnQuery(slug, code, {}))));
  const remembered = rememberedStatuses(slug)?.statuses.filter((s) => !s.isFinal).map((s) => s.code) ?? [];
  void columns(remembered.slice(0, FIRST));
  if (!remembered.length) {
    queryClient
      .fetchQuery(statusesQuery(slug))
      .then((d) => columns(d.statuses.filter((s) => !s.isFinal).slice(0, FIRST).map((s) => s.code)))
      .catch(() => undefined); // signed out or offline: the page shows why when it renders
  }
}

if (typeof window !== 'undefined') prefetchBoard(window.location.pathname, window.location.search);
