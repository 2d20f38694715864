import pg from 'pg';

export type ConnectionFailure = 'refused' | 'host_not_found' | 'timeout' | 'authentication' | 'no_database' | 'other';
export type ConnectionProbe = { ok: true } | { ok: false; failure: ConnectionFailure };

/**
 * Connects once to `url` and says why it failed, without the driver's message (which may quote
 * the URL, password included).
 */
export async function probeConnection(url: string, timeoutMs = 5000): Promise<ConnectionProbe> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that drops the connection later must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, failure: failureOf(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function failureOf(err: unknown): ConnectionFailure {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const message = err instanceof Error ? err.message : '';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host_not_found';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
  if (code === '28P01' || code === '28000') return 'authentication';
  if (code === '3D000') return 'no_database';
  return 'other';
}
