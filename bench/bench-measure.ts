// What the benchmarks measure with: the signed webhook poster, percentiles, CPU per process
// from /proc, and the server's own acknowledgement histogram.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { APP_SECRET, METRICS_TOKEN, type BenchPlatform } from './bench-platform.ts';
import { sign } from '../test/helpers/meta-client.ts';

// The load generator posts with node:http and a keep-alive agent: fetch costs several times the
// CPU per request, and on two cores that CPU would be taken from the platform being measured.
// At most 256 connections (--max-sockets): more than the server's accept backlog (511) opened at
// once overflows the kernel's listen queue, and the SYN retries then add 1, 3, 7, 15, 31 s.
// Idle sockets are closed after 60 s, before the platform's 65 s keep-alive timeout, so a
// request is never written on a socket the server is closing.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 60_000 });
export const setMaxSockets = (n: number) => void (agent.maxSockets = n);

/** The machine's TCP listen-queue overflows and SYN retransmissions so far (whole machine, Linux). */
export function tcpTroubles(): { listenOverflows: number; synRetrans: number } {
  try {
    const [names, values] = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:')).map((l) => l.split(/\s+/).slice(1));
    const get = (k: string) => Number(values?.[names?.indexOf(k) ?? -1] ?? 0);
    return { listenOverflows: get('ListenOverflows'), synRetrans: get('TCPSynRetrans') };
  } catch {
    return { listenOverflows: 0, synRetrans: 0 };
  }
}

/** HTTP status ('200', '500'…) or, when no response came, the error code ('ECONNRESET', 'timeout'…). */
export type AckOutcome = string;

/**
 * Posts a signed webhook body; resolves with the outcome, never rejects (a refused or broken
 * connection is an outcome to count, as Meta would see it). `timeoutMs` counts from this call,
 * waiting for a free socket included.
 */
export function postWebhook(url: string, body: string, timeoutMs = 30_000): Promise<AckOutcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: AckOutcome) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    const timer = setTimeout(() => {
      finish('timeout');
      req.destroy();
    }, timeoutMs);
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, APP_SECRET), 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => finish(String(res.statusCode ?? 0)));
      res.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? 'response-error'));
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? 'request-error'));
    req.end(body);
  });
}

/** Counts outcomes other than 200, by outcome. */
export function createOutcomeCounter() {
  const counts = new Map<AckOutcome, number>();
  return {
    add(outcome: AckOutcome) {
      if (outcome !== '200') counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    },
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    describe: () => {
      const n = [...counts.values()].reduce((a, b) => a + b, 0);
      return n === 0 ? '0' : `${n} (${[...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join(', ')})`;
    },
  };
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
export const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

// CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 elsewhere.
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return 0;
  }
}

/**
 * CPU used by each process of the benchmark, to show where the cores go per message. Counting
 * starts when the meter is created; call `stop()` after the last reading.
 */
export function createCpuMeter(p: BenchPlatform, single: boolean) {
  // PostgreSQL's share is the sum over the platform's backends (not this one's own connection).
  // A pool closes idle connections and opens new ones, so the backends are sampled every 500 ms
  // and their growth summed: a backend that exits loses at most its last half second, a new one
  // counts from its start.
  const pgBackends = async () =>
    (await p.dbPool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
  const seen = new Map<number, number>();
  let postgres = 0;
  let sampling: Promise<void> | undefined;
  const sample = (first = false) =>
    (sampling ??= (async () => {
      for (const pid of await pgBackends()) {
        const cpu = cpuSeconds(pid);
        if (!first) postgres += cpu - (seen.get(pid) ?? 0);
        seen.set(pid, cpu);
      }
    })().finally(() => (sampling = undefined)));
  const started = sample(true);
  const timer = setInterval(() => void sample().catch(() => undefined), 500);
  const now = async () => {
    await started;
    await sampling;
    await sample();
    return {
      web: cpuSeconds(p.children[0]?.pid),
      worker: single ? 0 : cpuSeconds(p.children[1]?.pid),
      postgres,
      emulator: cpuSeconds(p.emuProcess.pid),
      generator: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    };
  };
  type Reading = Awaited<ReturnType<typeof now>>;
  return {
    now,
    stop: () => clearInterval(timer),
    /** The CPU-per-message line, for `messages` handled between the two readings. */
    line(before: Reading, after: Reading, messages: number) {
      const ms = (k: keyof Reading) => ((after[k] - before[k]) * 1000) / messages;
      return `CPU per message: ${single ? `platform ${f(ms('web'))}` : `web ${f(ms('web'))}, worker ${f(ms('worker'))}`}, PostgreSQL ${f(ms('postgres'))} ms` +
        ` (platform + database ${f(ms('web') + ms('worker') + ms('postgres'))} ms); emulator ${f(ms('emulator'))}, load generator ${f(ms('generator'))} ms`;
    },
  };
}

// The server's own view of acknowledgement time (histogram in /metrics), free of the load
// generator's event-loop lag: quantiles are bucket upper bounds.
export type AckBuckets = { le: string; n: number }[];
export async function serverAckBuckets(base: string): Promise<AckBuckets> {
  const text = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
  return [...text.matchAll(/^mostrador_webhook_ack_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)].map((m) => ({ le: m[1]!, n: Number(m[2]) }));
}
export function serverQuantile(before: AckBuckets, after: AckBuckets, q: number) {
  const counts = after.map((b, i) => ({ le: b.le, n: b.n - (before[i]?.n ?? 0) }));
  const total = counts[counts.length - 1]?.n ?? 0;
  const hit = counts.find((b) => b.n >= q * total);
  return hit ? (hit.le === '+Inf' ? '> 1000' : `≤ ${Number(hit.le) * 1000}`) : 'n/a';
}
