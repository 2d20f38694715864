// Registration: the person's account and their business in one form. If the account is created
// but the business is refused (a duplicate name…), a second try only creates the business.
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { registerBody } from '../../../../src/modules/accounts/accounts.schemas.ts';
import { onboardingSchema } from '../../../../src/modules/companies/companies.schemas.ts';
import { apiFetch, ApiError } from '../lib/api.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { useSession } from '../lib/session.tsx';
import { Button, Field, Input } from '../lib/ui/index.ts';
import { AuthFrame, FormError, linkClass } from './auth-frame.tsx';
import { BusinessFields, businessBody, businessErrors } from './business-fields.tsx';

type CreatedCompany = { company: { slug: string } };

export function RegisterPage() {
  const { status, user, signedIn, refresh } = useSession();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  if (status === 'signed-in' && !busy && user) return <Navigate to="/panel/nuevo" replace />;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const account = validate(registerBody, { name: form.get('name'), email: form.get('email'), password: form.get('password') });
    const business = validate(onboardingSchema, businessBody(form));
    const fieldErrors: FieldErrors = { ...(account.ok ? {} : account.errors), ...(business.ok ? {} : businessErrors(business.errors)) };
    if (form.get('password') !== form.get('password2')) fieldErrors.password2 = 'Las contraseñas no coinciden.';
    if (!account.ok || !business.ok || fieldErrors.password2) return setErrors(fieldErrors);
    setErrors({});
    setBusy(true);
    try {
      const session = await apiFetch<{ csrfToken: string }>('/auth/register', { body: account.data });
      await signedIn(session.csrfToken);
    } catch (err) {
      setBusy(false);
      return setErrors(err instanceof ApiError && err.status === 409 ? { email: 'Ya hay una cuenta con este correo. Ingresa con ella o restablece la contraseña.' } : errorsFromApi(err));
    }
    try {
      const created = await apiFetch<CreatedCompany>('/api/companies', { body: businessBody(form) });
      await refresh();
      navigate(`/panel/${created.company.slug}/inicio`, { replace: true });
    } catch (err) {
      // The account exists and is signed in: finish with the business on its own page.
      navigate('/panel/nuevo', { replace: true, state: { error: errorsFromApi(err)._ } });
    }
  }

  return (
    <AuthFrame
      title="Crea tu negocio"
      subtitle="En unos minutos tu bot de WhatsApp va a estar tomando pedidos."
      footer={
        <>
          ¿Ya tienes cuenta?{' '}
          <Link className={linkClass} to="/panel/ingresar">
            Ingresa
          </Link>
        </>
      }
    >
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <FormError message={errors._} />
        <fieldset className="flex flex-col gap-4">
          <legend className="mb-2 text-sm font-semibold text-slate-500 uppercase">Tus datos</legend>
          <Field label="Tu nombre" error={errors.name}>
            <Input name="name" autoComplete="name" required autoFocus />
          </Field>
          <Field label="Correo electrónico" error={errors.email}>
            <Input name="email" type="email" autoComplete="email" inputMode="email" required />
          </Field>
          <Field label="Contraseña" error={errors.password} hint="Al menos 8 caracteres.">
            <Input name="password" type="password" autoComplete="new-password" required />
          </Field>
          <Field label="Repite la contraseña" error={errors.password2}>
            <Input name="password2" type="password" autoComplete="new-password" required />
          </Field>
        </fieldset>
        <fieldset className="mt-2 flex flex-col gap-4">
          <legend className="mb-2 text-sm font-semibold text-slate-500 uppercase">Tu negocio</legend>
          <BusinessFields errors={errors} />
        </fieldset>
        <Button type="submit" busy={busy} className="mt-2 w-full">
          Crear cuenta y negocio
        </Button>
      </form>
    </AuthFrame>
  );
}
