// Every URL of the panel. The orders board, inbox and dashboard (P2) and the assistant (AI)
// replace their placeholder lines below with their lazily loaded pages.
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { InvitationPage } from './auth/invitation-page.tsx';
import { LoginPage } from './auth/login-page.tsx';
import { NewBusinessPage } from './auth/new-business-page.tsx';
import { PanelHome } from './auth/panel-home.tsx';
import { RegisterPage } from './auth/register-page.tsx';
import { ResetPage } from './auth/reset-page.tsx';
import { CompanyLayout } from './layout/company-layout.tsx';
import { NotFound } from './layout/status-pages.tsx';
import { RequireAuth, RequireRole } from './lib/session.tsx';
import { PageSpinner } from './lib/ui/spinner.tsx';

import './orders/board-prefetch.ts';

const OrdersBoardPage = lazy(() => import('./orders/orders-board-page.tsx').then((m) => ({ default: m.OrdersBoardPage })));
const OrderDetailPage = lazy(() => import('./orders/order-detail-page.tsx').then((m) => ({ default: m.OrderDetailPage })));
const InboxPage = lazy(() => import('./inbox/inbox-page.tsx').then((m) => ({ default: m.InboxPage })));
const DashboardPage = lazy(() => import('./dashboard/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })));
const CatalogPage = lazy(() => import('./catalog/catalog-page.tsx'));
const OnboardingPage = lazy(() => import('./onboarding/onboarding-page.tsx'));
const SettingsPage = lazy(() => import('./settings/settings-page.tsx'));
const AdminPage = lazy(() => import('./admin/admin-page.tsx'));
const AgentPage = lazy(() => import('./agent/agent-page.tsx'));

/** A lazily loaded page, with a spinner of the page's height while its code arrives. */
const page = (node: ReactNode) => <Suspense fallback={<PageSpinner />}>{node}</Suspense>;

export function PanelRoutes() {
  return (
    <Routes>
      <Route path="/panel" element={<RequireAuth><PanelHome /></RequireAuth>} />
      <Route path="/panel/ingresar" element={<LoginPage />} />
      <Route path="/panel/registro" element={<RegisterPage />} />
      <Route path="/panel/restablecer" element={<ResetPage />} />
      <Route path="/panel/invitacion" element={<InvitationPage />} />
      <Route path="/panel/nuevo" element={<RequireAuth><NewBusinessPage /></RequireAuth>} />
      <Route path="/panel/admin" element={<RequireAuth>{page(<AdminPage />)}</RequireAuth>} />
      <Route path="/panel/:slug" element={<RequireAuth><CompanyLayout /></RequireAuth>}>
        <Route index element={page(<DashboardPage />)} />
        <Route path="pedidos" element={page(<OrdersBoardPage />)} />
        <Route path="pedidos/:code" element={page(<OrderDetailPage />)} />
        <Route path="conversaciones" element={page(<InboxPage />)} />
        <Route path="conversaciones/:waId" element={page(<InboxPage />)} />
        <Route path="asistente" element={<RequireRole role="owner">{page(<AgentPage />)}</RequireRole>} />
        <Route path="catalogo" element={page(<CatalogPage />)} />
        <Route path="inicio" element={<RequireRole role="owner">{page(<OnboardingPage />)}</RequireRole>} />
        <Route path="ajustes/*" element={<RequireRole role="owner">{page(<SettingsPage />)}</RequireRole>} />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="*" element={<main className="px-4 py-10"><NotFound /></main>} />
    </Routes>
  );
}
