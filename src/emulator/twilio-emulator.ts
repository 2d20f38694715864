// Local, offline stand-in for Twilio's WhatsApp channel, speaking Twilio's wire format: the REST
// API the platform sends through (twilio-rest.ts), signed form posts of customers' messages to a
// sender's webhook, and signed status callbacks. Mounted by the main app under `/_emulator/twilio`
// (REST base `/_emulator/twilio`, so the platform's TWILIO_API_URL points there).
//
// Emulator only (JSON):
//   POST /inbound {to, from, name?, type, text?, location?, caption?, button?}   a customer writes
//   GET  /messages?from=&to=   DELETE /messages   GET /inbound   GET|POST /senders
//   GET  /stream?sender=&wa_id=   the chat as Server-Sent Events (the simulator)
//   GET|POST|DELETE /faults   sends that fail, answer late or stall on demand
import { serveChatStream } from './chat-stream.ts';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z, ZodError } from 'zod';
import type { Clock } from './rate-limits.ts';
import { createTwilioEmulatorStore, digits, newSid, type ChatMessage, type TwilioChatEvent, type TwilioEmulatorStore, type TwilioSender } from './twilio-emulator-store.ts';
import { postSigned } from './twilio-posts.ts';
import { createTwilioRestRouter, TwilioApiError, type TwilioFault } from './twilio-rest.ts';

export type TwilioEmulatorOptions = {
  logger: Logger;
  /** Status callbacks (sent → delivered → read) after each accepted message. Default true. */
  statusCallbacks?: boolean;
  /** Pause before each status callback. Default 20 ms. */
  statusDelayMs?: number;
  /** 24 h customer-service window: free-form sends outside it fail with 63016. Default false. */
  enforceWindow?: boolean;
  /** Called when a sender or account is not known: registers what was created since (a new company). */
  refresh?: () => Promise<void>;
  /**
   * Where a post to `url` is really sent. Posts are signed over the URL as configured (the
   * public one, as Twilio does); locally the platform may listen elsewhere (a proxy's place).
   */
  deliveryUrl?: (url: string) => string;
  now?: Clock;
};

export type TwilioEmulator = {
  router: Router;
  store: TwilioEmulatorStore;
  registerSender(s: TwilioSender): TwilioSender;
  dispatchInbound(input: TwilioInboundRequest): Promise<{ sid: string; status: number; attempts: number }>;
  close(): Promise<void>;
};

export const twilioInboundSchema = z.object({
  /** The business's WhatsApp sender (+E.164). */
  to: z.string().regex(/^(whatsapp:)?\+?\d{6,15}$/),
  from: z.string().regex(/^(whatsapp:)?\+?[\d\s()-]{6,20}$/, 'from must be a phone number'),
  name: z.string().min(1).max(100).optional(),
  type: z.enum(['text', 'location', 'image', 'audio', 'sticker', 'video', 'document', 'button']),
  text: z.string().min(1).max(4096).optional(),
  caption: z.string().max(1024).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().optional(), address: z.string().optional() }).optional(),
  button: z.object({ payload: z.string().min(1), text: z.string().min(1) }).optional(),
});
export type TwilioInboundRequest = z.input<typeof twilioInboundSchema>;

export class UnknownSenderError extends Error {
  constructor(readonly number: string) {
    super(`WhatsApp sender ${number} is not registered in the Twilio emulator`);
  }
}

const MEDIA: Record<string, { contentType: string; file: string }> = {
  image: { contentType: 'image/jpeg', file: 'foto.jpg' },
  audio: { contentType: 'audio/ogg', file: 'nota.ogg' },
  sticker: { contentType: 'image/webp', file: 'sticker.webp' },
  video: { contentType: 'video/mp4', file: 'video.mp4' },
  document: { contentType: 'application/pdf', file: 'documento.pdf' },
};

const faultSchema = z.object({
  /** whatsapp:+… or +… of the sender; absent: every sender. */
  from: z.string().optional(),
  mode: z.enum(['error', 'slow', 'stall', 'none']),
  /** "500", "429:20429", "400:21211"… answered in turn (status:code). */
  errors: z.array(z.string().regex(/^\d{3}(:\d{1,6})?$/)).optional(),
  delay_ms: z.number().int().min(0).max(120_000).optional(),
  accept: z.boolean().optional(),
  count: z.number().int().min(1).optional(),
});

