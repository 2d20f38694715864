// The open-loop benchmark: signed webhooks at a steady offered rate on a fixed timeline, each
// sent when its time comes whatever happened to the earlier ones, each from a new customer.
// Latencies are measured from the scheduled send time, so a late generator or a backlog
// anywhere shows up in them instead of lowering the offered rate (no coordinated omission).
import { escapeUnicode, inboundPayload } from '../test/helpers/meta-client.ts';
import { settledDeadlocks, type DeadlockReport, type watchServerLog } from './bench-deadlocks.ts';
import { createCpuMeter, createOutcomeCounter, f, pct, postWebhook, serverAckBuckets, serverQuantile, tcpTroubles, type AckOutcome } from './bench-measure.ts';
import { sleep, type BenchPlatform } from './bench-platform.ts';
import { TEXTS } from './closed-loop.ts';

export type OpenLoopOptions = {
  rate: number;
  seconds: number;
  warmupSeconds: number;
  drainSeconds: number;
  ackTimeoutSeconds: number;
  single: boolean;
};

type Delivery = {
  waId: string;
  body: string;
  /** Scheduled send time, epoch ms (fractional). */
  due: number;
  /** How late the generator actually sent it, ms. */
  lag?: number;
  outcome?: AckOutcome;
  /** Scheduled send → response (or error), ms. */
  ackMs?: number;
};

/** Builds `n` signed-ready deliveries from new customers (wa_ids `prefix` + number), one per message. */
function buildDeliveries(numbers: string[], prefix: string, n: number): Delivery[] {
  return Array.from({ length: n }, (_, k) => {
    const waId = `${prefix}${String(k).padStart(8, '0')}`;
    const { payload } = inboundPayload({ phoneNumberId: numbers[k % numbers.length]!, from: waId, name: 'Cliente Nuevo', message: { type: 'text', text: TEXTS[k % TEXTS.length]! } });
    return { waId, body: escapeUnicode(JSON.stringify(payload)), due: 0 };
  });
}

/** Sends delivery k at start + k / rate, never waiting for a response; resolves when all are answered. */
async function drive(url: string, deliveries: Delivery[], rate: number, timeoutMs: number): Promise<number> {
  const startPerf = performance.now();
  // Wall clock of the start, to compare with the emulator's receive times (Date.now() there too).
  const startEpoch = Date.now() - (performance.now() - startPerf);
  const duePerf = (k: number) => startPerf + (k * 1000) / rate;
  const responses: Promise<void>[] = [];
  let k = 0;
  while (k < deliveries.length) {
    const now = performance.now();
    // Everything whose time has come goes now, even when the loop woke late.
    for (; k < deliveries.length && duePerf(k) <= now; k++) {
      const d = deliveries[k]!;
      const due = duePerf(k);
      d.due = startEpoch + (due - startPerf);
      d.lag = performance.now() - due;
      responses.push(postWebhook(url, d.body, timeoutMs).then((outcome) => {
        d.ackMs = performance.now() - due;
        d.outcome = outcome;
      }));
    }
    if (k < deliveries.length) await sleep(Math.max(0, duePerf(k) - performance.now()));
  }
  await Promise.all(responses);
  return startEpoch;
}

/** The first reply each customer got (epoch ms), and how many replies beyond one. */
async function firstReplies(p: BenchPlatform) {
  const first = new Map<string, number>();
  let extra = 0;
  for (const r of await p.emuApi.list()) {
    const at = Date.parse(r.receivedAt);
    const seen = first.get(r.waId);
    if (seen !== undefined) extra++;
    if (seen === undefined || at < seen) first.set(r.waId, at);
  }
  return { first, extra };
}

