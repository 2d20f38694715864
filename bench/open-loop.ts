// The open-loop benchmark: signed webhooks at a steady offered rate on a fixed timeline, each
// sent when its time comes whatever happened to the earlier ones, each from a new customer
// (or, with regulars, some from returning customers and some carrying two messages).
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
  /** 0: every message from a new customer. N: also N regular customers (see buildDeliveries). */
  regulars: number;
};

type Message = { waId: string; /** When the emulator received its reply, epoch ms. */ replyAt?: number };

type Delivery = {
  messages: Message[];
  body: string;
  /** Scheduled send time, epoch ms (fractional). */
  due: number;
  /** How late the generator actually sent it, ms. */
  lag?: number;
  outcome?: AckOutcome;
  /** Scheduled send → response (or error), ms. */
  ackMs?: number;
};

/**
 * Builds `n` deliveries (webhooks) with wa_ids starting with `prefix`. Without regulars each
 * carries one message from a new customer. With regulars (spread over the companies), as in
 * test/webhook-deadlock.test.ts: every third message comes from a regular instead, and every
 * other webhook also carries a message from a regular of the same company (Meta batches), so
 * concurrent stores share queues whose drain jobs are running.
 */
function buildDeliveries(numbers: string[], prefix: string, n: number, regulars: number): Delivery[] {
  // Regular r writes to company r % companies; new customers' wa_ids have 8 digits after the
  // prefix, regulars' a 9 and 7 digits, so the two never meet.
  const companies = numbers.length;
  const regular = (r: number) => ({ company: r % companies, waId: `${prefix}9${String(r).padStart(7, '0')}` });
  const perCompany = Math.floor(regulars / companies);
  return Array.from({ length: n }, (_, k) => {
    const first = regulars > 0 && k % 3 === 1 ? regular(k % regulars) : { company: k % companies, waId: `${prefix}${String(k).padStart(8, '0')}` };
    const phoneNumberId = numbers[first.company]!;
    const text = TEXTS[k % TEXTS.length]!;
    const { payload } = inboundPayload({ phoneNumberId, from: first.waId, name: 'Cliente', message: { type: 'text', text } });
    const messages: Message[] = [{ waId: first.waId }];
    const second = perCompany > 0 && k % 2 === 0 ? regular(first.company + companies * ((k + 5) % perCompany)) : undefined;
    if (second && second.waId !== first.waId) {
      const extra = inboundPayload({ phoneNumberId, from: second.waId, name: 'Cliente', message: { type: 'text', text: 'menu' } }).payload;
      const value = (p: typeof payload) => (p as unknown as { entry: { changes: { value: { messages: unknown[]; contacts: unknown[] } }[] }[] }).entry[0]!.changes[0]!.value;
      value(payload).messages.push(...value(extra).messages);
      value(payload).contacts.push(...value(extra).contacts);
      messages.push({ waId: second.waId });
    }
    return { messages, body: escapeUnicode(JSON.stringify(payload)), due: 0 };
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

/**
 * Pairs each message with its reply: a customer's replies in time order go to its messages
 * acknowledged with 200 in send order (a conversation is answered in order), then to its refused
 * ones (stored anyway). A new customer has one message, so its reply is simply its first.
 * Returns how many replies were left over (duplicates).
 */
async function pairReplies(p: BenchPlatform, deliveries: Delivery[]): Promise<number> {
  const sentBy = new Map<string, Message[]>();
  const ordered = [...deliveries.filter((d) => d.outcome === '200'), ...deliveries.filter((d) => d.outcome !== '200')];
  for (const d of ordered) for (const m of d.messages) sentBy.set(m.waId, [...(sentBy.get(m.waId) ?? []), m]);
  const repliesBy = new Map<string, number[]>();
  for (const r of await p.emuApi.list()) if (sentBy.has(r.waId)) repliesBy.set(r.waId, [...(repliesBy.get(r.waId) ?? []), Date.parse(r.receivedAt)]);
  let extra = 0;
  for (const [waId, messages] of sentBy) {
    const replies = (repliesBy.get(waId) ?? []).sort((a, b) => a - b);
    messages.forEach((m, i) => (m.replyAt = replies[i]));
    extra += Math.max(0, replies.length - messages.length);
  }
  return extra;
}

/** Waits until every message acknowledged with 200 has its reply, or `timeoutMs`; returns the duplicates. */
async function drain(p: BenchPlatform, deliveries: Delivery[], expectedBefore: number, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  const acked = deliveries.filter((d) => d.outcome === '200').flatMap((d) => d.messages);
  // Counting is cheap for the emulator; the full list is fetched once the count says it may be done.
  while (Date.now() < until) {
    if ((await p.emuApi.count()) >= expectedBefore + acked.length) {
      await pairReplies(p, deliveries);
      if (acked.every((m) => m.replyAt !== undefined)) break;
    }
    await sleep(250);
  }
  await sleep(500); // anything extra (a second reply) would show up now
  return pairReplies(p, deliveries);
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
  return `; unanswered new customers by inbox state: ${[...rows.map((r) => `${r.state} ${r.n}`), `not stored ${waIds.length - stored}`].join(', ')}`;
}

export async function runOpenLoop(p: BenchPlatform, o: OpenLoopOptions, log: ReturnType<typeof watchServerLog>) {
  const url = `${p.base}/webhook`;
  const timeoutMs = o.ackTimeoutSeconds * 1000;

  // Warm-up (not measured): the same rate, other new customers, until all are answered, so the
  // platform runs optimised code with its connections open and statements prepared.
  const warmup = buildDeliveries(p.numbers, '52166', Math.round(o.rate * o.warmupSeconds), o.regulars);
  await drive(url, warmup, o.rate, timeoutMs);
  await drain(p, warmup, 0, 60_000);
  const repliesBefore = await p.emuApi.count();

  const deliveries = buildDeliveries(p.numbers, '52177', Math.round(o.rate * o.seconds), o.regulars);
  const messages = deliveries.flatMap((d) => d.messages);
  const deadlocksBefore = await settledDeadlocks(p.dbPool);
  const logMark = log.mark();
  const bucketsBefore = await serverAckBuckets(p.base);
  const cpu = createCpuMeter(p, o.single);
  const cpuBefore = await cpu.now();
  const tcpBefore = tcpTroubles();

  const start = await drive(url, deliveries, o.rate, timeoutMs);
  const tcpAfter = tcpTroubles();
  const bucketsAfter = await serverAckBuckets(p.base);
  const extra = await drain(p, deliveries, repliesBefore, o.drainSeconds * 1000);
  const cpuAfter = await cpu.now();
  cpu.stop();
  const deadlocks = (await settledDeadlocks(p.dbPool)) - deadlocksBefore;
  const reports: DeadlockReport[] = log.reports(logMark);

  const replyMs = (d: Delivery) => d.messages.flatMap((m) => (m.replyAt === undefined ? [] : [m.replyAt - d.due]));
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
    const replies = ds.flatMap(replyMs);
    const inSecond = reports.filter((r) => r.at >= start + s * 1000 && r.at < start + (s + 1) * 1000).length;
    const ok = ds.filter((d) => d.outcome === '200').length;
    table.push(
      `   ${pad(s + 1, 6)}  ${pad(ds.length, 7)}  ${pad(ok, 5)}  ${pad(ds.length - ok, 7)}  ${pad(f(pct(acks, 50)), 8)}  ${pad(f(pct(acks, 99)), 8)}` +
        `  ${pad(replies.length, 8)}  ${pad(f(pct(replies, 50)), 9)}  ${pad(f(pct(replies, 99)), 9)}${log.readable ? `  ${pad(inSecond, 15)}` : ''}`,
    );
  }

  const acks = deliveries.map((d) => d.ackMs!);
  const replies = deliveries.flatMap(replyMs);
  const lags = deliveries.map((d) => d.lag!);
  const count = (ok: boolean, answered: boolean) =>
    deliveries.filter((d) => (d.outcome === '200') === ok).flatMap((d) => d.messages).filter((m) => (m.replyAt !== undefined) === answered).length;
  const lost = count(true, false);
  const refusedUnanswered = count(false, false);
  const refusedAnswered = count(false, true);
  // Only for customers with one message here (new ones): a regular's rows mix answered and not.
  const once = new Map<string, number>();
  for (const m of messages) once.set(m.waId, (once.get(m.waId) ?? 0) + 1);
  const unanswered = await inboxStates(p, messages.filter((m) => m.replyAt === undefined && once.get(m.waId) === 1).map((m) => m.waId));
  const lastReply = Math.max(...messages.map((m) => m.replyAt ?? -Infinity));
  const afterRun = reports.filter((r) => r.at >= start + seconds * 1000).length;
  const lines = [
    `Open loop: ${o.rate} webhooks/s offered for ${o.seconds} s (${deliveries.length} webhooks, ` +
      (o.regulars ? `${messages.length} messages: new customers, a third from ${o.regulars} regulars, every other webhook with a second message from a regular` : 'each one message from a new customer') +
      `; after ${warmup.length} unmeasured to warm up)`,
    `   latencies from each message's scheduled send time; per second of the timeline, by scheduled second:`,
    ...table,
    `   total   ack p50 ${f(pct(acks, 50))} ms   p99 ${f(pct(acks, 99))} ms   max ${f(Math.max(...acks))} ms   (server histogram p50 ${serverQuantile(bucketsBefore, bucketsAfter, 0.5)} ms, p99 ${serverQuantile(bucketsBefore, bucketsAfter, 0.99)} ms)`,
    `           reply p50 ${f(pct(replies, 50))} ms   p99 ${f(pct(replies, 99))} ms   max ${f(Math.max(...replies))} ms   (${replies.length}/${messages.length} messages answered; last reply ${f((lastReply - start) / 1000)} s after the first send)`,
    `   deadlocks ${deadlocks} (pg_stat_database${log.readable ? `; server log ${reports.length}${afterRun ? `, ${afterRun} of them after the last send` : ''}` : ''})   non-200 acks ${outcomes.describe()}`,
    ...(refusalTimes.length ? [`   non-200 timing: ${refusalTimes.join('; ')}`] : []),
    `   lost ${lost} (acknowledged with 200, no reply within the ${o.drainSeconds} s drain)   refused: ${refusedUnanswered} not answered, ${refusedAnswered} answered anyway   extra replies ${extra}${unanswered}`,
    `   generator: sent p99 ${f(pct(lags, 99))} ms, max ${f(Math.max(...lags))} ms behind its timeline (included in the latencies above)` +
      `; machine's TCP while sending: ${tcpAfter.listenOverflows - tcpBefore.listenOverflows} listen-queue overflows, ${tcpAfter.synRetrans - tcpBefore.synRetrans} SYN retransmissions`,
    `   ${cpu.line(cpuBefore, cpuAfter, messages.length)}`,
  ];
  return { lines, reports };
}
