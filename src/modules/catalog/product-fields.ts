// The product fields as the API, the CSV importer and the panel's forms check them. Pure zod
// (no Prisma) so the web bundle can use the very same rules: the caller says how a checked
// decimal text becomes a value (Prisma.Decimal on the server, the text itself in the browser).
import { z } from 'zod';
import { catalogMessages as m } from './catalog.messages.ts';

/** How exact decimals are recognised and built (money never goes through a float). */
export type DecimalKind<D> = { is: (v: unknown) => boolean; toText: (v: unknown) => string; make: (text: string) => D };

/** Decimals kept as their checked text (the browser's forms). */
export const textDecimals: DecimalKind<string> = { is: () => false, toText: String, make: (text) => text };

export function productSchemasFor<D>(decimal: DecimalKind<D>) {
  const decimalText = (maxDecimals: number) => new RegExp(`^\\d{1,9}(\\.\\d{1,${maxDecimals}})?$`);

  // Money never goes through a float: numbers are read via their shortest string form and
  // must already have at most 2 decimals ("45.5" ok, "45.555" rejected).
  function decimalField(maxDecimals: number, message: string) {
    return z
      .union([z.string(), z.number(), z.custom<D>((v) => decimal.is(v))], { error: message })
      .transform((v, ctx) => {
        const text = (decimal.is(v) ? decimal.toText(v) : String(v)).trim().replace(/^(\d+),(\d{1,2})$/, '$1.$2');
        if (!decimalText(maxDecimals).test(text)) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        return decimal.make(text);
      });
  }

  const optionalText = (max: number, message: string) =>
    z
      .string(message)
      .trim()
      .max(max, message)
      .nullish()
      .transform((v) => (v ? v : null));

  const activeFlag = z
    .union([z.boolean(), z.string()], m.activeInvalid)
    .transform((v, ctx) => {
      if (typeof v === 'boolean') return v;
      const t = v.trim().toLowerCase();
      if (['true', '1', 'si', 'sí', 'yes', 'activo'].includes(t)) return true;
      if (['false', '0', 'no', 'inactivo'].includes(t)) return false;
      ctx.addIssue({ code: 'custom', message: m.activeInvalid });
      return z.NEVER;
    });

  // Each field once: the full input (create, CSV) adds defaults; a change (PATCH) takes any subset,
  // and a field it leaves out stays as it is.
  const productFields = {
    name: z.string({ error: m.nameRequired }).trim().min(1, m.nameRequired).max(120, m.nameTooLong),
    sku: z
      .string(m.skuInvalid)
      .trim()
      .max(64, m.skuInvalid)
      .nullish()
      .transform((v) => (v ? v : null)),
    description: optionalText(1000, m.descriptionTooLong),
    price: decimalField(2, m.priceInvalid),
    unit: z.string(m.unitInvalid).trim().min(1, m.unitInvalid).max(30, m.unitInvalid),
    // Empty or null stock means unlimited.
    stock: z
      .union([z.string(), z.number(), z.custom<D>((v) => decimal.is(v)), z.null()], { error: m.stockInvalid })
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
        const parsed = decimalField(3, m.stockInvalid).safeParse(v);
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: 'custom', message: m.stockInvalid });
        return z.NEVER;
      }),
    isActive: activeFlag,
    imageUrl: z
      .string(m.imageUrlInvalid)
      .trim()
      .max(2048, m.imageUrlInvalid)
      .nullish()
      .transform((v, ctx) => {
        if (!v) return null;
        if (!/^https?:\/\/\S+$/i.test(v)) {
          ctx.addIssue({ code: 'custom', message: m.imageUrlInvalid });
          return z.NEVER;
        }
        return v;
      }),
  };

  /** A product as the admin API and the CSV importer receive it. */
  const productInputSchema = z.object({
    ...productFields,
    unit: productFields.unit.default('pieza'),
    isActive: productFields.isActive.default(true),
  });

  /** A change to a product: any subset of its fields; the ones left out stay as they are. */
  const productChangeSchema = z.object(productFields).partial();
  return { productInputSchema, productChangeSchema };
}