/** Waits until every delivery acknowledged with 200 has its reply, or `timeoutMs`. */
async function drain(p: BenchPlatform, deliveries: Delivery[], expectedBefore: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  const acked = deliveries.filter((d) => d.outcome === '200');
  // Counting is cheap for the emulator; the full list is fetched once the count says it may be done.
  while (Date.now() < until) {
    if ((await p.emuApi.count()) >= expectedBefore + acked.length) {
      const { first } = await firstReplies(p);
      if (acked.every((d) => first.has(d.waId))) break;
    }
    await sleep(250);
  }
  await sleep(500); // anything extra (a second reply) would show up now
  return firstReplies(p);
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/** Where the unanswered messages stand in the inbox (read-only): stored and pending, processed…, or never stored. */
async function inboxStates(p: BenchPlatform, waIds: string[]): Promise<string> {
  if (waIds.length === 0) return '';
  const { rows } = await p.dbPool.query<{ state: string; n: number }>(
    `SELECT state, count(*)::int AS n FROM public.inbox_events WHERE kind = 'message' AND wa_id = ANY($1::text[]) GROUP BY state ORDER BY state`,
    [waIds],
  );
  const stored = rows.reduce((sum, r) => sum + r.n, 0);
  return `; unanswered by inbox state: ${[...rows.map((r) => `${r.state} ${r.n}`), `not stored ${waIds.length - stored}`].join(', ')}`;
}

export async function runOpenLoop(p: BenchPlatform, o: OpenLoopOptions, log: ReturnType<typeof watchServerLog>) {
  const url = `${p.base}/webhook`;
  const timeoutMs = o.ackTimeoutSeconds * 1000;

  // Warm-up (not measured): the same rate, other new customers, until all are answered, so the
  // platform runs optimised code with its connections open and statements prepared.
  const warmup = buildDeliveries(p.numbers, '52166', Math.round(o.rate * o.warmupSeconds));
  await drive(url, warmup, o.rate, timeoutMs);
  const warmed = await drain(p, warmup, 0, 60_000);
  const repliesBefore = warmed.first.size + warmed.extra;

  const deliveries = buildDeliveries(p.numbers, '52177', Math.round(o.rate * o.seconds));
  const deadlocksBefore = await settledDeadlocks(p.dbPool);
  const logMark = log.mark();
  const bucketsBefore = await serverAckBuckets(p.base);
  const cpu = createCpuMeter(p, o.single);
  const cpuBefore = await cpu.now();
  const tcpBefore = tcpTroubles();

  const start = await drive(url, deliveries, o.rate, timeoutMs);
  const tcpAfter = tcpTroubles();
  const bucketsAfter = await serverAckBuckets(p.base);
  const { first, extra } = await drain(p, deliveries, repliesBefore, o.drainSeconds * 1000);
  const cpuAfter = await cpu.now();
  const deadlocks = (await settledDeadlocks(p.dbPool)) - deadlocksBefore;
  const reports: DeadlockReport[] = log.reports(logMark);

  const replyMs = (d: Delivery) => {
    const at = first.get(d.waId);
    return at === undefined ? undefined : at - d.due;
  };
  const outcomes = createOutcomeCounter();
  for (const d of deliveries) outcomes.add(d.outcome ?? 'none');
  // When the refusals came (from the scheduled send): a timeout, a reset at once, or after a wait.
  const refusalTimes = [...new Set(deliveries.map((d) => d.outcome!).filter((o) => o !== '200'))].map((o) => {
    const ms = deliveries.filter((d) => d.outcome === o).map((d) => d.ackMs!);
    return `${o} after p50 ${f(pct(ms, 50))} ms (min ${f(Math.min(...ms))}, max ${f(Math.max(...ms))})`;
  });

  // Per second of the timeline, by scheduled send time (a message's acknowledgement and reply
  // count in the second it was due, whenever they came).
  const seconds = Math.ceil(deliveries.length / o.rate);
  const table = [
    `   second  offered  acked  non-200   ack p50   ack p99   replied  reply p50  reply p99${log.readable ? '  deadlocks (log)' : ''}`,
  ];
  for (let s = 0; s < seconds; s++) {
    const ds = deliveries.slice(Math.round(s * o.rate), Math.round((s + 1) * o.rate));
    const acks = ds.map((d) => d.ackMs!);
    const replies = ds.map(replyMs).filter((x): x is number => x !== undefined);
    const inSecond = reports.filter((r) => r.at >= start + s * 1000 && r.at < start + (s + 1) * 1000).length;
    const ok = ds.filter((d) => d.outcome === '200').length;
    table.push(
      `   ${pad(s + 1, 6)}  ${pad(ds.length, 7)}  ${pad(ok, 5)}  ${pad(ds.length - ok, 7)}  ${pad(f(pct(acks, 50)), 8)}  ${pad(f(pct(acks, 99)), 8)}` +
        `  ${pad(replies.length, 8)}  ${pad(f(pct(replies, 50)), 9)}  ${pad(f(pct(replies, 99)), 9)}${log.readable ? `  ${pad(inSecond, 15)}` : ''}`,
    );
  }

  const acks = deliveries.map((d) => d.ackMs!);
  const replies = deliveries.map(replyMs).filter((x): x is number => x !== undefined);
  const lags = deliveries.map((d) => d.lag!);
  const lost = deliveries.filter((d) => d.outcome === '200' && !first.has(d.waId)).length;
  const refusedUnanswered = deliveries.filter((d) => d.outcome !== '200' && !first.has(d.waId)).length;
  const refusedAnswered = deliveries.filter((d) => d.outcome !== '200' && first.has(d.waId)).length;
  const unanswered = await inboxStates(p, deliveries.filter((d) => !first.has(d.waId)).map((d) => d.waId));
  const lastReply = Math.max(...deliveries.map((d) => first.get(d.waId) ?? -Infinity));
  const afterRun = reports.filter((r) => r.at >= start + seconds * 1000).length;
  const lines = [
    `Open loop: ${o.rate} msg/s offered for ${o.seconds} s (${deliveries.length} webhooks, each from a new customer; after ${warmup.length} unmeasured to warm up)`,
    `   latencies from each message's scheduled send time; per second of the timeline, by scheduled second:`,
    ...table,
    `   total   ack p50 ${f(pct(acks, 50))} ms   p99 ${f(pct(acks, 99))} ms   max ${f(Math.max(...acks))} ms   (server histogram p50 ${serverQuantile(bucketsBefore, bucketsAfter, 0.5)} ms, p99 ${serverQuantile(bucketsBefore, bucketsAfter, 0.99)} ms)`,
    `           reply p50 ${f(pct(replies, 50))} ms   p99 ${f(pct(replies, 99))} ms   max ${f(Math.max(...replies))} ms   (${replies.length}/${deliveries.length} answered; last reply ${f((lastReply - start) / 1000)} s after the first send)`,
    `   deadlocks ${deadlocks} (pg_stat_database${log.readable ? `; server log ${reports.length}${afterRun ? `, ${afterRun} of them after the last send` : ''}` : ''})   non-200 acks ${outcomes.describe()}`,
    ...(refusalTimes.length ? [`   non-200 timing: ${refusalTimes.join('; ')}`] : []),
    `   lost ${lost} (acknowledged with 200, no reply within the ${o.drainSeconds} s drain)   refused: ${refusedUnanswered} not answered, ${refusedAnswered} answered anyway   extra replies ${extra}${unanswered}`,
    `   generator: sent p99 ${f(pct(lags, 99))} ms, max ${f(Math.max(...lags))} ms behind its timeline (included in the latencies above)` +
      `; machine's TCP while sending: ${tcpAfter.listenOverflows - tcpBefore.listenOverflows} listen-queue overflows, ${tcpAfter.synRetrans - tcpBefore.synRetrans} SYN retransmissions`,
    `   ${cpu.line(cpuBefore, cpuAfter, deliveries.length)}`,
  ];
  return { lines, reports };
}
