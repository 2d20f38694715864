import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { apiRoute, type ApiAuth } from '../../platform/http/api-route.ts';
import { httpMessages } from '../../platform/http/http.messages.ts';
import { SESSION_COOKIE } from './api-access.ts';
import type { ApiKeysService } from './api-keys.ts';
import type { AuthService, IssuedSession } from './auth.service.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import * as s from './accounts.schemas.ts';
import type { TeamService } from './team.service.ts';

type Deps = { auth: AuthService; team: TeamService; apiKeys: ApiKeysService; production: boolean };

/** A person signed in (not the platform token). */
export function personOf(auth: ApiAuth | null): Extract<ApiAuth, { kind: 'user' }> {
  if (auth?.kind !== 'user') throw new AppError('FORBIDDEN', httpMessages.userOnly);
  return auth;
}

// Auth bodies are small: a 16 kB cap keeps floods of huge JSON away from argon2 and the parser.
const SMALL = '16kb';

/** Accounts API: sign-up and sign-in, passwords, the team (members, invitations), API keys. */
export function createAccountsRouter(deps: Deps): Router {
  const router = Router();
  registerAuthRoutes(router, deps);
  registerTeamRoutes(router, deps);
  registerApiKeyRoutes(router, deps);
  return router;
}

function setSessionCookie(res: Response, session: IssuedSession, production: boolean) {
  // httpOnly: page scripts never read it; Lax: not sent on cross-site POSTs; Secure in production.
  res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure: production, path: '/', expires: session.expiresAt });
}

const userAgent = (req: Request) => req.header('user-agent') ?? null;

