import { z } from 'zod';
import { businessInfoSchema, updateCompanySchema } from '../companies/index.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * What the owner may write: the company's own data (name, currency, locale, time zone, admin
 * phone — validated as at creation) and the business info, replaced whole (PUT). An exception
 * day gives both hours or neither, and a day's spans must not overlap.
 */
export const settingsInputSchema = z
  .strictObject({
    company: updateCompanySchema.pick({ name: true, currency: true, locale: true, timezone: true, adminPhone: true }).optional(),
    businessInfo: businessInfoSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const hours = v.businessInfo?.hours;
    if (!hours) return;
    hours.exceptions.forEach((e, i) => {
      if (Boolean(e.open) !== Boolean(e.close)) {
        ctx.addIssue({ code: 'custom', path: ['businessInfo', 'hours', 'exceptions', i], message: 'Indica la hora de apertura y la de cierre, o ninguna' });
      }
    });
    hours.weekly.forEach((s, i) => {
      if (s.open === s.close) ctx.addIssue({ code: 'custom', path: ['businessInfo', 'hours', 'weekly', i], message: 'La hora de apertura y la de cierre no pueden ser iguales' });
    });
    for (let day = 0; day < 7; day++) {
      const spans = hours.weekly.filter((s) => s.day === day && s.close > s.open).sort((a, b) => a.open.localeCompare(b.open));
      for (let i = 1; i < spans.length; i++) {
        if (spans[i]!.open < spans[i - 1]!.close) {
          ctx.addIssue({ code: 'custom', path: ['businessInfo', 'hours', 'weekly'], message: `Los horarios del día ${day} se enciman` });
        }
      }
    }
  });

export type SettingsInput = z.output<typeof settingsInputSchema>;

const money = z.string().regex(/^-?\d+\.\d{2}$/);
const openingSchema = z.object({ at: z.string(), date: z.string(), weekday: z.number().int(), time: z.string().regex(HHMM) });

/** The settings as the API answers them. */
export const settingsSchema = z.object({
  company: z.object({
    name: z.string(),
    currency: z.string(),
    locale: z.string(),
    timezone: z.string(),
    adminPhone: z.string().nullable(),
  }),
  businessInfo: businessInfoSchema,
  now: z.object({
    open: z.boolean(),
    nextOpening: openingSchema.nullable(),
    /** What the bot says right now to someone who writes (null while open). */
    closedNotice: z.string().nullable(),
  }),
  delivery: z.object({ fee: money, freeFrom: money.nullable(), minimumOrder: money.nullable() }),
});

export const deliveryQuoteQuerySchema = z.strictObject({
  subtotal: z.string('subtotal: importe del pedido, p. ej. 149.50').regex(/^\d{1,9}(\.\d{1,2})?$/, 'subtotal: importe del pedido, p. ej. 149.50'),
  method: z.enum(['delivery', 'pickup'], 'method: delivery o pickup').default('delivery'),
});

export const deliveryQuoteSchema = z.object({
  method: z.enum(['delivery', 'pickup']),
  subtotal: money,
  fee: money,
  total: money,
  minimumOrder: money.nullable(),
  belowMinimum: z.boolean(),
  missingForMinimum: money.nullable(),
  freeFrom: money.nullable(),
  missingForFreeDelivery: money.nullable(),
});
