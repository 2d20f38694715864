import { z } from 'zod';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (field: string) =>
  z
    .string(`${field}: fecha AAAA-MM-DD`)
    .regex(DAY, `${field}: fecha AAAA-MM-DD`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${field}: esa fecha no existe`);

export const MAX_REPORT_DAYS = 366;

export const reportQuerySchema = z.strictObject({
  from: day('from').optional(),
  to: day('to').optional(),
  top: z.coerce.number('top: número entero entre 1 y 50').int('top: número entero entre 1 y 50').min(1, 'top: número entero entre 1 y 50').max(50, 'top: número entero entre 1 y 50').default(10),
});

export type ReportQuery = z.output<typeof reportQuerySchema>;

const money = z.string().regex(/^-?\d+\.\d{2}$/);

export const reportSchema = z.object({
  from: z.string().regex(DAY),
  to: z.string().regex(DAY),
  timezone: z.string(),
  currency: z.string(),
  totals: z.object({
    orders: z.number().int(),
    revenue: money,
    averageOrder: money,
    cancelledOrders: z.number().int(),
    /** A customer who wrote on a day is one conversation that day. */
    conversations: z.number().int(),
    convertedConversations: z.number().int(),
    /** convertedConversations / conversations, 0 to 1 (0 without conversations). */
    conversion: z.number().min(0).max(1),
    customers: z.number().int(),
    newCustomers: z.number().int(),
    returningCustomers: z.number().int(),
  }),
  days: z.array(z.object({ date: z.string().regex(DAY), orders: z.number().int(), revenue: money, conversations: z.number().int(), convertedConversations: z.number().int() })),
  topProducts: z.array(z.object({ productId: z.string(), name: z.string(), unit: z.string(), quantity: z.string(), revenue: money, orders: z.number().int() })),
});

export type Report = z.output<typeof reportSchema>;
