// Local, offline stand-in for Meta's WhatsApp Cloud API (Graph API) so the platform, the test
// suite, the benchmark and the simulator page can run without Meta. Mounted by the main app
// under `/_emulator` (Graph base `/_emulator/graph/v25.0`), or started standalone.
//
// Graph (any `vNN.N`, Bearer token of the number):
//   POST   /graph/:v/:phoneNumberId/messages   send / mark-as-read, Meta limits and errors
//   GET    /graph/:v/:phoneNumberId?fields=…   phone identity
//   GET    /graph/:v/debug_token?input_token=… token introspection
//   POST   /graph/:v/:phoneNumberId/media      multipart upload → {id}
//   GET    /graph/:v/:mediaId                  media URL (5 min) → /media-files/:id (Bearer)
//   DELETE /graph/:v/:mediaId
// Emulator only (JSON):
//   GET /messages?phone_number_id=&to=   DELETE /messages   GET /inbound   GET /reads
//   POST /inbound   GET /stream?phone_number_id=&wa_id= (SSE)   GET|POST /numbers
//   GET /simulator-media/:id (no token, for the browser)
//   GET|POST|DELETE /faults   sends that fail, answer late or stall on demand (send-faults.ts)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import type { Logger } from 'pino';
import { createEmulatorStore, type EmulatorStore, type RegisterNumberInput, type RegisteredNumber } from './emulator-store.ts';
import { createGraphRouter } from './graph-routes.ts';
import { createInboundDispatcher, type InboundRequest, type InboundResult } from './inbound-dispatch.ts';
import { createInspectionRouter } from './inspection-routes.ts';
import { createMediaHandlers } from './media-routes.ts';
import type { Clock } from './rate-limits.ts';
import { createSendService } from './send-messages.ts';
import { createFaultsRouter, createSendFaults, type SendFaults } from './send-faults.ts';
import { createWebhookDispatcher } from './webhook-dispatcher.ts';

export type GraphEmulatorOptions = {
  /** Where Meta would POST webhooks (our `/webhooks/whatsapp`); a function when the port is known late. */
  webhookUrl: string | (() => string);
  /** Key of X-Hub-Signature-256. */
  appSecret: string;
  logger: Logger;
  /** Send sent → delivered → read webhooks after each accepted message. Default true. */
  statusWebhooks?: boolean;
  /** Pause before each status webhook. Default 20 ms. */
  statusDelayMs?: number;
  /** Go sent → read, as Meta does when the chat is open on the phone. Default false. */
  skipDelivered?: boolean;
  /** Messages per second per business number, sliding 1 s window (130429). Default 80. */
  throughputPerSecond?: number;
  /**
   * Meta's pair rate limit, 1 msg / 6 s per user with bursts of 45 (131056). Default false:
   * our engine answers every customer message, so real traffic stays far below it.
   */
  pairRateLimit?: boolean;
  /** 24 h customer-service window: free-form sends outside it fail with 131047 by webhook. Default false. */
  enforceWindow?: boolean;
  /** Pauses before webhook retries; its length is the number of retries. Default [50, 250, 1000]. */
  webhookRetryDelaysMs?: number[];
  /** Clock for windows, limits and timestamps (tests). Default Date.now. */
  now?: Clock;
  /**
   * Called when a number (or a token) is not registered: registers what was created since, so a
   * company created while the emulator runs works at once. Concurrent misses share one call.
   */
  refresh?: () => Promise<void>;
};

export type GraphEmulator = {
  /** Mount under `/_emulator`. */
  router: Router;
  store: EmulatorStore;
  /** Faults on demand for sends (also over HTTP at `/faults`). */
  faults: SendFaults;
  registerNumber(input: RegisterNumberInput): RegisteredNumber;
  /** Simulates a customer message: builds, records, signs and POSTs the inbound webhook. */
  dispatchInbound(input: InboundRequest): Promise<InboundResult>;
  /** Stops status webhooks and retries in flight and ends SSE streams. */
  close(): Promise<void>;
};

export function createGraphEmulator(options: GraphEmulatorOptions): GraphEmulator {
  const logger = options.logger.child({ component: 'graph-emulator' });
  const now = options.now ?? Date.now;
  const lifetime = new AbortController();
  const store = createEmulatorStore();
  const webhookUrl = (): string => (typeof options.webhookUrl === 'function' ? options.webhookUrl() : options.webhookUrl);
  const dispatcher = createWebhookDispatcher({
    webhookUrl,
    appSecret: options.appSecret,
    logger,
    signal: lifetime.signal,
    ...(options.webhookRetryDelaysMs === undefined ? {} : { retryDelaysMs: options.webhookRetryDelaysMs }),
  });
  const sendService = createSendService({
    store,
    dispatcher,
    logger,
    now,
    signal: lifetime.signal,
    settings: {
      statusWebhooks: options.statusWebhooks ?? true,
      statusDelayMs: options.statusDelayMs ?? 20,
      skipDelivered: options.skipDelivered ?? false,
      throughputPerSecond: options.throughputPerSecond ?? 80,
      pairRateLimit: options.pairRateLimit ?? false,
      enforceWindow: options.enforceWindow ?? false,
    },
  });
  let refreshing: Promise<void> | undefined;
  const refresh = async () => {
    if (!options.refresh) return;
    refreshing ??= options.refresh().finally(() => (refreshing = undefined));
    await refreshing;
  };
  const dispatchInbound = createInboundDispatcher({ store, dispatcher, logger, now, refresh });
  const faults = createSendFaults(now);
  const inspection = createInspectionRouter({
    store,
    logger,
    dispatchInbound,
    resetLimits: () => sendService.resetLimits(),
  });

  const router = Router();
  router.use('/graph/:version', createGraphRouter({ store, sendService, logger, now, webhookUrl, faults, signal: lifetime.signal, refresh }));
  router.use(createFaultsRouter(faults));
  router.use(createMediaHandlers(store, now).downloadRouter());
  router.use(inspection.router);

  return {
    router,
    store,
    faults,
    registerNumber: (input) => store.registerNumber(input),
    dispatchInbound,
    async close() {
      lifetime.abort();
      inspection.closeStreams();
      await sendService.drain();
    },
  };
}

export type StartGraphEmulatorOptions = GraphEmulatorOptions & { port: number; host?: string };

export type RunningGraphEmulator = {
  /** Graph base without version, e.g. http://127.0.0.1:4010/_emulator/graph (append `/v25.0`). */
  url: string;
  /** e.g. http://127.0.0.1:4010/_emulator (inspection API, inbound, stream). */
  emulatorUrl: string;
  emulator: GraphEmulator;
  server: Server;
  close(): Promise<void>;
};

/** Standalone emulator on its own HTTP server (port 0 picks a free port). */
export async function startGraphEmulator({ port, host, ...options }: StartGraphEmulatorOptions): Promise<RunningGraphEmulator> {
  const emulator = createGraphEmulator(options);
  const app = express();
  app.disable('x-powered-by');
  app.use('/_emulator', emulator.router);
  const server = createServer(app);
  const bindHost = host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const emulatorUrl = `http://${urlHost}:${address.port}/_emulator`;
  return {
    url: `${emulatorUrl}/graph`,
    emulatorUrl,
    emulator,
    server,
    async close() {
      await emulator.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