export function createTwilioEmulator(options: TwilioEmulatorOptions): TwilioEmulator {
  const logger = options.logger.child({ component: 'twilio-emulator' });
  const now = options.now ?? Date.now;
  const lifetime = new AbortController();
  const store = createTwilioEmulatorStore();
  const faults = new Map<string, TwilioFault>();
  let refreshing: Promise<void> | undefined;
  const refresh = async () => {
    if (!options.refresh) return;
    refreshing ??= options.refresh().finally(() => (refreshing = undefined));
    await refreshing;
  };

  function takeFault(from: string): TwilioFault | undefined {
    const key = digits(from);
    const fault = faults.get(key) ?? faults.get('*');
    if (!fault) return undefined;
    fault.used++;
    if (fault.remaining !== null && --fault.remaining <= 0) faults.delete(faults.get(key) === fault ? key : '*');
    return fault;
  }

  const rest = createTwilioRestRouter({
    store,
    logger,
    deliveryUrl: options.deliveryUrl ?? ((url) => url),
    now,
    signal: lifetime.signal,
    takeFault,
    refresh,
    settings: { statusCallbacks: options.statusCallbacks ?? true, statusDelayMs: options.statusDelayMs ?? 20, enforceWindow: options.enforceWindow ?? false },
  });

  /** Twilio's inbound parameters for a simulated customer message, in the order Twilio sends them. */
  function inboundParams(req: z.output<typeof twilioInboundSchema>, sender: TwilioSender, sid: string, waId: string, name: string): { params: [string, string][]; chat: ChatMessage } {
    const media = MEDIA[req.type];
    const body = req.type === 'text' ? (req.text ?? '') : req.type === 'button' ? (req.button?.text ?? '') : (req.caption ?? '');
    const messageType = req.type === 'button' ? 'button' : req.type === 'sticker' ? 'sticker' : req.type;
    const params: [string, string][] = [
      ['SmsMessageSid', sid],
      ['NumMedia', media ? '1' : '0'],
      ['ProfileName', name],
      ['MessageType', messageType],
      ['SmsSid', sid],
      ['WaId', waId],
      ['SmsStatus', 'received'],
      ['Body', body],
      ['To', `whatsapp:${sender.number}`],
      ['NumSegments', '1'],
      ['ReferralNumMedia', '0'],
      ['MessageSid', sid],
      ['AccountSid', sender.accountSid],
      ['ChannelMetadata', JSON.stringify({ type: 'whatsapp', data: { context: { ProfileName: name, WaId: waId } } })],
      ['From', `whatsapp:+${waId}`],
      ['ApiVersion', '2010-04-01'],
    ];
    if (media) {
      params.push(['MediaContentType0', media.contentType], ['MediaUrl0', `https://api.twilio.com/2010-04-01/Accounts/${sender.accountSid}/Messages/${sid}/Media/${newSid('ME')}`]);
    }
    if (req.type === 'location' && req.location) {
      params.push(['Latitude', String(req.location.latitude)], ['Longitude', String(req.location.longitude)]);
      if (req.location.address) params.push(['Address', req.location.address]);
      if (req.location.name) params.push(['Label', req.location.name]);
    }
    if (req.type === 'button' && req.button) params.push(['ButtonText', req.button.text], ['ButtonPayload', req.button.payload]);
    const chat: ChatMessage =
      req.type === 'text' || req.type === 'button'
        ? { type: 'text', text: { body } }
        : req.type === 'location'
          ? { type: 'location', location: { ...req.location } }
          : { type: req.type, [req.type]: { ...(req.caption ? { caption: req.caption } : {}) } };
    return { params, chat };
  }

  async function dispatchInbound(input: TwilioInboundRequest) {
    const req = twilioInboundSchema.parse(input);
    const to = `+${digits(req.to)}`;
    if (!store.getSender(to)) await refresh();
    const sender = store.getSender(to);
    if (!sender) throw new UnknownSenderError(to);
    const waId = digits(req.from);
    const name = req.name ?? 'Cliente Demo';
    const sid = newSid(MEDIA[req.type] ? 'MM' : 'SM');
    const { params, chat } = inboundParams(req, sender, sid, waId, name);
    const at = now();
    store.recordInbound({ sid, sender: sender.number, waId, name, params, at: new Date(at).toISOString(), webhookStatus: null }, chat, at);
    const result = await postSigned(sender.webhookUrl, sender.authToken, params, { signal: lifetime.signal, logger, deliverTo: options.deliveryUrl?.(sender.webhookUrl) });
    store.setInboundDelivery(sid, result.status);
    if (result.status !== 200) logger.warn({ sid, status: result.status }, 'Twilio webhook not acknowledged with 200');
    return { sid, status: result.status, attempts: result.attempts };
  }

  const streams = new Set<Response>();
  const api = Router();
  api.use(express.json({ limit: '1mb' }));
  api.post('/inbound', async (req, res) => {
    res.json(await dispatchInbound(req.body as TwilioInboundRequest));
  });
  api.get('/messages', (req, res) => {
    const from = typeof req.query.from === 'string' ? req.query.from : undefined;
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    res.json({ messages: store.listMessages({ ...(from ? { from } : {}), ...(to ? { to } : {}) }) });
  });
  api.delete('/messages', (_req, res) => {
    store.reset();
    res.status(204).end();
  });
  api.get('/inbound', (req, res) => {
    const sender = typeof req.query.sender === 'string' ? req.query.sender : undefined;
    res.json({ messages: store.listInbound(sender ? { sender } : {}) });
  });
  // Senders never expose their tokens here.
  api.get('/senders', (_req, res) => {
    res.json({ senders: store.listSenders().map((s) => ({ number: s.number, accountSid: s.accountSid, webhookUrl: s.webhookUrl })) });
  });
  api.post('/senders', (req, res) => {
    const body = z.object({ number: z.string().regex(/^\+?\d{6,15}$/), account_sid: z.string().regex(/^AC[0-9a-fA-F]{32}$/), auth_token: z.string().min(8), webhook_url: z.string().url() }).parse(req.body);
    const s = store.registerSender({ number: body.number, accountSid: body.account_sid, authToken: body.auth_token, webhookUrl: body.webhook_url });
    res.status(201).json({ number: s.number, accountSid: s.accountSid, webhookUrl: s.webhookUrl });
  });
  api.get('/faults', (_req, res) => {
    res.json({ faults: [...faults.entries()].map(([from, f]) => ({ from, mode: f.mode, used: f.used, remaining: f.remaining })) });
  });
  api.post('/faults', (req, res) => {
    const body = faultSchema.parse(req.body);
    const key = body.from ? digits(body.from) : '*';
    if (body.mode === 'none') {
      faults.delete(key);
      res.status(204).end();
      return;
    }
    const errors = (body.errors ?? ['500']).map((e) => {
      const [status, code] = e.split(':');
      return { status: Number(status), code: Number(code ?? (status === '429' ? 20429 : 20500)) };
    });
    faults.set(key, { mode: body.mode, errors, delayMs: body.delay_ms ?? (body.mode === 'error' ? 0 : 3000), accept: body.accept ?? false, remaining: body.count ?? null, used: 0 });
    res.status(201).json({ from: key, mode: body.mode });
  });
  api.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  api.get('/stream', (req, res) => {
    const sender = typeof req.query.sender === 'string' ? req.query.sender : undefined;
    const waId = typeof req.query.wa_id === 'string' ? req.query.wa_id : undefined;
    if (!sender || !waId) {
      res.status(400).json({ error: { message: 'sender and wa_id are required' } });
      return;
    }
    serveChatStream(res, streams, {
      history: store.chatHistory(sender, waId),
      subscribe: (send: (e: TwilioChatEvent) => void) => store.subscribe(sender, waId, send),
    });
  });
  api.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof ZodError) return void res.status(400).json({ error: { message: 'Invalid request', issues: err.issues } });
    if (err instanceof UnknownSenderError) return void res.status(404).json({ error: { message: err.message } });
    if (err instanceof TwilioApiError) return next(err);
    const parseFailed = typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed';
    if (parseFailed) return void res.status(400).json({ error: { message: 'Invalid JSON body' } });
    logger.error({ err }, 'Twilio emulator route failed');
    res.status(500).json({ error: { message: 'Emulator error' } });
  });

  const router = Router();
  router.use(api);
  router.use(rest.router);

  return {
    router,
    store,
    registerSender: (s) => store.registerSender(s),
    dispatchInbound,
    async close() {
      lifetime.abort();
      for (const res of streams) res.end();
      streams.clear();
      await rest.drain();
    },
  };
}
