import { Prisma } from '../../generated/tenant/client.ts';
import { productSchemasFor } from './product-fields.ts';
import type { z } from 'zod';

// The product fields' rules live in product-fields.ts (pure, shared with the panel); on the
// server a checked decimal becomes a Prisma.Decimal.
const schemas = productSchemasFor<Prisma.Decimal>({
  is: (v) => v instanceof Prisma.Decimal,
  toText: (v) => (v as Prisma.Decimal).toFixed(),
  make: (text) => new Prisma.Decimal(text),
});

/** A product as the admin API and the CSV importer receive it. */
export const productInputSchema = schemas.productInputSchema;

/** A change to a product: any subset of its fields; the ones left out stay as they are. */
export const productChangeSchema = schemas.productChangeSchema;

export type ProductInput = z.input<typeof productInputSchema>;
export type ParsedProductInput = z.output<typeof productInputSchema>;
