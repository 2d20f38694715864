import { Link, useParams } from 'react-router';
import { buttonClass } from '../lib/ui/button.tsx';
import { PageHeader } from '../lib/ui/page-header.tsx';

/** Something inside a company that does not exist (or belongs to another company: same answer). */
export function NotFound({ what = 'Lo que buscas no existe o ya no está disponible.' }: { what?: string }) {
  const { slug } = useParams();
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <PageHeader title="No encontrado" centered />
      <p className="text-slate-600">{what}</p>
      <Link className={buttonClass('primary', 'md', 'mt-6')} to={slug ? `/panel/${slug}` : '/panel'}>
        Volver al inicio
      </Link>
    </div>
  );
}

/** Owner-only pages seen by staff. */
export function NoPermission() {
  const { slug } = useParams();
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <PageHeader title="No tienes permiso" centered />
      <p className="text-slate-600">Esta sección es solo para los dueños del negocio. Si necesitas cambiar algo, pídeselo a un dueño.</p>
      <Link className={buttonClass('primary', 'md', 'mt-6')} to={slug ? `/panel/${slug}` : '/panel'}>
        Volver al inicio
      </Link>
    </div>
  );
}

/** Pages another part of the panel will fill (kept so every URL already answers). */
export function ComingSoon({ title }: { title: string }) {
  return (
    <div>
      <PageHeader title={title} />
      <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">Esta sección estará lista muy pronto.</p>
    </div>
  );
}
