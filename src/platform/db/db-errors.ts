import pg from 'pg';

/** What PostgreSQL refused: its SQLSTATE and, for a unique violation, the column(s) if known. */
export type DatabaseRefusal = { sqlState: string; field?: string };

/**
 * The SQLSTATE of an error PostgreSQL raised, whether it came straight from `pg` or wrapped by
 * Prisma's driver adapter; undefined for anything else (network errors, bugs).
 */
export function databaseRefusalOf(err: unknown): DatabaseRefusal | undefined {
  if (err instanceof pg.DatabaseError && err.code) return { sqlState: err.code, field: fieldOf(err.constraint, err.table) };
  if (typeof err !== 'object' || err === null || !('meta' in err)) return undefined;
  const cause = (err as { meta?: { driverAdapterError?: { cause?: Record<string, unknown> } } }).meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const constraint = cause?.constraint as { index?: string; fields?: string[] } | undefined;
  return { sqlState: code, field: constraint?.fields?.join(', ') ?? fieldOf(constraint?.index, cause?.table as string | undefined) };
}

// PostgreSQL names unique indexes <table>_<columns>_key (Prisma's migrations keep that form).
const fieldOf = (constraint: string | undefined, table: string | undefined) =>
  constraint && table && constraint.startsWith(`${table}_`) && constraint.endsWith('_key')
    ? constraint.slice(table.length + 1, -'_key'.length)
    : undefined;
