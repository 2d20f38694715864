import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Logger as WorkerLogger, run, runMigrations, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from './logger.ts';

// Job queue: graphile-worker, chosen over pg-boss because jobs can be added from plain SQL
// inside our own statement (`graphile_worker.add_jobs`), so the inbox row and its job commit
// together in one round trip; because named queues run their jobs one at a time, which is
// "each conversation in order, one message at a time"; and because job keys let one waiting job
// drain a whole queue (src/modules/inbox/inbox.repository.ts).

function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const child = logger.child({ queue: scope.label ?? 'worker', job: scope.jobId, task: scope.taskIdentifier });
    const fields = meta ? { meta } : {};
    if (level === 'error') child.error(fields, message);
    else if (level === 'warning') child.warn(fields, message);
    else child.debug(fields, message);
  });
}

export async function migrateQueue(pool: pg.Pool, logger: Logger): Promise<void> {
  await runMigrations({ pgPool: pool, logger: workerLogger(logger) });
}

/**
 * A worker that dies without a clean shutdown (kill -9, OOM) leaves its jobs — and the named
 * queue of that conversation — locked for graphile-worker's 4 hour timeout. Every worker process
 * keeps one heartbeat (one statement every few seconds) covering every id its locks can carry:
 * graphile-worker 0.17 locks jobs and queues with its *pool* id (batched fetch), older paths with
 * a worker id, so both are heartbeated. Locks held by an id with no fresh heartbeat are released.
 * A lock is never released while its process beats, however long its job runs.
 */
// Heartbeat ids of worker processes (as opposed to graphile-worker's own worker ids).
const PROCESS_PREFIX = 'process:';
// A holder is dead when it has not beaten for this long (several missed beats: a process busy
// for a few seconds, or a slow database, is not taken for dead).
const DEAD_AFTER_MS = 30_000;

async function sweepDeadWorkerLocks(pool: pg.Pool, live: Set<string>, deadAfterMs: number, logger: Logger): Promise<{ released: number; processes: number }> {
  if (live.size > 0) {
    await pool.query(
      `INSERT INTO public.worker_heartbeats (worker_id, last_seen) SELECT unnest($1::text[]), now()
       ON CONFLICT (worker_id) DO UPDATE SET last_seen = now()`,
      [[...live]],
    );
  }
  // Reads graphile-worker's private tables to find lock holders; unlocking uses its public API.
  const { rows } = await pool.query<{ locked_by: string }>(
    `SELECT DISTINCT locked_by FROM (
       SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
       UNION ALL
       SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
     ) l
     WHERE locked_at < now() - make_interval(secs => $1::float8 / 1000)
       AND NOT EXISTS (SELECT 1 FROM public.worker_heartbeats h
                       WHERE h.worker_id = l.locked_by AND h.last_seen > now() - make_interval(secs => $1::float8 / 1000))`,
    [deadAfterMs],
  );
  const dead = rows.map((r) => r.locked_by).filter((id) => !live.has(id));
  if (dead.length > 0) {
    await pool.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead]);
    await pool.query('DELETE FROM public.worker_heartbeats WHERE worker_id = ANY($1::text[])', [dead]);
    logger.warn({ workers: dead }, 'released jobs locked by workers that stopped without shutting down');
  }
  await pool.query(`DELETE FROM public.worker_heartbeats WHERE last_seen < now() - interval '1 day'`);
  const { rows: alive } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM public.worker_heartbeats WHERE worker_id LIKE $1 AND last_seen > now() - make_interval(secs => $2::float8 / 1000)`,
    [`${PROCESS_PREFIX}%`, deadAfterMs],
  );
  return { released: dead.length, processes: Math.max(1, alive[0]?.n ?? 1) };
}

export type QueueRunner = { stop(): Promise<void>; sweep(): Promise<number> };

export async function startQueueWorker(opts: {
  pool: pg.Pool;
  logger: Logger;
  concurrency: number;
  tasks: TaskList;
  sweepIntervalMs?: number;
  /** A lock holder without a heartbeat this recent is dead (default 30 s). */
  deadAfterMs?: number;
  /** Called after each sweep with the number of live worker processes (this one included). */
  onProcessCount?: (processes: number) => void;
}): Promise<QueueRunner> {
  // Graphile's worker ids (for lock release) and one id for this process (to count processes).
  const live = new Set<string>([`${PROCESS_PREFIX}${randomUUID()}`]);
  const events: WorkerEvents = new EventEmitter();
  const ours = new Set(live);
  // The pool id is what 0.17 writes to locked_by when it fetches jobs in batches.
  events.on('pool:create', ({ workerPool }) => {
    live.add(workerPool.id);
    ours.add(workerPool.id);
  });
  events.on('pool:release', ({ workerPool }) => live.delete(workerPool.id));
  events.on('worker:create', ({ worker }) => {
    live.add(worker.workerId);
    ours.add(worker.workerId);
  });
  events.on('worker:release', ({ worker }) => live.delete(worker.workerId));
  const runner: Runner = await run({
    events,
    pgPool: opts.pool,
    concurrency: opts.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: workerLogger(opts.logger),
    taskList: opts.tasks,
  });
  let inflight: Promise<number> = Promise.resolve(0);
  const sweep = () =>
    (inflight = sweepDeadWorkerLocks(opts.pool, live, opts.deadAfterMs ?? DEAD_AFTER_MS, opts.logger).then(
      ({ released, processes }) => {
        opts.onProcessCount?.(processes);
        return released;
      },
      (err) => {
        opts.logger.error({ err }, 'dead worker sweep failed');
        return 0;
      },
    ));
  await sweep();
  const timer = setInterval(() => void sweep(), opts.sweepIntervalMs ?? 5_000);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      // A sweep still running would write our heartbeats again after they are deleted.
      await inflight;
      await runner.stop();
      await opts.pool.query('DELETE FROM public.worker_heartbeats WHERE worker_id = ANY($1::text[])', [[...ours]]).catch(() => undefined);
    },
  };
}
