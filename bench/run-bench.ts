// Benchmark: the platform as its own processes (web + worker, or one doing both), the Graph API
// emulator in another, and the load generator in this one. Drives signed Meta webhooks at
// /webhook and prints figures.
// Usage: npm run bench -- [--messages 6000] [--rate 200] [--ack-seconds 10] [--customers 3000]
//                         [--companies 8] [--concurrency 64] [--statuses] [--workers 16] [--single] [--profile]
//        npm run bench -- --ai-latency 3000 [--rate 20] [--ai-rate 3] [--seconds 8] [--companies 4]  (see ai-latency.ts)
//        npm run bench -- --open-loop [--rate 200] [--seconds 20] [--warmup-seconds 2] [--drain-seconds 120]
//                         [--ack-timeout 30] [--split] [--regulars 0]  (open loop defaults to --single; --split: web + worker;
//                         --regulars N: the deadlock test's pattern, returning customers and two-message webhooks)
// Both: [--max-sockets 256] (connections to the platform) [--pg-log /var/log/postgresql/postgresql-15-main.log] (where to find deadlock reports)
import os from 'node:os';
import { describeReports, watchServerLog } from './bench-deadlocks.ts';
import { setMaxSockets } from './bench-measure.ts';
import { startBenchPlatform } from './bench-platform.ts';
import { runClosedLoop } from './closed-loop.ts';
import { runOpenLoop } from './open-loop.ts';
import { runAiLatency, startAiModel } from './ai-latency.ts';
import { ADMIN } from './bench-platform.ts';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? 'true' : all[i + 1]!]] : [])),
);
const num = (k: string, d: number) => (args[k] ? Number(args[k]) : d);
const OPEN_LOOP = args['open-loop'] === 'true';
const STATUSES = args.statuses === 'true';
// The open loop measures the issue's targets, which are for one process (`npm start`).
const SINGLE = args.single === 'true' || (OPEN_LOOP && args.split !== 'true');
const WORKERS = num('workers', 16);
// CPU priority of the worker process (nice value; the platform's default WORKER_NICE is 10).
const WORKER_NICE = num('worker-nice', 10);
const AI_LATENCY = args['ai-latency'] ? num('ai-latency', 3000) : null;
const COMPANIES = num('companies', AI_LATENCY === null ? 8 : 4);
const CUSTOMERS = num('customers', 3000);

async function main() {
  setMaxSockets(num('max-sockets', 256));
  // How busy the machine was before we added to it (1, 5, 15 min), to compare noisy runs.
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const log = watchServerLog(args['pg-log']);
  const model = AI_LATENCY === null ? null : await startAiModel(AI_LATENCY);
  const aiEnv = model ? { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: model.url, AI_TIMEOUT_MS: String(AI_LATENCY! + 10_000) } : undefined;
  const platform = await startBenchPlatform({ single: SINGLE, workers: WORKERS, workerNice: WORKER_NICE, statuses: STATUSES, companies: COMPANIES, profile: args.profile === 'true', env: aiEnv });
  try {
    const result = model
      ? { ...(await runAiLatency(platform, { aiLatencyMs: AI_LATENCY!, rate: num('rate', 20), aiRate: num('ai-rate', 3), seconds: num('seconds', 8) }, ADMIN)), reports: [] }
      : OPEN_LOOP
      ? await runOpenLoop(platform, {
          rate: num('rate', 200),
          seconds: num('seconds', 20),
          warmupSeconds: num('warmup-seconds', 2),
          drainSeconds: num('drain-seconds', 120),
          ackTimeoutSeconds: num('ack-timeout', 30),
          single: SINGLE,
          regulars: num('regulars', 0),
        }, log)
      : await runClosedLoop(platform, {
          messages: num('messages', 6000),
          rate: num('rate', 200),
          ackSeconds: num('ack-seconds', 10),
          customers: CUSTOMERS,
          concurrency: num('concurrency', 64),
          statuses: STATUSES,
          single: SINGLE,
        }, log);
    const loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    const lines = [
      `Mostrador benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; load average ${loadBefore} before, ${loadAfter} after`,
      `processes: ${platform.roles.join(' + ')}${WORKER_NICE && !SINGLE ? ` (worker at nice ${WORKER_NICE})` : ''}, emulator, load generator; companies ${COMPANIES} (1000 msg/s per number)` +
        `${OPEN_LOOP ? '' : `, customers ${CUSTOMERS}`}, worker concurrency ${WORKERS}, status webhooks ${STATUSES ? 'on' : 'off'}`,
      ``,
      ...result.lines,
      ...describeReports(result.reports, log.save(result.reports)),
      ...(log.readable ? [] : [`   (server log not readable${log.file ? `: ${log.file}` : ''}; --pg-log PATH to count deadlock reports there)`]),
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    await platform.stop();
    await model?.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
