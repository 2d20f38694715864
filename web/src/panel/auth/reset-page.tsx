// /panel/restablecer: ask for a link by email; with the link's token, choose a new password.
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { resetConfirmBody, resetRequestBody } from '../../../../src/modules/accounts/accounts.schemas.ts';
import { apiFetch } from '../lib/api.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { Button, ButtonLink, Field, Input } from '../lib/ui/index.ts';
import { AuthFrame, FormError, linkClass } from './auth-frame.tsx';
import { tokenFromLink } from './link-token.ts';

export function ResetPage() {
  const location = useLocation();
  const token = tokenFromLink(location);
  return token ? <ChoosePassword token={token} /> : <RequestLink />;
}

function RequestLink() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = validate(resetRequestBody, { email: new FormData(e.currentTarget).get('email') });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const answer = await apiFetch<{ message: string }>('/auth/password-reset', { body: checked.data });
      setSent(answer.message);
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame
      title="Restablecer la contraseña"
      subtitle="Te enviamos un enlace por correo para elegir una contraseña nueva."
      footer={
        <Link className={linkClass} to="/panel/ingresar">
          Volver a ingresar
        </Link>
      }
    >
      {sent ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {sent} Revisa también la carpeta de spam. El enlace vence en 30 minutos.
        </p>
      ) : (
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <FormError message={errors._} />
          <Field label="Correo electrónico" error={errors.email}>
            <Input name="email" type="email" autoComplete="email" inputMode="email" required autoFocus />
          </Field>
          <Button type="submit" busy={busy} className="w-full">
            Enviarme el enlace
          </Button>
        </form>
      )}
    </AuthFrame>
  );
}

function ChoosePassword({ token }: { token: string }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const checked = validate(resetConfirmBody, { token, password: form.get('password') });
    if (!checked.ok) return setErrors(checked.errors.token ? { _: 'Este enlace no es válido. Pide uno nuevo.' } : checked.errors);
    if (form.get('password') !== form.get('password2')) return setErrors({ password2: 'Las contraseñas no coinciden.' });
    setErrors({});
    setBusy(true);
    try {
      await apiFetch('/auth/password-reset/confirm', { body: checked.data });
      setDone(true);
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title="Elige una contraseña nueva">
      {done ? (
        <div className="flex flex-col gap-4">
          <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            Listo, tu contraseña cambió. Por seguridad cerramos las demás sesiones.
          </p>
          <ButtonLink to="/panel/ingresar" className="w-full">
            Ingresar
          </ButtonLink>
        </div>
      ) : (
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <FormError message={errors._} />
          <Field label="Contraseña nueva" error={errors.password} hint="Al menos 8 caracteres.">
            <Input name="password" type="password" autoComplete="new-password" required autoFocus />
          </Field>
          <Field label="Repite la contraseña" error={errors.password2}>
            <Input name="password2" type="password" autoComplete="new-password" required />
          </Field>
          <Button type="submit" busy={busy} className="w-full">
            Guardar contraseña
          </Button>
          <Link className={`${linkClass} self-center text-sm`} to="/panel/restablecer">
            Pedir un enlace nuevo
          </Link>
        </form>
      )}
    </AuthFrame>
  );
}
