// The frame of every company page. Phone: a top bar (business, switcher) and a bottom nav with
// the four daily sections plus "Más". Desktop (lg): a fixed sidebar. The content area keeps its
// size when live counters change, so nothing jumps.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useCompanyDetails } from '../lib/company.ts';
import { isOwnerRole, useOptionalCompany, useSession } from '../lib/session.tsx';
import { Modal } from '../lib/ui/modal.tsx';
import { navItems, type NavItem } from './nav-items.tsx';
import { LogoutIcon, MenuIcon, PlusIcon, ShieldIcon } from './icons.tsx';
import { NotFound } from './status-pages.tsx';
import { rememberCompany } from '../auth/panel-home.tsx';
import { LiveUpdates } from '../live/live-updates.tsx';

export function CompanyLayout() {
  const company = useOptionalCompany();
  const { slug = '' } = useParams();
  const [moreOpen, setMoreOpen] = useState(false);
  const known = company !== null;
  // Name and status as of now (a suspension shows without signing in again; an operator sees the real name).
  const details = useCompanyDetails(known ? slug : '').data;
  useEffect(() => {
    if (known) rememberCompany(slug);
  }, [known, slug]);
  if (!company) {
    return (
      <PanelFrame>
        <main className="px-4 py-6">
          <NotFound what="Este negocio no existe o no formas parte de él." />
        </main>
      </PanelFrame>
    );
  }
  const name = details?.name ?? company.name;
  const suspended = (details?.status ?? company.status) === 'suspended';
  const items = navItems.filter((i) => !i.ownerOnly || isOwnerRole(company.role));
  const primary = items.filter((i) => i.primary);
  const more = items.filter((i) => !i.primary);

  return (
    <div className="min-h-dvh bg-slate-50 lg:grid lg:grid-cols-[16rem_1fr]">
      <LiveUpdates slug={slug} />
      <a href="#contenido" className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Saltar al contenido
      </a>
      {/* Desktop sidebar */}
      <aside className="sticky top-0 hidden h-dvh flex-col border-r border-slate-200 bg-white lg:flex" aria-label="Menú del negocio">
        <div className="border-b border-slate-200 px-4 py-4">
          <Brand />
          <div className="mt-3">
            <CompanySwitcher current={name} slug={slug} />
          </div>
        </div>
        <nav className="flex-1 overflow-y-auto px-2 py-3" aria-label="Secciones">
          <ul className="flex flex-col gap-0.5">
            {items.map((item) => (
              <li key={item.to}>
                <SideLink slug={slug} item={item} />
              </li>
            ))}
          </ul>
        </nav>
        <UserBox />
      </aside>

      <div className="flex min-h-dvh min-w-0 flex-col">
        {/* Phone top bar */}
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 bg-wa-green px-3 text-white shadow lg:hidden">
          <Brand compact />
          <div className="min-w-0 flex-1">
            <CompanySwitcher current={name} slug={slug} dark />
          </div>
        </header>
        {suspended ? <SuspendedBanner /> : null}
        <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 pt-5 pb-24 lg:px-8 lg:pb-10">
          <Outlet />
        </main>
      </div>

      {/* Phone bottom nav */}
      <nav className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] lg:hidden" aria-label="Secciones">
        <ul className="grid grid-cols-5">
          {primary.map((item) => (
            <li key={item.to}>
              <BottomLink slug={slug} item={item} />
            </li>
          ))}
          <li>
            <button
              type="button"
              onClick={() => setMoreOpen(true)}
              className="flex h-16 w-full flex-col items-center justify-center gap-0.5 text-xs text-slate-600 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-wa-green"
            >
              <MenuIcon />
              Más
            </button>
          </li>
        </ul>
      </nav>
      <Modal open={moreOpen} title="Más opciones" onClose={() => setMoreOpen(false)}>
        <ul className="flex flex-col gap-1" onClick={() => setMoreOpen(false)}>
          {more.map((item) => (
            <li key={item.to}>
              <SideLink slug={slug} item={item} />
            </li>
          ))}
        </ul>
        <div className="mt-3 border-t border-slate-200 pt-3">
          <UserBox inline />
        </div>
      </Modal>
    </div>
  );
}

const itemPath = (slug: string, item: NavItem) => `/panel/${slug}${item.to ? `/${item.to}` : ''}`;

