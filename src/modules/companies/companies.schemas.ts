import { z } from 'zod';
import { canonicalCurrency, canonicalLocale, canonicalTimeZone } from './company-settings.ts';

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

const throughputPerSecond = z
  .number('throughputPerSecond: número entero de mensajes por segundo')
  .int('throughputPerSecond: número entero de mensajes por segundo')
  .min(1, 'throughputPerSecond: entre 1 y 1000')
  .max(1000, 'throughputPerSecond: entre 1 y 1000');

/** A number on Meta's WhatsApp Cloud API (the default when `provider` is absent). */
const metaChannelSchema = z.strictObject({
  provider: z.literal('meta'),
  phoneNumberId: z.string().regex(/^\d{5,20}$/, 'phoneNumberId: el ID de número de Meta son solo dígitos'),
  accessToken: z
    .string('accessToken: token de acceso de WhatsApp requerido')
    .min(8, 'accessToken: token de acceso de WhatsApp requerido')
    .max(4096, 'accessToken: máximo 4096 caracteres'),
  displayPhoneNumber: z.string().regex(/^\+?\d{6,20}$/, 'displayPhoneNumber: número en formato internacional, solo dígitos').optional(),
  wabaId: z.string().regex(/^\d{5,20}$/, 'wabaId: el ID de la cuenta de WhatsApp Business son solo dígitos').optional(),
  throughputPerSecond: throughputPerSecond.default(80),
});

/** The name of a template approved in WhatsApp Manager (Meta allows lowercase letters, digits and _). */
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

/**
 * A WhatsApp sender on Twilio. Its Auth Token is encrypted at rest like Meta's tokens; templates
 * are Content API templates: `contentSids` maps the template names the company uses
 * (adminOrderTemplate, statusUpdateTemplate) to their Content SIDs (HX…).
 */
const twilioChannelSchema = z.strictObject({
  provider: z.literal('twilio'),
  accountSid: z.string('accountSid: Account SID de Twilio requerido').regex(/^AC[0-9a-fA-F]{32}$/, 'accountSid: el Account SID de Twilio empieza con AC y sigue con 32 caracteres hexadecimales'),
  authToken: z
    .string('authToken: Auth Token de Twilio requerido')
    .min(16, 'authToken: Auth Token de Twilio requerido (32 caracteres)')
    .max(256, 'authToken: máximo 256 caracteres'),
  whatsappNumber: z
    .string('whatsappNumber: número de WhatsApp del remitente requerido, p. ej. +14155238886')
    .regex(/^(whatsapp:)?\+?\d{6,15}$/, 'whatsappNumber: número de WhatsApp del remitente en formato internacional, p. ej. +14155238886'),
  messagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'messagingServiceSid: el SID del Messaging Service empieza con MG y sigue con 32 caracteres hexadecimales').optional(),
  contentSids: z
    .record(
      z.string().regex(TEMPLATE_NAME, 'contentSids: las claves son nombres de plantilla (minúsculas, números y _)'),
      z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'contentSids: cada valor es un Content SID de Twilio (HX y 32 caracteres hexadecimales)'),
      'contentSids: objeto { "nombre_de_plantilla": "HX…" }',
    )
    .optional(),
  throughputPerSecond: throughputPerSecond.default(80),
});

const CHANNEL_MESSAGE = 'channel: un número de Meta (phoneNumberId, accessToken) o de Twilio (provider "twilio", accountSid, authToken, whatsappNumber)';

/** A company's WhatsApp number: Meta's Cloud API unless `provider` says "twilio". */
export const channelInputSchema = z.preprocess(
  (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) && !('provider' in v) ? { ...v, provider: 'meta' } : v),
  z.discriminatedUnion('provider', [metaChannelSchema, twilioChannelSchema], CHANNEL_MESSAGE),
);

export type ChannelInput = z.output<typeof channelInputSchema>;

const templateName = (field: string) =>
  z.string().regex(TEMPLATE_NAME, `${field}: nombre de plantilla aprobada (minúsculas, números y _)`);

/** A setting checked by Intl and stored in its canonical spelling (company-settings.ts). */
const intlSetting = (canonical: (v: string) => string | undefined, message: string) =>
  z
    .string(message)
    .max(64, message)
    .transform((v, ctx) => {
      const c = canonical(v);
      if (c === undefined) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return c;
    });

const locale = intlSetting(canonicalLocale, 'locale: idioma y país que se puedan usar para formatear precios, p. ej. es-MX, es-CO o pt-BR');
const currency = intlSetting(canonicalCurrency, 'currency: código de moneda ISO 4217, p. ej. MXN, COP o USD');
const timezone = intlSetting(canonicalTimeZone, 'timezone: zona horaria IANA, p. ej. America/Mexico_City o America/Bogota');
const name = z
  .string('name: nombre de la empresa requerido')
  .trim()
  .min(2, 'name: al menos 2 caracteres')
  .max(80, 'name: máximo 80 caracteres');
