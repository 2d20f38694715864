import type pg from 'pg';
import type { TenantTx } from './clients.ts';
import { quoteIdent, SCHEMA_NAME } from './migrator.ts';

// Raw SQL is not schema-qualified by the tenant client's adapter, so raw queries name the
// tenant schema explicitly. Only safe identifiers ever reach SQL text.
export function quotedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return quoteIdent(schema);
}

/**
 * A company's data inside one of its transactions: the transaction and the schema its raw SQL
 * names, carried together so a repository can never pair one tenant's transaction with
 * another's schema.
 */
export type TenantScope = { tx: TenantTx; schema: string };

/** A company's schema on its server's pool: the raw hot paths that run outside a transaction (sends, statuses). */
export type TenantPool = { pool: pg.Pool; schema: string };
