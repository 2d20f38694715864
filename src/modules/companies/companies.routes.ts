import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { apiRoute, isPlatformAdmin } from '../../platform/http/api-route.ts';
import { companiesErrors } from './companies.errors.ts';
import type { CompaniesService, ResolvedChannel } from './companies.service.ts';
import { publicCompany } from './companies.service.ts';
import {
  channelInputSchema,
  channelStatusSchema,
  onboardingSchema,
  PLATFORM_ONLY_CREATE,
  PLATFORM_ONLY_UPDATE,
  publicCompanySchema,
  SLUG,
  updateCompanySchema,
} from './companies.schemas.ts';

type Deps = {
  companies: CompaniesService;
  /** The provider's check of a number's credentials (Graph API / Twilio REST, or their emulators). */
  checkChannel: (candidate: ResolvedChannel) => Promise<{ ok: boolean; detail: string }>;
  /** PUBLIC_URL (or the local address outside production): the URLs to paste at the provider. */
  publicUrl: () => string | undefined;
  verifyToken: string;
  /** A number was connected (the built-in emulators learn it). */
  onChannelsChanged?: () => Promise<void>;
};

const slugParams = z.object({ slug: z.string() });
const tag = 'Negocios';

/** The slug of a new business from its name: "Panadería La Espiga" → panaderia-la-espiga. */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return SLUG.test(base) && base.length >= 2 ? base : `negocio-${randomBytes(3).toString('hex')}`;
}

export function createCompaniesRouter(deps: Deps): Router {
  const router = Router();

  apiRoute(
    router,
    {
      method: 'post', path: '/api/companies', tag, access: 'user', body: onboardingSchema, status: 201,
      summary: 'Crear un negocio: el usuario queda como dueño (o el operador lo aprovisiona con plan, canal y base de datos)',
      description:
        'A signed-in user creates a business and becomes its owner (name, businessType, currency, locale, timezone, adminPhone; slug derived from the name when omitted, 409 if taken). ' +
        'The platform admin token provisions any company (plan, channel, databaseUrl), idempotent on the slug (200 when it exists) and gets its first API key, shown once.',
      response: z.object({ company: publicCompanySchema, created: z.boolean(), apiKey: z.string().optional() }),
    },
    async ({ auth, body, req, setStatus }) => {
      if (auth.kind === 'platform_token') {
        if (!body.slug) throw companiesErrors.slugRequired();
        const result = await deps.companies.createCompany({ ...body, slug: body.slug });
        if (!result.created) setStatus(200);
        if (result.created) await deps.onChannelsChanged?.();
        return { company: result.company, created: result.created, ...(result.apiKey ? { apiKey: result.apiKey } : {}) };
      }
      // What was sent, not the parsed body (which carries the defaults, e.g. plan "basico").
      const sent = req.body as Record<string, unknown>;
      const forbidden = PLATFORM_ONLY_CREATE.filter((f) => sent[f] !== undefined);
      if (forbidden.length > 0 && !isPlatformAdmin(auth)) throw companiesErrors.onboardingFieldForbidden([...forbidden]);
      const userId = auth.kind === 'user' ? auth.userId : undefined;
      const explicit = body.slug;
      for (let attempt = 0; ; attempt++) {
        const slug = explicit ?? (attempt === 0 ? slugFromName(body.name) : `${slugFromName(body.name).slice(0, 30)}-${randomBytes(2).toString('hex')}`);
        try {
          const result = await deps.companies.createCompany({ ...body, slug }, { ownerUserId: userId });
          if (body.channel) await deps.onChannelsChanged?.();
          return { company: result.company, created: true };
        } catch (err) {
          // A derived slug someone already uses: another one, a few times.
          const slugTaken = err instanceof AppError && err.code === 'CONFLICT' && (err.details as { field?: string } | undefined)?.field === 'slug';
          if (explicit || attempt >= 4 || !slugTaken) throw err;
        }
      }
    },
  );

  apiRoute(
    router,
    { method: 'get', path: '/api/companies', tag, summary: 'Todas las empresas (operador de la plataforma)', access: 'platform', response: z.object({ companies: z.array(publicCompanySchema) }) },
    async () => ({ companies: await deps.companies.listCompanies() }),
  );

  apiRoute(
    router,
    { method: 'get', path: '/api/companies/:slug', tag, summary: 'Un negocio', access: 'member', params: slugParams, response: z.object({ company: publicCompanySchema }) },
    async ({ company }) => ({ company: publicCompany(await deps.companies.getCompany(company.slug)) }),
  );

  apiRoute(
    router,
    {
      method: 'patch', path: '/api/companies/:slug', tag, access: 'owner', params: slugParams, body: updateCompanySchema,
      summary:
        'Change name, currency, locale, time zone, business type, admin phone, message templates, bot on/off (owner); plan and status (platform admin). ' +
        'status "suspended": the company API keys are refused and the bot stops answering; "active" undoes it',
      response: z.object({ company: publicCompanySchema }),
    },
    async ({ company, body }) => {
      // updateCompanySchema has no defaults: a field present in the parsed body was sent.
      const forbidden = PLATFORM_ONLY_UPDATE.filter((f) => body[f] !== undefined);
      if (forbidden.length > 0 && company.role !== 'platform') throw companiesErrors.platformFieldsOnly([...forbidden]);
      return { company: await deps.companies.updateCompany(company.slug, body) };
    },
  );

  registerChannelRoutes(router, deps);
  return router;
}

