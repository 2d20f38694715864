// The Graph API emulator as its own process, for the benchmark and the chaos suite, so the
// platform's peer does not share an event loop with the load generator. Prints one JSON line
// with its URLs, then serves until SIGTERM. Faults on demand: POST {emulatorUrl}/faults.
// Env: WEBHOOK_URL, APP_SECRET, STATUSES (true|false, default false), STATUS_DELAY_MS (5),
// THROUGHPUT (messages/s per number, 1000), WEBHOOK_RETRY_DELAYS (ms between webhook retries,
// comma-separated; default the emulator's short 50,250,1000), LOG_LEVEL (warn, on stderr).
import { pino } from 'pino';
import { startGraphEmulator } from '../src/emulator/graph-emulator.ts';
import { createLogger } from '../src/platform/logger.ts';

const env = process.env;
const int = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
};
const retryDelays = env.WEBHOOK_RETRY_DELAYS?.split(',').map((s) => int(s.trim(), -1)).filter((n) => n >= 0);

const emu = await startGraphEmulator({
  port: 0,
  webhookUrl: env.WEBHOOK_URL ?? 'http://127.0.0.1:3000/webhook',
  appSecret: env.APP_SECRET ?? 'bench-app-secret',
  logger: createLogger(env.LOG_LEVEL ?? 'warn', pino.destination({ fd: 2, sync: true })),
  statusWebhooks: env.STATUSES === 'true',
  statusDelayMs: int(env.STATUS_DELAY_MS, 5),
  throughputPerSecond: int(env.THROUGHPUT, 1000),
  ...(retryDelays && retryDelays.length > 0 ? { webhookRetryDelaysMs: retryDelays } : {}),
});
process.stdout.write(`${JSON.stringify({ url: emu.url, emulatorUrl: emu.emulatorUrl })}\n`);
process.once('SIGTERM', () => void emu.close().then(() => process.exit(0)));
