// Path switch: /panel/* is the shop's panel (its own router, loaded on demand); the simulator
// lives at /simulador and stays the default page.
import { lazy, Suspense } from 'react';
import { SimulatorPage } from './simulator/simulator-page.tsx';

const PanelApp = lazy(() => import('./panel/panel-app.tsx'));

function currentPath(): string {
  return window.location.pathname.replace(/\/+$/, '') || '/';
}

export function App() {
  const path = currentPath();
  if (path === '/' || path === '/simulador') return <SimulatorPage />;
  if (path === '/panel' || path.startsWith('/panel/')) {
    return (
      <Suspense fallback={<div className="min-h-dvh bg-slate-50" aria-busy="true" />}>
        <PanelApp />
      </Suspense>
    );
  }
  return (
    <main className="grid min-h-dvh place-items-center bg-slate-100 p-8 text-center">
      <div>
        <h1 className="text-2xl font-semibold text-slate-800">Página no encontrada</h1>
        <p className="mt-2 text-slate-600">
          <a className="text-wa-green underline" href="/simulador">
            Ir al simulador
          </a>
          {' · '}
          <a className="text-wa-green underline" href="/panel">
            Ir al panel
          </a>
        </p>
      </div>
    </main>
  );
}