function registerChannelRoutes(router: Router, deps: Deps) {
  const channelTag = 'WhatsApp';

  async function channelStatus(slug: string) {
    const c = await deps.companies.getCompany(slug);
    const ch = c.channels[0];
    if (!ch) return { channel: null, setup: null };
    const base = deps.publicUrl();
    const note = base ? null : 'PUBLIC_URL no está configurada: define la URL pública del servidor para obtener la URL de callback.';
    const setup =
      ch.provider === 'twilio'
        ? { callbackUrl: base ? `${base}/webhook/twilio/${ch.id}` : null, verifyToken: null, subscribeFields: [], note }
        : { callbackUrl: base ? `${base}/webhook` : null, verifyToken: deps.verifyToken, subscribeFields: ['messages'], note };
    return {
      channel: {
        id: ch.id,
        provider: ch.provider === 'twilio' ? ('twilio' as const) : ('meta' as const),
        phoneNumberId: ch.phoneNumberId,
        displayPhoneNumber: ch.displayPhoneNumber,
        wabaId: ch.wabaId,
        status: ch.status,
        lastCheck: { at: ch.lastCheckAt, ok: ch.lastCheckAt ? ch.lastCheckError === null : null, error: ch.lastCheckError },
      },
      setup,
    };
  }

  apiRoute(
    router,
    {
      method: 'get', path: '/api/companies/:slug/channel', tag: channelTag, access: 'owner', params: slugParams, response: channelStatusSchema,
      summary: 'El número de WhatsApp conectado, su última verificación y qué pegar en el panel de Meta (o de Twilio)',
    },
    async ({ company }) => channelStatus(company.slug),
  );

  apiRoute(
    router,
    {
      method: 'put', path: '/api/companies/:slug/channel', tag: channelTag, access: 'owner', params: slugParams, body: channelInputSchema, response: channelStatusSchema,
      summary: 'Conectar el número: Cloud API de Meta (phoneNumberId, accessToken, wabaId) o Twilio (provider, accountSid, authToken, whatsappNumber)',
      description:
        'The credentials are verified with the provider BEFORE anything is saved: Meta answers GET /{phone_number_id} with the token, Twilio GET /Accounts/{sid}.json. ' +
        'Refused credentials → 422 and nothing saved; provider unreachable → 502. Tokens are encrypted at rest and never returned.',
    },
    async ({ company, body }) => {
      await deps.companies.connectChannel(company.slug, body, deps.checkChannel);
      await deps.onChannelsChanged?.();
      return channelStatus(company.slug);
    },
  );

  apiRoute(
    router,
    { method: 'post', path: '/api/companies/:slug/channel/check', tag: channelTag, access: 'owner', params: slugParams, response: channelStatusSchema, summary: 'Verificar de nuevo el número con su proveedor y guardar el resultado' },
    async ({ company }) => {
      const current = (await deps.companies.getCompany(company.slug)).channels[0];
      const resolved = current ? await deps.companies.resolveChannelById(current.id) : null;
      if (resolved) {
        const result = await deps.checkChannel(resolved);
        await deps.companies.recordChannelCheck(resolved.channelId, result.ok ? null : result.detail);
      }
      return channelStatus(company.slug);
    },
  );
}
