import { quoteIdent, SCHEMA_NAME } from '../../platform/db/migrator.ts';

// Raw SQL is not schema-qualified by the tenant client's adapter, so raw queries name the
// tenant schema explicitly. Only safe identifiers ever reach SQL text.
export function quotedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return quoteIdent(schema);
}
