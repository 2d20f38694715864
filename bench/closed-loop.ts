// The closed-loop benchmark: A. acknowledgement latency at a fixed rate, then B. sustained
// throughput with a fixed number of senders that each wait for their previous acknowledgement.
import { escapeUnicode, inboundPayload } from '../test/helpers/meta-client.ts';
import { settledDeadlocks, type watchServerLog, type DeadlockReport } from './bench-deadlocks.ts';
import { createCpuMeter, createOutcomeCounter, f, pct, postWebhook, serverAckBuckets, serverQuantile, type AckOutcome } from './bench-measure.ts';
import { sleep, type BenchPlatform } from './bench-platform.ts';

export type ClosedLoopOptions = {
  messages: number;
  rate: number;
  ackSeconds: number;
  customers: number;
  concurrency: number;
  statuses: boolean;
  single: boolean;
};

export const TEXTS = ['hola', '1', 'catalogo', 'menu', 'mi pedido', 'kiero ver el catalogo', 'ola', '3'];

/** Runs phases A and B; returns the report lines and the server log's deadlock reports of both. */
export async function runClosedLoop(p: BenchPlatform, o: ClosedLoopOptions, log: ReturnType<typeof watchServerLog>) {
  const { base, emuApi, numbers } = p;
  type Sent = { waId: string; at: number };
  const sent: Sent[] = [];
  // Non-200 acknowledgements of the measured phases (a message refused is not expected to be
  // answered, so it is counted here and left out of `sent`).
  let outcomes = createOutcomeCounter();
  const customerOf = (n: number) => ({ phone: numbers[n % numbers.length]!, waId: `52155${String(n).padStart(8, '0')}` });
  async function post(n: number, text: string, dupOf?: { id: string; body: string }) {
    const c = customerOf(n);
    const built = dupOf ?? (() => {
      const { id, payload } = inboundPayload({ phoneNumberId: c.phone, from: c.waId, name: 'Cliente Bench', message: { type: 'text', text } });
      return { id, body: escapeUnicode(JSON.stringify(payload)) };
    })();
    const t0 = performance.now();
    const at = Date.now();
    const outcome: AckOutcome = await postWebhook(`${base}/webhook`, built.body);
    outcomes.add(outcome);
    if (!dupOf && outcome === '200') sent.push({ waId: c.waId, at });
    return { ms: performance.now() - t0, built };
  }
  async function waitReplies(expected: number, timeoutMs: number) {
    const until = Date.now() + timeoutMs;
    while ((await emuApi.count()) < expected && Date.now() < until) await sleep(100);
    await sleep(500); // anything extra (a duplicate reply) would show up now
    return emuApi.count();
  }

  // Warm-up (not measured): 2 s at the phase A rate, so both processes run optimised code with
  // their statements prepared before anything is timed.
  const warmup = o.rate * 2;
  const warming: Promise<unknown>[] = [];
  for (let i = 0; i < warmup; i++) {
    warming.push(post((o.customers - 1 - i) % o.customers, TEXTS[i % TEXTS.length]!));
    await sleep(1000 / o.rate);
  }
  await Promise.all(warming);
  const warmupReplies = await waitReplies(warmup, 60_000);
  const deadlocksBefore = await settledDeadlocks(p.dbPool);
  const logMarkA = log.mark();
  outcomes = createOutcomeCounter();
  const bucketsBefore = await serverAckBuckets(base);

  // Phase A: acknowledgement latency at a fixed rate.
  const ackMs: number[] = [];
  const totalA = o.rate * o.ackSeconds;
  const startA = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < totalA; i++) {
    const due = startA + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(post(i % o.customers, TEXTS[i % TEXTS.length]!).then((r) => void ackMs.push(r.ms)));
  }
  await Promise.all(inflight);
  const bucketsAfter = await serverAckBuckets(base);
  const gotA = (await waitReplies(warmupReplies + totalA, 120_000)) - warmupReplies;
  const deadlocksA = await settledDeadlocks(p.dbPool);
  const logMarkB = log.mark();
  const outcomesA = outcomes;
  outcomes = createOutcomeCounter();

  // Phase B: sustained throughput, as fast as the platform takes it, with 3% redeliveries.
  const before = await emuApi.count();
  const ackB: number[] = [];
  let next = 0;
  let dups = 0;
  const cpu = createCpuMeter(p, o.single);
  const cpuBefore = await cpu.now();
  const tB = Date.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (next < o.messages) {
        const i = next++;
        // A customer comes round again every `customers` messages, with the next text: two equal
        // texts from one customer pending together are one turn (a burst, one reply), and this
        // phase counts one reply per message.
        const r = await post((i * 7919) % o.customers, TEXTS[(i + Math.floor(i / o.customers)) % TEXTS.length]!);
        ackB.push(r.ms);
        if (i % 33 === 0) {
          await post(0, '', r.built);
          dups++;
        }
      }
    }),
  );
  const ingestSeconds = (Date.now() - tB) / 1000;
  const gotB = (await waitReplies(before + o.messages - outcomes.total(), 300_000)) - before;
  const all = await emuApi.list();
  const phaseB = all.slice(before);
  const lastReply = Math.max(...phaseB.map((r) => Date.parse(r.receivedAt)));
  const cpuAfter = await cpu.now();
  cpu.stop();
  const e2eSeconds = (lastReply - tB) / 1000;
  const deadlocksB = await settledDeadlocks(p.dbPool);
  const outcomesB = outcomes;

  // Pair each message with its reply (one reply per message, in order per customer).
  const byCustomer = new Map<string, number[]>();
  for (const r of all) byCustomer.set(r.waId, [...(byCustomer.get(r.waId) ?? []), Date.parse(r.receivedAt)]);
  const sentBy = new Map<string, number[]>();
  for (const s of sent) sentBy.set(s.waId, [...(sentBy.get(s.waId) ?? []), s.at]);
  const latB: number[] = [];
  let lost = 0;
  let extra = 0;
  for (const [waId, times] of sentBy) {
    const got = (byCustomer.get(waId) ?? []).sort((a, b) => a - b);
    if (got.length < times.length) lost += times.length - got.length;
    if (got.length > times.length) extra += got.length - times.length;
    times.forEach((t, k) => {
      if (got[k] !== undefined && t >= tB) latB.push(got[k]! - t);
    });
  }
  const statusLine = o.statuses ? await statusesLine(p) : undefined;
  const reports: DeadlockReport[] = log.reports(logMarkA);
  const lines = [
    `A. acknowledgement at ${o.rate} msg/s for ${o.ackSeconds} s (${totalA} webhooks, after ${warmup} unmeasured to warm up)`,
    `   ack seen by the sender   p50 ${f(pct(ackMs, 50))} ms   p99 ${f(pct(ackMs, 99))} ms   max ${f(Math.max(...ackMs))} ms   replies ${gotA}/${totalA}`,
    `   ack measured by the server   p50 ${serverQuantile(bucketsBefore, bucketsAfter, 0.5)} ms   p99 ${serverQuantile(bucketsBefore, bucketsAfter, 0.99)} ms`,
    `   deadlocks ${deadlocksA - deadlocksBefore} (pg_stat_database${log.readable ? `; server log ${log.reports(logMarkA, logMarkB).length}` : ''})   non-200 acks ${outcomesA.describe()}`,
    `B. sustained: ${o.messages} messages (+${dups} redeliveries) with ${o.concurrency} concurrent senders`,
    `   ingest ${f(o.messages / ingestSeconds)} msg/s (ack p50 ${f(pct(ackB, 50))} ms, p99 ${f(pct(ackB, 99))} ms)`,
    `   end to end ${f(gotB / e2eSeconds)} msg/s (${gotB} replies in ${f(e2eSeconds)} s, inbound stored → reply accepted by the emulator)`,
    `   reply latency p50 ${f(pct(latB, 50))} ms   p99 ${f(pct(latB, 99))} ms`,
    `   ${cpu.line(cpuBefore, cpuAfter, o.messages)}`,
    `   deadlocks ${deadlocksB - deadlocksA} (pg_stat_database${log.readable ? `; server log ${log.reports(logMarkB).length}` : ''})   non-200 acks ${outcomesB.describe()}`,
    `   lost ${lost}   duplicated ${extra}   (messages acknowledged with 200: ${sent.length}, replies ${all.length})`,
    ...(statusLine ? [statusLine] : []),
  ];
  return { lines, reports };
}

/** With status webhooks on: waits until they are all applied, then says how far the replies got. */
async function statusesLine(p: BenchPlatform): Promise<string> {
  const { dbPool } = p;
  const statusEvents = async (state: 'pending' | 'processed') =>
    Number((await dbPool.query<{ n: string }>(`SELECT count(*) AS n FROM inbox_events WHERE kind = 'status' AND state = $1`, [state])).rows[0]!.n);
  for (let waited = 0; waited < 60_000 && (await statusEvents('pending')) > 0; waited += 250) await sleep(250);
  const counts = new Map<string, number>();
  const { rows: schemas } = await dbPool.query<{ schema_name: string }>('SELECT schema_name FROM companies');
  for (const { schema_name } of schemas) {
    const { rows } = await dbPool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM "${schema_name}".messages WHERE direction = 'outbound' GROUP BY status`,
    );
    for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + r.n);
  }
  const applied = await statusEvents('processed');
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `   statuses: ${applied} status webhooks applied; replies by status: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')} (of ${total})`;
}