function SideLink({ slug, item }: { slug: string; item: NavItem }) {
  const Icon = item.icon;
  const Badge = item.badge;
  return (
    <NavLink
      to={itemPath(slug, item)}
      end={item.to === ''}
      className={({ isActive }) =>
        `flex min-h-11 items-center gap-3 rounded-lg px-3 text-[15px] focus-visible:outline-2 focus-visible:outline-wa-green ${
          isActive ? 'bg-emerald-50 font-semibold text-wa-green-dark' : 'text-slate-700 hover:bg-slate-100'
        }`
      }
    >
      <Icon className="h-5 w-5" />
      <span className="flex-1">{item.label}</span>
      {Badge ? <Badge slug={slug} /> : null}
    </NavLink>
  );
}

function BottomLink({ slug, item }: { slug: string; item: NavItem }) {
  const Icon = item.icon;
  const Badge = item.badge;
  return (
    <NavLink
      to={itemPath(slug, item)}
      end={item.to === ''}
      className={({ isActive }) =>
        `relative flex h-16 flex-col items-center justify-center gap-0.5 text-xs focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-wa-green ${
          isActive ? 'font-semibold text-wa-green-dark' : 'text-slate-600'
        }`
      }
    >
      <span className="relative">
        <Icon />
        {Badge ? (
          <span className="absolute -top-1.5 left-4">
            <Badge slug={slug} />
          </span>
        ) : null}
      </span>
      {item.short}
    </NavLink>
  );
}

function Brand({ compact }: { compact?: boolean }) {
  return (
    <Link to="/panel" className="flex items-center gap-2 rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-current" aria-label="Mostrador, inicio">
      <span aria-hidden="true" className={`grid h-8 w-8 place-items-center rounded-full ${compact ? 'bg-white/15' : 'bg-wa-accent'}`}>
        <svg viewBox="0 0 32 32" className="h-5 w-5">
          <path d="M8 10h16v10h-9l-5 4v-4H8z" fill="white" />
        </svg>
      </span>
      {compact ? null : <span className="text-lg font-semibold text-slate-900">Mostrador</span>}
    </Link>
  );
}

/** The business name; a select when the person works in several businesses. */
function CompanySwitcher({ current, slug, dark }: { current: string; slug: string; dark?: boolean }) {
  const { companies } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  if (companies.length < 2) {
    return <p className={`truncate text-[15px] font-semibold ${dark ? 'text-white' : 'text-slate-800'}`}>{current}</p>;
  }
  // Keep the section (pedidos, catálogo…) but not a row that belongs to the other business.
  const section = location.pathname.split('/')[3] ?? '';
  return (
    <label className="block">
      <span className="sr-only">Cambiar de negocio</span>
      <select
        value={slug}
        onChange={(e) => navigate(`/panel/${e.target.value}${section ? `/${section}` : ''}`)}
        className={`w-full truncate rounded-lg px-2 py-1.5 text-[15px] font-semibold focus-visible:outline-2 focus-visible:outline-offset-1 ${
          dark ? 'bg-white/15 text-white focus-visible:outline-white [&>option]:text-slate-900' : 'border border-slate-300 bg-white text-slate-800 focus-visible:outline-wa-green'
        }`}
      >
        {companies.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserBox({ inline }: { inline?: boolean }) {
  const { user, logout } = useSession();
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <div className={inline ? 'flex flex-col gap-1' : 'border-t border-slate-200 px-3 py-3'}>
      <p className="truncate px-1 text-sm font-medium text-slate-800">{user.name}</p>
      <p className="truncate px-1 text-xs text-slate-600">{user.email}</p>
      <Link to="/panel/nuevo" className="mt-1 flex min-h-10 items-center gap-2 rounded-lg px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-wa-green">
        <PlusIcon className="h-5 w-5" /> Agregar otro negocio
      </Link>
      {user.platformAdmin ? (
        <Link to="/panel/admin" className="mt-1 flex min-h-10 items-center gap-2 rounded-lg px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-wa-green">
          <ShieldIcon className="h-5 w-5" /> Administración
        </Link>
      ) : null}
      <button
        type="button"
        onClick={async () => {
          await logout();
          navigate('/panel/ingresar', { replace: true });
        }}
        className="flex min-h-10 items-center gap-2 rounded-lg px-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-wa-green"
      >
        <LogoutIcon className="h-5 w-5" /> Cerrar sesión
      </button>
    </div>
  );
}

function SuspendedBanner() {
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <strong>Este negocio está suspendido.</strong> El bot no responde a los clientes mientras tanto. Escríbenos a soporte para reactivarlo.
    </div>
  );
}

/** Pages outside a company (sign-in, admin): a centred column on a soft background. */
export function PanelFrame({ children }: { children: ReactNode }) {
  return <div className="min-h-dvh bg-slate-50">{children}</div>;
}
