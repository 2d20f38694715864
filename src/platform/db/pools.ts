import pg from 'pg';
import type { Logger } from '../logger.ts';

// NUMERIC and BIGINT come back as strings: money is never turned into a float.
// One pg.Pool per PostgreSQL server, shared by the central client, every tenant client on that
// server and the queue.
export type PoolRegistry = {
  get(url?: string): pg.Pool;
  readonly defaultUrl: string;
  closeAll(): Promise<void>;
};

export function createPoolRegistry(opts: { defaultUrl: string; max: number; logger: Logger }): PoolRegistry {
  const pools = new Map<string, pg.Pool>();
  return {
    defaultUrl: opts.defaultUrl,
    get(url = opts.defaultUrl) {
      let pool = pools.get(url);
      if (!pool) {
        pool = new pg.Pool({ connectionString: url, max: opts.max, idleTimeoutMillis: 30_000 });
        // SQLSTATE class 57 (operator intervention: the server shutting down or restarting) is a
        // condition the platform rides out (the pool reconnects), not a fault of ours: a warning.
        pool.on('error', (err) => {
          const restart = /^57/.test(String((err as { code?: unknown }).code ?? ''));
          opts.logger[restart ? 'warn' : 'error']({ err: restart ? { code: (err as { code?: string }).code, message: err.message } : err }, 'idle PostgreSQL client error');
        });
        // A connection dropped by the server must not crash the process (graphile-worker checks this too).
        pool.on('connect', (client) => client.on('error', (err) => opts.logger.warn({ err }, 'PostgreSQL connection error')));
        pools.set(url, pool);
      }
      return pool;
    },
    async closeAll() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((p) => p.end()));
    },
  };
}

/** Whether a PostgreSQL server answers at `url` (start-up fallbacks to the embedded one). */
export async function canConnect(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
