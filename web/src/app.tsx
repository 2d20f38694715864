// Path switch without a router library: the simulator lives at /simulador and is also the
// default page until the staff panel arrives.
import { SimulatorPage } from './simulator/simulator-page.tsx';

function currentPath(): string {
  return window.location.pathname.replace(/\/+$/, '') || '/';
}

export function App() {
  const path = currentPath();
  if (path === '/' || path === '/simulador') return <SimulatorPage />;
  return (
    <main className="grid min-h-dvh place-items-center bg-slate-100 p-8 text-center">
      <div>
        <h1 className="text-2xl font-semibold text-slate-800">Página no encontrada</h1>
        <p className="mt-2 text-slate-600">
          <a className="text-wa-green underline" href="/simulador">
            Ir al simulador
          </a>
        </p>
      </div>
    </main>
  );
}
