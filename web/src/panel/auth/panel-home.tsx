// /panel: to the business the person used last (or their first), to the admin view for a
// platform admin without businesses, or to create a business.
import { Navigate } from 'react-router';
import { useSession } from '../lib/session.tsx';

const LAST_KEY = 'mostrador.panel.last';

export function rememberCompany(slug: string): void {
  try {
    window.localStorage.setItem(LAST_KEY, slug);
  } catch {
    // Private mode: nothing to remember.
  }
}

export function PanelHome() {
  const { companies, user } = useSession();
  let last: string | null = null;
  try {
    last = window.localStorage.getItem(LAST_KEY);
  } catch {
    last = null;
  }
  const target = companies.find((c) => c.slug === last) ?? companies[0];
  if (target) return <Navigate to={`/panel/${target.slug}`} replace />;
  if (user?.platformAdmin) return <Navigate to="/panel/admin" replace />;
  return <Navigate to="/panel/nuevo" replace />;
}
