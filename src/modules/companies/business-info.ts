// What a business tells its customers about itself: when it opens, how it delivers, how it is
// paid, where it is. Stored whole in companies.business_info; every field optional — a shop that
// has not filled something in gets a kind answer and the offer of a person, never a guess.
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Usa el formato HH:MM (24 horas)');
const money = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'Usa un importe como 50 o 49.90');

/** One opening span of a weekday (0 = domingo … 6 = sábado); several spans per day allowed. */
export const openingSpanSchema = z.object({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm });

/** A date that differs from the week: closed, or open at other hours. */
export const hoursExceptionSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Usa el formato AAAA-MM-DD'),
  closed: z.boolean().default(false),
  open: hhmm.optional(),
  close: hhmm.optional(),
  note: z.string().max(120).optional(),
});

export const businessInfoSchema = z.object({
  hours: z
    .object({
      weekly: z.array(openingSpanSchema).max(28).default([]),
      exceptions: z.array(hoursExceptionSchema).max(366).default([]),
      // Orders written outside hours are taken for later (true) or the customer is told to come back.
      acceptOrdersWhenClosed: z.boolean().default(true),
    })
    .optional(),
  delivery: z
    .object({
      delivery: z.boolean().default(true),
      pickup: z.boolean().default(false),
      fee: money.optional(),
      freeFrom: money.optional(),
      minimumOrder: money.optional(),
      areas: z.string().max(500).optional(),
      estimatedTime: z.string().max(120).optional(),
    })
    .optional(),
  paymentMethods: z.array(z.string().min(1).max(60)).max(12).optional(),
  address: z.string().max(300).optional(),
  mapUrl: z.string().url().max(500).optional(),
  policies: z.object({ shipping: z.string().max(2000).optional(), refunds: z.string().max(2000).optional() }).optional(),
  welcomeText: z.string().max(1000).optional(),
  // The main menu's option titles as the shop words them (a WhatsApp list row title holds 24).
  menuLabels: z
    .object({
      catalog: z.string().min(1).max(24).optional(),
      order: z.string().min(1).max(24).optional(),
      status: z.string().min(1).max(24).optional(),
      advisor: z.string().min(1).max(24).optional(),
    })
    .optional(),
  // The shop's own words for a few bot moments; absent: the bot's default text.
  botTexts: z
    .object({
      // Said when a customer writes outside opening hours, before "we open at …".
      closed: z.string().min(1).max(500).optional(),
      // Said when a customer asks for a person.
      advisor: z.string().min(1).max(500).optional(),
      // Said after an order is confirmed.
      orderThanks: z.string().min(1).max(500).optional(),
    })
    .optional(),
});

export type BusinessInfo = z.infer<typeof businessInfoSchema>;

/** The stored JSON as the engine reads it: invalid or missing parts become absent, never an error. */
export function readBusinessInfo(stored: unknown): BusinessInfo {
  const parsed = businessInfoSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}
