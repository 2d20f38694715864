import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrateSchema } from '../src/platform/db/migrator.ts';
import { startQueueWorker, type QueueRunner } from '../src/platform/queue.ts';
import { testLogger } from './helpers/db.ts';
import { createFileDatabase, waitFor } from './helpers/platform.ts';

// Worker processes find each other through the queue's heartbeats, so each sends at its share of
// a number's rate limit. Two runners on one database stand for two worker processes.
let database: Awaited<ReturnType<typeof createFileDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createFileDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
  await migrateSchema(pool, 'central', 'public');
});
afterAll(async () => {
  // graphile-worker hands its LISTEN connection back a moment after stop() resolves.
  await waitFor(async () => pool.totalCount === pool.idleCount, 5000, 'connections returned').catch(() => undefined);
  await pool.end();
  await database.drop();
});

describe('worker processes', () => {
  it('count each other through their heartbeats, and stop counting one that has stopped', async () => {
    const seen: [number[], number[]] = [[], []];
    const start = (i: 0 | 1) =>
      startQueueWorker({ pool, logger: testLogger(), concurrency: 1, tasks: {}, sweepIntervalMs: 100, onProcessCount: (n) => seen[i].push(n) });
    const first: QueueRunner = await start(0);
    expect(seen[0].at(-1)).toBe(1);
    const second = await start(1);
    await waitFor(async () => seen[0].at(-1) === 2 && seen[1].at(-1) === 2, 10_000, 'both see two processes');
    await second.stop();
    await waitFor(async () => seen[0].at(-1) === 1, 10_000, 'one process again');
    await first.stop();
  });
});
