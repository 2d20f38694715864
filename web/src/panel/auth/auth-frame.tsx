import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';

/** Sign-in, registration and the other doors: a card centred on the brand's green band. */
export function AuthFrame({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Mostrador`;
  }, [title]);
  return (
    <div className="min-h-dvh bg-slate-100">
      <div className="h-40 bg-wa-green sm:h-56" aria-hidden="true" />
      <main className="mx-auto -mt-32 w-full max-w-md px-4 pb-10 sm:-mt-44">
        <Link to="/panel" className="mb-5 flex items-center justify-center gap-2 text-white focus-visible:outline-2 focus-visible:outline-white">
          <span aria-hidden="true" className="grid h-9 w-9 place-items-center rounded-full bg-wa-accent">
            <svg viewBox="0 0 32 32" className="h-5 w-5">
              <path d="M8 10h16v10h-9l-5 4v-4H8z" fill="white" />
            </svg>
          </span>
          <span className="text-xl font-semibold">Mostrador</span>
        </Link>
        <div className="rounded-2xl bg-white p-6 shadow-lg sm:p-8">
          <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
          {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
          <div className="mt-6">{children}</div>
        </div>
        {footer ? <div className="mt-5 text-center text-sm text-slate-700">{footer}</div> : null}
      </main>
    </div>
  );
}

export function FormError({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

export const linkClass = 'font-medium text-wa-green-dark underline underline-offset-2 hover:text-wa-green focus-visible:outline-2 focus-visible:outline-wa-green';
