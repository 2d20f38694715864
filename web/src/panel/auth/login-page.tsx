import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { loginBody } from '../../../../src/modules/accounts/accounts.schemas.ts';
import { apiFetch, ApiError } from '../lib/api.ts';
import { validate, type FieldErrors } from '../lib/forms.ts';
import { safeReturnPath, useSession } from '../lib/session.tsx';
import { Button, Field, Input } from '../lib/ui/index.ts';
import { AuthFrame, FormError, linkClass } from './auth-frame.tsx';

type Session = { csrfToken: string };

export function LoginPage() {
  const { status, signedIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const back = safeReturnPath(params.get('volver'));

  if (status === 'signed-in' && !busy) return <Navigate to={back ?? '/panel'} replace />;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const checked = validate(loginBody, { email: form.get('email'), password: form.get('password') });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const session = await apiFetch<Session>('/auth/login', { body: checked.data });
      await signedIn(session.csrfToken);
      navigate(back ?? '/panel', { replace: true });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 401) setErrors({ _: 'El correo o la contraseña no coinciden. Revísalos e intenta de nuevo.' });
      else setErrors({ _: err instanceof ApiError ? err.message : 'No pudimos iniciar sesión. Intenta de nuevo.' });
    }
  }

  return (
    <AuthFrame
      title="Ingresar"
      subtitle={params.get('volver') ? 'Tu sesión terminó. Ingresa de nuevo para seguir donde estabas.' : 'Entra al panel de tu negocio.'}
      footer={
        <>
          ¿Todavía no tienes cuenta?{' '}
          <Link className={linkClass} to="/panel/registro">
            Crea tu negocio gratis
          </Link>
        </>
      }
    >
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <FormError message={errors._} />
        <Field label="Correo electrónico" error={errors.email}>
          <Input name="email" type="email" autoComplete="email" inputMode="email" required autoFocus />
        </Field>
        <Field label="Contraseña" error={errors.password}>
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" busy={busy} className="mt-1 w-full">
          Ingresar
        </Button>
        <Link className={`${linkClass} self-center text-sm`} to="/panel/restablecer">
          ¿Olvidaste tu contraseña?
        </Link>
      </form>
    </AuthFrame>
  );
}
