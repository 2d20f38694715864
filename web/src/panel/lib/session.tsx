// Who is signed in and in which businesses, from GET /auth/me; kept across reloads by the
// httpOnly session cookie. A 401 on any call means the session ended: the cached person is
// dropped and RequireAuth sends them to sign in, remembering where they were going.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { apiFetch, ApiError, setCsrfToken, setUnauthorizedListener } from './api.ts';
import { PageSpinner } from './ui/spinner.tsx';
import { NoPermission } from '../layout/status-pages.tsx';

export type Role = 'owner' | 'staff';
export type SessionUser = { id: string; email: string; name: string; platformAdmin: boolean };
export type SessionCompany = { id: string; slug: string; name: string; status: string; role: Role };
export type Me = { user: SessionUser; csrfToken: string | null; companies: SessionCompany[] };

type SessionValue = {
  status: 'loading' | 'signed-in' | 'signed-out';
  user: SessionUser | null;
  companies: SessionCompany[];
  csrfToken: string | null;
  /** Read /auth/me again (after creating a business, accepting an invitation…). */
  refresh: () => Promise<void>;
  /** Right after login or registration: the CSRF token the API just gave. */
  signedIn: (csrfToken: string) => Promise<void>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);
export const ME_KEY = ['me'] as const;

async function loadMe(): Promise<Me | null> {
  try {
    const me = await apiFetch<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: loadMe, staleTime: 60_000, refetchOnWindowFocus: true });

  useEffect(() => {
    setUnauthorizedListener(() => {
      setCsrfToken(null);
      client.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedListener(null);
  }, [client]);

  const refresh = useCallback(async () => {
    await client.invalidateQueries({ queryKey: ME_KEY });
    await client.fetchQuery({ queryKey: ME_KEY, queryFn: loadMe });
  }, [client]);

  // Every query but the person's (the businesses' data): dropped when who is signed in changes.
  const dropBusinessData = useCallback(() => client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] }), [client]);

  const signedIn = useCallback(
    async (csrfToken: string) => {
      setCsrfToken(csrfToken);
      dropBusinessData();
      await refresh();
    },
    [dropBusinessData, refresh],
  );

  const logout = useCallback(async () => {
    try {
      await apiFetch('/auth/logout', { method: 'POST' });
    } catch {
      // Already ended: signing out locally is what the person asked for.
    }
    setCsrfToken(null);
    // The person first, on the query the session's observer watches, so every page re-renders
    // signed out at once; then the businesses' data. (Clearing the cache first left the observer
    // on a removed query: the session stayed "signed in" until something else re-rendered it,
    // and the sign-in page sent the person straight back into the panel.)
    client.setQueryData(ME_KEY, null);
    dropBusinessData();
  }, [client, dropBusinessData]);

  const value = useMemo<SessionValue>(() => {
    const data = me.data;
    const status = data === undefined ? (me.isError ? 'signed-out' : 'loading') : data ? 'signed-in' : 'signed-out';
    return { status, user: data?.user ?? null, companies: data?.companies ?? [], csrfToken: data?.csrfToken ?? null, refresh, signedIn, logout };
  }, [me.data, me.isError, refresh, signedIn, logout]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export type CurrentCompany = { slug: string; name: string; role: Role | 'platform'; status: string };

/**
 * The company in the URL (/panel/:slug/…) and the person's role in it. A platform admin may open
 * any company (the API treats them as its owner); null when the person is not a member.
 */
export function useCompany(): CurrentCompany {
  const company = useOptionalCompany();
  if (!company) throw new Error('useCompany outside a company route');
  return company;
}

export function useOptionalCompany(): CurrentCompany | null {
  const { slug } = useParams();
  const { companies, user } = useSession();
  if (!slug) return null;
  const found = companies.find((c) => c.slug === slug);
  if (found) return { slug: found.slug, name: found.name, role: found.role, status: found.status };
  if (user?.platformAdmin) return { slug, name: slug, role: 'platform', status: 'active' };
  return null;
}

export const isOwnerRole = (role: CurrentCompany['role']) => role === 'owner' || role === 'platform';

/** Renders children only for a signed-in person; else to sign-in, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageSpinner />;
  if (status === 'signed-out') {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/panel/ingresar?volver=${encodeURIComponent(back)}`} replace />;
  }
  return <>{children}</>;
}

/** Owner-only pages: staff see a kind "no tienes permiso" page instead. */
export function RequireRole({ role, children }: { role: 'owner'; children: ReactNode }) {
  const company = useOptionalCompany();
  if (role === 'owner' && (!company || !isOwnerRole(company.role))) return <NoPermission />;
  return <>{children}</>;
}

/** Where to go after signing in: the remembered page if it is inside the panel. */
export function safeReturnPath(raw: string | null): string | null {
  if (!raw || !raw.startsWith('/panel/') || raw.startsWith('//')) return null;
  if (raw.startsWith('/panel/ingresar') || raw.startsWith('/panel/registro')) return null;
  return raw;
}
