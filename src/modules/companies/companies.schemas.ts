import { z } from 'zod';

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export const channelInputSchema = z.object({
  phoneNumberId: z.string().regex(/^\d{5,20}$/, 'phoneNumberId: el ID de número de Meta son solo dígitos'),
  accessToken: z.string().min(8, 'accessToken: token de acceso de WhatsApp requerido'),
  displayPhoneNumber: z.string().regex(/^\+?\d{6,20}$/).optional(),
  wabaId: z.string().regex(/^\d{5,20}$/).optional(),
  throughputPerSecond: z.number().int().min(1).max(1000).default(80),
});

/** The name of a template approved in WhatsApp Manager (Meta allows lowercase letters, digits and _). */
const templateName = (field: string) =>
  z.string().regex(/^[a-z0-9_]{1,512}$/, `${field}: nombre de plantilla aprobada (minúsculas, números y _)`);

export const createCompanySchema = z.object({
  slug: z.string().regex(SLUG, 'slug: minúsculas, números y guiones (máx. 40)'),
  name: z.string().trim().min(2, 'name: al menos 2 caracteres').max(80, 'name: máximo 80 caracteres'),
  plan: z.enum(['basico', 'completo', 'premium'], 'plan: basico, completo o premium').default('basico'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency: código ISO de 3 letras, p. ej. MXN').default('MXN'),
  locale: z.string().min(2).max(10).default('es-MX'),
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('es', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'timezone: zona horaria IANA inválida')
    .default('America/Mexico_City'),
  adminPhone: z.string().regex(/^\+?\d{8,15}$/, 'adminPhone: número en formato internacional').optional(),
  adminOrderTemplate: templateName('adminOrderTemplate').optional(),
  statusUpdateTemplate: templateName('statusUpdateTemplate').optional(),
  businessType: z.string().max(40).optional(),
  // Where the tenant schema lives: omit for the central server.
  databaseUrl: z.string().url().optional(),
  channel: channelInputSchema.optional(),
});

export type CreateCompanyInput = z.input<typeof createCompanySchema>;
export type CreateCompany = z.output<typeof createCompanySchema>;

export const updateCompanySchema = z.object({
  name: z.string().trim().min(2).max(80).optional(),
  plan: z.enum(['basico', 'completo', 'premium']).optional(),
  adminPhone: z.string().regex(/^\+?\d{8,15}$/).nullable().optional(),
  adminOrderTemplate: templateName('adminOrderTemplate').nullable().optional(),
  statusUpdateTemplate: templateName('statusUpdateTemplate').nullable().optional(),
  botEnabled: z.boolean().optional(),
  status: z.enum(['active', 'suspended']).optional(),
});

export const schemaNameFor = (slug: string) => `tenant_${slug.replace(/-/g, '_')}`;
