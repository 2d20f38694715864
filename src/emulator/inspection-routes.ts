// Test and simulator API next to the Graph routes (not part of Meta's API): inspect and reset
// what the platform sent, follow a chat over Server-Sent Events, and simulate customer messages.
import { serveChatStream } from './chat-stream.ts';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { ZodError, z } from 'zod';
import type { ChatEvent, EmulatorStore } from './emulator-store.ts';
import { queryString } from './graph-routes.ts';
import { UnknownNumberError, type InboundRequest, type InboundResult } from './inbound-dispatch.ts';

type Deps = {
  store: EmulatorStore;
  logger: Logger;
  dispatchInbound: (input: InboundRequest) => Promise<InboundResult>;
  resetLimits: () => void;
};

const MEDIA_TYPES = new Set(['image', 'video', 'document', 'audio', 'sticker']);

const registerNumberSchema = z.object({
  phone_number_id: z.string().regex(/^\d+$/),
  token: z.string().min(1),
  waba_id: z.string().regex(/^\d+$/).optional(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
});

/** Adds a browser-loadable `mediaUrl` to outbound media sent by id (Meta's URLs need a token). */
function forBrowser(event: ChatEvent, root: string): ChatEvent {
  if (event.event !== 'message' || event.data.direction !== 'out' || !MEDIA_TYPES.has(event.data.type)) return event;
  const media = event.data.message[event.data.type];
  const id = typeof media === 'object' && media !== null && 'id' in media ? media.id : undefined;
  if (typeof id !== 'string') return event;
  return { event: 'message', data: { ...event.data, message: { ...event.data.message, mediaUrl: `${root}/simulator-media/${id}` } } };
}

export function createInspectionRouter({ store, logger, dispatchInbound, resetLimits }: Deps) {
  const router = Router();
  const streams = new Set<Response>();
  router.use(express.json({ limit: '1mb' }));

  router.get('/messages', (req, res) => {
    const phoneNumberId = queryString(req, 'phone_number_id');
    const to = queryString(req, 'to');
    res.json({
      messages: store.listOutbound({
        ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
        ...(to === undefined ? {} : { to }),
      }),
    });
  });

  /** How many messages the platform has sent (cheap to poll while waiting for replies). */
  router.get('/messages/count', (_req, res) => {
    res.json({ count: store.listOutbound().length });
  });

  router.delete('/messages', (_req, res) => {
    store.reset();
    resetLimits();
    res.status(204).end();
  });

  router.get('/reads', (req, res) => {
    const phoneNumberId = queryString(req, 'phone_number_id');
    res.json({ reads: store.listReads(phoneNumberId === undefined ? {} : { phoneNumberId }) });
  });

  router.get('/inbound', (req, res) => {
    const phoneNumberId = queryString(req, 'phone_number_id');
    const from = queryString(req, 'from');
    res.json({
      messages: store.listInbound({
        ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
        ...(from === undefined ? {} : { from }),
      }),
    });
  });

  router.post('/inbound', async (req, res) => {
    res.json(await dispatchInbound(req.body as InboundRequest));
  });

  // Numbers never expose their tokens here.
  router.get('/numbers', (_req, res) => {
    res.json({
      numbers: store.listNumbers().map((n) => ({
        phoneNumberId: n.phoneNumberId,
        wabaId: n.wabaId,
        displayPhoneNumber: n.displayPhoneNumber,
        verifiedName: n.verifiedName,
      })),
    });
  });

  router.post('/numbers', (req, res) => {
    const body = registerNumberSchema.parse(req.body);
    const n = store.registerNumber({
      phoneNumberId: body.phone_number_id,
      token: body.token,
      ...(body.waba_id === undefined ? {} : { wabaId: body.waba_id }),
      ...(body.display_phone_number === undefined ? {} : { displayPhoneNumber: body.display_phone_number }),
      ...(body.verified_name === undefined ? {} : { verifiedName: body.verified_name }),
    });
    res.status(201).json({ phoneNumberId: n.phoneNumberId, wabaId: n.wabaId, displayPhoneNumber: n.displayPhoneNumber });
  });

  router.get('/stream', (req, res) => {
    const phoneNumberId = queryString(req, 'phone_number_id');
    const waId = queryString(req, 'wa_id');
    if (!phoneNumberId || !waId) {
      res.status(400).json({ error: { message: 'phone_number_id and wa_id are required' } });
      return;
    }
    const root = req.baseUrl;
    serveChatStream(res, streams, {
      history: store.chatHistory(phoneNumberId, waId),
      subscribe: (send: (e: ChatEvent) => void) => store.subscribe(phoneNumberId, waId, send),
      toData: (event) => forBrowser(event, root).data,
    });
  });

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ZodError) {
      res.status(400).json({ error: { message: 'Invalid request', issues: err.issues } });
      return;
    }
    if (err instanceof UnknownNumberError) {
      res.status(404).json({ error: { message: err.message } });
      return;
    }
    const parseFailed = typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed';
    if (parseFailed) {
      res.status(400).json({ error: { message: 'Invalid JSON body' } });
      return;
    }
    logger.error({ err }, 'emulator inspection route failed');
    res.status(500).json({ error: { message: 'Emulator error' } });
  });

  return {
    router,
    /** Ends open SSE streams (emulator shutdown). */
    closeStreams(): void {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
