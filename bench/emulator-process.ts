// The Graph API emulator as its own process for the benchmark, so the platform's peer does
// not share an event loop with the load generator. Prints one JSON line with its URLs, then
// serves until SIGTERM. Env: WEBHOOK_URL, APP_SECRET, STATUSES (true|false).
import { startGraphEmulator } from '../src/emulator/graph-emulator.ts';
import { createLogger } from '../src/platform/logger.ts';

const emu = await startGraphEmulator({
  port: 0,
  webhookUrl: process.env.WEBHOOK_URL ?? 'http://127.0.0.1:3000/webhook',
  appSecret: process.env.APP_SECRET ?? 'bench-app-secret',
  logger: createLogger('warn'),
  statusWebhooks: process.env.STATUSES === 'true',
  statusDelayMs: 5,
  throughputPerSecond: 1000,
});
process.stdout.write(`${JSON.stringify({ url: emu.url, emulatorUrl: emu.emulatorUrl })}\n`);
process.once('SIGTERM', () => void emu.close().then(() => process.exit(0)));
