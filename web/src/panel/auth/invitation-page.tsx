// /panel/invitacion#token=… (or ?token=…): what the link invites to, then accept it — with the
// session already open for the invited email, or creating the account (name and password).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { acceptInvitationBody, passwordSchema } from '../../../../src/modules/accounts/accounts.schemas.ts';
import { apiFetch } from '../lib/api.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { useSession } from '../lib/session.tsx';
import { Button, Field, Input, PageSpinner } from '../lib/ui/index.ts';
import { AuthFrame, FormError, linkClass } from './auth-frame.tsx';
import { tokenFromLink } from './link-token.ts';

type Preview = { company: { slug: string; name: string }; email: string; role: 'owner' | 'staff'; expiresAt: string };
type Accepted = { company: { slug: string }; session: { csrfToken: string } | null };

const roleName = (role: string) => (role === 'owner' ? 'dueño' : 'personal');

export function InvitationPage() {
  const location = useLocation();
  const token = tokenFromLink(location) ?? '';
  const { user, status, signedIn, refresh, logout } = useSession();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiFetch<Preview>('/auth/invitations/preview', { body: { token } }),
    enabled: token.length >= 10,
    retry: false,
  });

  if (!token || preview.isError) {
    return (
      <AuthFrame title="Invitación no válida" footer={<Link className={linkClass} to="/panel/ingresar">Ir a ingresar</Link>}>
        <p className="text-slate-700">{preview.isError ? errorsFromApi(preview.error)._ : 'Falta el código de la invitación.'} Pídele a quien te invitó un enlace nuevo.</p>
      </AuthFrame>
    );
  }
  if (!preview.data || status === 'loading') return <PageSpinner />;
  const invite = preview.data;
  const sameUser = user && user.email.toLowerCase() === invite.email.toLowerCase();

  async function accept(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = sameUser ? { token } : { token, name: form.get('name'), password: form.get('password') };
    const checked = validate(acceptInvitationBody, body);
    const errs: FieldErrors = checked.ok ? {} : checked.errors;
    if (!sameUser) {
      if (!String(form.get('name') ?? '').trim()) errs.name = 'Escribe tu nombre.';
      if (!passwordSchema.safeParse(form.get('password')).success) errs.password ??= 'Al menos 8 caracteres.';
    }
    if (!checked.ok || Object.keys(errs).length) return setErrors(errs);
    setErrors({});
    setBusy(true);
    try {
      const accepted = await apiFetch<Accepted>('/auth/invitations/accept', { body: checked.data });
      if (accepted.session) await signedIn(accepted.session.csrfToken);
      else await refresh();
      navigate(`/panel/${accepted.company.slug}`, { replace: true });
    } catch (err) {
      setBusy(false);
      setErrors(errorsFromApi(err));
    }
  }

  return (
    <AuthFrame title={`Te invitaron a ${invite.company.name}`} subtitle={`Vas a atender el negocio como ${roleName(invite.role)} con el correo ${invite.email}.`}>
      {user && !sameUser ? (
        <div className="flex flex-col gap-4">
          <p className="text-sm text-slate-700">
            Ingresaste como <strong>{user.email}</strong>, pero la invitación es para <strong>{invite.email}</strong>. Cierra la sesión para aceptarla con ese correo.
          </p>
          <Button variant="secondary" onClick={() => void logout()}>
            Cerrar sesión
          </Button>
        </div>
      ) : (
        <form noValidate onSubmit={accept} className="flex flex-col gap-4">
          <FormError message={errors._} />
          {sameUser ? null : (
            <>
              <p className="text-sm text-slate-700">Crea tu cuenta para entrar. Si ya tienes una con este correo, <Link className={linkClass} to={`/panel/ingresar?volver=${encodeURIComponent(`/panel/invitacion?token=${token}`)}`}>ingresa primero</Link>.</p>
              <Field label="Correo electrónico">
                <Input value={invite.email} readOnly disabled />
              </Field>
              <Field label="Tu nombre" error={errors.name}>
                <Input name="name" autoComplete="name" required autoFocus />
              </Field>
              <Field label="Elige una contraseña" error={errors.password} hint="Al menos 8 caracteres.">
                <Input name="password" type="password" autoComplete="new-password" required />
              </Field>
            </>
          )}
          <Button type="submit" busy={busy} className="w-full">
            Aceptar la invitación
          </Button>
        </form>
      )}
    </AuthFrame>
  );
}
