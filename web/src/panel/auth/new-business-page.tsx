// A signed-in person without a business (or adding another one) creates it here.
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { onboardingSchema } from '../../../../src/modules/companies/companies.schemas.ts';
import { apiFetch } from '../lib/api.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { useSession } from '../lib/session.tsx';
import { Button } from '../lib/ui/index.ts';
import { AuthFrame, FormError, linkClass } from './auth-frame.tsx';
import { BusinessFields, businessBody, businessErrors } from './business-fields.tsx';

export function NewBusinessPage() {
  const { refresh, companies, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const carried = (location.state as { error?: string } | null)?.error;
  const [errors, setErrors] = useState<FieldErrors>(carried ? { _: carried } : {});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = businessBody(new FormData(e.currentTarget));
    const checked = validate(onboardingSchema, body);
    if (!checked.ok) return setErrors(businessErrors(checked.errors));
    setErrors({});
    setBusy(true);
    try {
      const created = await apiFetch<{ company: { slug: string } }>('/api/companies', { body });
      await refresh();
      navigate(`/panel/${created.company.slug}/inicio`, { replace: true });
    } catch (err) {
      setBusy(false);
      const apiErrors = errorsFromApi(err);
      setErrors({ ...businessErrors(apiErrors), _: apiErrors._ ?? '' });
    }
  }

  return (
    <AuthFrame
      title={companies.length ? 'Agregar otro negocio' : 'Crea tu negocio'}
      subtitle="Cuéntanos cómo se llama y qué vende; después configuramos WhatsApp juntos."
      footer={
        <button type="button" className={linkClass} onClick={() => void logout().then(() => navigate('/panel/ingresar'))}>
          Cerrar sesión
        </button>
      }
    >
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <FormError message={errors._} />
        <BusinessFields errors={errors} />
        <Button type="submit" busy={busy} className="mt-2 w-full">
          Crear negocio
        </Button>
      </form>
    </AuthFrame>
  );
}
