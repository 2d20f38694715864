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
  // As the platform's pools do: a connection closed under an idle client (the database dropped at
  // the end of this file while graphile-worker still hands its LISTEN client back) is not a crash.
  pool.on('error', () => undefined);
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

describe('the dead-worker sweep', () => {
  it('never releases the lock of a job whose process is alive, however long the job runs', async () => {
    let runs = 0;
    let release!: () => void;
    const running = new Promise<void>((r) => (release = r));
    const runner = await startQueueWorker({
      pool,
      logger: testLogger(),
      concurrency: 1,
      sweepIntervalMs: 100,
      deadAfterMs: 600,
      tasks: {
        slow: async () => {
          runs++;
          await running;
        },
      },
    });
    await pool.query(`SELECT graphile_worker.add_job('slow', '{}'::json, queue_name => 'q-slow', job_key => 'slow-1')`);
    const lockedBy = await waitFor(async () => {
      const { rows } = await pool.query<{ locked_by: string | null }>(`SELECT locked_by FROM graphile_worker._private_jobs WHERE key = 'slow-1'`);
      return rows[0]?.locked_by ?? undefined;
    }, 10_000, 'job locked');
    // Five sweep windows later the job is still locked by its (live) holder, and ran once.
    await new Promise((r) => setTimeout(r, 3000));
    const { rows } = await pool.query<{ locked_by: string | null }>(`SELECT locked_by FROM graphile_worker._private_jobs WHERE key = 'slow-1'`);
    expect(rows[0]?.locked_by).toBe(lockedBy);
    const { rows: queues } = await pool.query<{ locked_by: string | null }>(`SELECT locked_by FROM graphile_worker._private_job_queues WHERE queue_name = 'q-slow'`);
    expect(queues[0]?.locked_by).toBe(lockedBy);
    release();
    await waitFor(async () => (await pool.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE key = 'slow-1'`)).rowCount === 0, 10_000, 'job done');
    expect(runs).toBe(1);
    await runner.stop();
  }, 30_000);

  it('releases the locks of a holder that stopped beating', async () => {
    await pool.query(`SELECT graphile_worker.add_job('orphan', '{}'::json, queue_name => 'q-orphan', job_key => 'orphan-1')`);
    // A process that died mid-job: its lock is old and it has no heartbeat.
    await pool.query(`UPDATE graphile_worker._private_jobs SET locked_by = 'dead-pool', locked_at = now() - interval '1 hour' WHERE key = 'orphan-1'`);
    let ran = 0;
    const runner = await startQueueWorker({ pool, logger: testLogger(), concurrency: 1, sweepIntervalMs: 100, deadAfterMs: 600, tasks: { orphan: async () => void ran++ } });
    await waitFor(async () => ran === 1, 10_000, 'orphaned job run by a live worker');
    await runner.stop();
  }, 30_000);
});