function registerAuthRoutes(router: Router, deps: Deps) {
  const tag = 'Cuenta';
  apiRoute(
    router,
    { method: 'post', path: '/auth/register', tag, summary: 'Crear una cuenta (queda con la sesión iniciada)', description: '429 with Retry-After after 10 sign-ups from one IP address within an hour.', access: 'public', body: s.registerBody, bodyLimit: SMALL, response: s.sessionSchema, status: 201 },
    async ({ req, res, body }) => {
      const { user, session } = await deps.auth.register(body, { ip: req.ip ?? 'unknown', userAgent: userAgent(req) });
      setSessionCookie(res, session, deps.production);
      return { user, ...session };
    },
  );
  apiRoute(
    router,
    {
      method: 'post', path: '/auth/login', tag, access: 'public', body: s.loginBody, bodyLimit: SMALL, response: s.sessionSchema,
      summary: 'Iniciar sesión: cookie httpOnly para el panel y token Bearer para clientes de la API',
      description: 'Same 401 for an unknown email and a wrong password. 429 after too many failures per IP or per account within 15 minutes.',
    },
    async ({ req, res, body }) => {
      const { user, session } = await deps.auth.login(body, { ip: req.ip ?? 'unknown', userAgent: userAgent(req) });
      setSessionCookie(res, session, deps.production);
      return { user, ...session };
    },
  );
  apiRoute(router, { method: 'post', path: '/auth/logout', tag, summary: 'Cerrar esta sesión', access: 'user', status: 204 }, async ({ auth, res }) => {
    await deps.auth.logout(personOf(auth).sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return undefined;
  });
  apiRoute(router, { method: 'get', path: '/auth/me', tag, summary: 'Quién soy: usuario y negocios con su rol', access: 'user', response: s.meSchema }, async ({ auth, req }) => {
    const person = personOf(auth);
    const me = await deps.auth.me(person.userId);
    // Cookie sessions learn their CSRF token here again after a page reload.
    const found = person.via === 'cookie' ? await req.apiAccess!.authenticate(req) : null;
    return { ...me, csrfToken: found?.csrfToken ?? null };
  });
  apiRoute(
    router,
    { method: 'post', path: '/auth/password', tag, summary: 'Cambiar la contraseña (cierra las demás sesiones)', access: 'user', body: s.changePasswordBody, bodyLimit: SMALL, status: 204 },
    async ({ auth, body }) => {
      const person = personOf(auth);
      await deps.auth.changePassword(person.userId, person.sessionId, body.currentPassword, body.newPassword);
      return undefined;
    },
  );
  apiRoute(
    router,
    { method: 'post', path: '/auth/password-reset', tag, summary: 'Pedir un enlace para restablecer la contraseña (misma respuesta exista o no la cuenta)', description: '429 with Retry-After after 5 requests for one email or 20 from one IP address within an hour.', access: 'public', body: s.resetRequestBody, bodyLimit: SMALL, response: s.messageSchema, status: 202 },
    async ({ req, body }) => {
      await deps.auth.requestReset(body.email, { ip: req.ip ?? 'unknown' });
      return { message: m.resetRequested };
    },
  );
  apiRoute(
    router,
    { method: 'post', path: '/auth/password-reset/confirm', tag, summary: 'Elegir una contraseña nueva con el enlace (una vez, 30 minutos); cierra todas las sesiones', access: 'public', body: s.resetConfirmBody, bodyLimit: SMALL, status: 204 },
    async ({ body }) => {
      await deps.auth.confirmReset(body.token, body.password);
      return undefined;
    },
  );
  apiRoute(
    router,
    { method: 'post', path: '/auth/invitations/preview', tag, summary: 'A qué negocio invita un enlace', access: 'public', body: s.invitationTokenBody, bodyLimit: SMALL, response: s.invitationPreviewSchema },
    async ({ body }) => deps.team.preview(body.token),
  );
  apiRoute(
    router,
    {
      method: 'post', path: '/auth/invitations/accept', tag, access: 'public', body: s.acceptInvitationBody, bodyLimit: SMALL, response: s.acceptedSchema,
      summary: 'Aceptar una invitación: con la sesión del correo invitado, o creando la cuenta (name, password)',
    },
    async ({ req, res, auth, body }) => {
      const who = auth?.kind === 'user' ? { userId: auth.userId } : body.name && body.password ? { name: body.name, password: body.password } : null;
      const accepted = await deps.team.accept(body.token, who, userAgent(req));
      if (accepted.session) setSessionCookie(res, accepted.session, deps.production);
      return { ...accepted, session: accepted.session ?? null };
    },
  );
}

function registerTeamRoutes(router: Router, deps: Deps) {
  const tag = 'Equipo';
  apiRoute(router, { method: 'get', path: '/api/companies/:slug/members', tag, summary: 'Miembros del negocio y su rol', access: 'owner', params: s.slugParams, response: z.object({ members: z.array(s.memberSchema) }) }, async ({ company }) => ({
    members: await deps.team.members(company.id),
  }));
  apiRoute(
    router,
    { method: 'delete', path: '/api/companies/:slug/members/:userId', tag, summary: 'Quitar a un miembro (nunca al último dueño: 409)', access: 'owner', params: s.memberParams, status: 204 },
    async ({ company, params }) => {
      await deps.team.removeMember(company.id, params.userId);
      return undefined;
    },
  );
  apiRoute(router, { method: 'get', path: '/api/companies/:slug/invitations', tag, summary: 'Invitaciones pendientes', access: 'owner', params: s.slugParams, response: z.object({ invitations: z.array(s.invitationSchema) }) }, async ({ company }) => ({
    invitations: await deps.team.invitations(company.id),
  }));
  apiRoute(
    router,
    {
      method: 'post', path: '/api/companies/:slug/invitations', tag, access: 'owner', params: s.slugParams, body: s.inviteBody, bodyLimit: SMALL, status: 201,
      summary: 'Invitar por enlace (se muestra una vez; también por correo si hay SMTP). 402 PLAN_LIMIT sin asientos de personal',
      response: z.object({ invitation: s.invitationSchema, link: z.string(), token: z.string() }),
    },
    async ({ company, body, auth }) => {
      const inviter = auth.kind === 'user' ? { id: auth.userId, name: (await deps.auth.me(auth.userId)).user.name } : null;
      return deps.team.invite({ id: company.id, name: company.name }, body, inviter);
    },
  );
  apiRoute(router, { method: 'delete', path: '/api/companies/:slug/invitations/:id', tag, summary: 'Revocar una invitación', access: 'owner', params: s.idParams, status: 204 }, async ({ company, params }) => {
    await deps.team.revokeInvitation(company.id, params.id);
    return undefined;
  });
}

function registerApiKeyRoutes(router: Router, deps: Deps) {
  const tag = 'Claves de API';
  apiRoute(router, { method: 'get', path: '/api/companies/:slug/api-keys', tag, summary: 'Claves de API del negocio (nunca la clave misma)', access: 'owner', params: s.slugParams, response: z.object({ apiKeys: z.array(s.apiKeySchema) }) }, async ({ company }) => ({
    apiKeys: await deps.apiKeys.list(company.id),
  }));
  apiRoute(
    router,
    { method: 'post', path: '/api/companies/:slug/api-keys', tag, summary: 'Crear una clave de API (se muestra una sola vez)', access: 'owner', params: s.slugParams, body: s.apiKeyBody, bodyLimit: SMALL, status: 201, response: z.object({ apiKey: s.apiKeySchema, key: z.string() }) },
    async ({ company, body, auth }) => deps.apiKeys.create(company.id, body.name, auth.kind === 'user' ? auth.userId : null),
  );
  apiRoute(router, { method: 'delete', path: '/api/companies/:slug/api-keys/:id', tag, summary: 'Revocar una clave de API (deja de funcionar al instante)', access: 'owner', params: s.idParams, status: 204 }, async ({ company, params }) => {
    await deps.apiKeys.revoke(company.id, params.id);
    return undefined;
  });
  apiRoute(
    router,
    {
      method: 'post', path: '/api/companies/:slug/api-key/rotate', tag, access: 'member', params: s.slugParams,
      summary: 'Reemplazar todas las claves por una nueva (el dueño, el operador, o la propia clave si se filtró); se muestra una vez',
      response: z.object({ company: z.object({ id: z.uuid(), slug: z.string() }), apiKey: z.string() }),
    },
    async ({ company }) => {
      if (company.role === 'staff') throw new AppError('FORBIDDEN', httpMessages.ownerOnly);
      return { company: { id: company.id, slug: company.slug }, apiKey: await deps.apiKeys.rotate(company.id) };
    },
  );
}