const plan = z.enum(['basico', 'completo', 'premium'], 'plan: basico, completo o premium');
const adminPhone = z.string().regex(/^\+?\d{8,15}$/, 'adminPhone: número en formato internacional');
const businessType = z.string('businessType: texto').trim().max(40, 'businessType: máximo 40 caracteres');

const DATABASE_URL_MESSAGE = 'databaseUrl: URL de PostgreSQL, p. ej. postgres://usuario:clave@servidor:5432/base';
const databaseUrl = z
  .string(DATABASE_URL_MESSAGE)
  .max(2048, DATABASE_URL_MESSAGE)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, DATABASE_URL_MESSAGE);

// Strict: a misspelt field ("curency") is refused instead of silently falling back to a default.
export const createCompanySchema = z.strictObject({
  slug: z.string('slug: identificador requerido').regex(SLUG, 'slug: minúsculas, números y guiones (máx. 40)'),
  name,
  plan: plan.default('basico'),
  currency: currency.default('MXN'),
  locale: locale.default('es-MX'),
  timezone: timezone.default('America/Mexico_City'),
  adminPhone: adminPhone.optional(),
  adminOrderTemplate: templateName('adminOrderTemplate').optional(),
  statusUpdateTemplate: templateName('statusUpdateTemplate').optional(),
  businessType: businessType.optional(),
  // Where the tenant schema lives: omit for the central server.
  databaseUrl: databaseUrl.optional(),
  channel: channelInputSchema.optional(),
});

export type CreateCompanyInput = z.input<typeof createCompanySchema>;
export type CreateCompany = z.output<typeof createCompanySchema>;

export const COMPANY_STATUSES = ['active', 'suspended'] as const;

export const updateCompanySchema = z.strictObject({
  name: name.optional(),
  plan: plan.optional(),
  currency: currency.optional(),
  locale: locale.optional(),
  timezone: timezone.optional(),
  businessType: businessType.nullable().optional(),
  adminPhone: adminPhone.nullable().optional(),
  adminOrderTemplate: templateName('adminOrderTemplate').nullable().optional(),
  statusUpdateTemplate: templateName('statusUpdateTemplate').nullable().optional(),
  botEnabled: z.boolean('botEnabled: true o false').optional(),
  // suspended: the company's API key is refused and its bot stops answering.
  status: z.enum(COMPANY_STATUSES, 'status: active o suspended').optional(),
});

export type UpdateCompany = z.output<typeof updateCompanySchema>;

export const schemaNameFor = (slug: string) => `tenant_${slug.replace(/-/g, '_')}`;

/** A business created by a signed-in user: the slug is derived from the name when not given. */
export const onboardingSchema = createCompanySchema.extend({
  slug: createCompanySchema.shape.slug.optional(),
});

/** Fields only the platform admin sets (plans and suspension are the operator's). */
export const PLATFORM_ONLY_CREATE = ['plan', 'databaseUrl', 'channel'] as const;
export const PLATFORM_ONLY_UPDATE = ['plan', 'status'] as const;

const isoDate = z.string().describe('ISO 8601');

export const publicChannelSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string().nullable(),
  status: z.string(),
  webhookPath: z.string().optional().describe('Twilio: where its sender posts, under PUBLIC_URL'),
});

export const publicCompanySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  plan: z.string(),
  currency: z.string(),
  locale: z.string(),
  timezone: z.string(),
  adminPhone: z.string().nullable(),
  adminOrderTemplate: z.string().nullable(),
  statusUpdateTemplate: z.string().nullable(),
  businessType: z.string().nullable(),
  status: z.string(),
  botEnabled: z.boolean(),
  schema: z.string(),
  createdAt: isoDate,
  channels: z.array(publicChannelSchema),
});

export const channelStatusSchema = z.object({
  channel: z
    .object({
      id: z.uuid(),
      provider: z.enum(['meta', 'twilio']),
      phoneNumberId: z.string(),
      displayPhoneNumber: z.string().nullable(),
      wabaId: z.string().nullable(),
      status: z.string(),
      lastCheck: z.object({ at: isoDate.nullable(), ok: z.boolean().nullable(), error: z.string().nullable() }),
    })
    .nullable(),
  setup: z
    .object({
      callbackUrl: z.string().nullable().describe('Meta: Callback URL of the webhook (WhatsApp > Configuration); Twilio: "A message comes in" URL of the sender'),
      verifyToken: z.string().nullable().describe('Meta: Verify token to paste next to the callback URL'),
      subscribeFields: z.array(z.string()).describe('Meta: webhook fields to subscribe'),
      note: z.string().nullable(),
    })
    .nullable(),
});
