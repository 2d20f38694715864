import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../../platform/logger.ts';
import type { Metrics } from '../../../platform/metrics.ts';
import type { CompaniesService } from '../../companies/index.ts';
import type { InboxRepository, NewInboxEvent } from '../../inbox/inbox.repository.ts';
import { extractEvents, metaWebhookSchema } from './webhook-payload.ts';
import { verifyMetaSignature } from './webhook-signature.ts';

/**
 * One endpoint for every Meta number. The company comes from metadata.phone_number_id in the
 * body, never from headers. Signature checked on the raw bytes; events stored (deduplicated on
 * the provider id) with their jobs before answering 200; processing is asynchronous.
 */
export function createWhatsAppWebhookRouter(deps: {
  appSecret: string;
  verifyToken: string;
  companies: CompaniesService;
  inbox: InboxRepository;
  metrics: Metrics;
  logger: Logger;
}): Router {
  const router = Router();

  router.get('/webhook', (req: Request, res: Response) => {
    // Read the literal `hub.*` keys: Express' query parser may nest dotted names.
    const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const ok = params.get('hub.mode') === 'subscribe' && params.get('hub.verify_token') === deps.verifyToken;
    const challenge = params.get('hub.challenge');
    if (!ok || challenge === null) {
      req.log.warn('webhook verification refused');
      res.status(403).type('text/plain').send('Forbidden');
      return;
    }
    res.status(200).type('text/plain').send(challenge);
  });

  // PostgreSQL text and jsonb cannot hold U+0000, yet a customer's client can send it (escaped
  // as \u0000 in the JSON). Dropping it keeps such a message storable instead of refused forever.
  const withoutNul = (_key: string, value: unknown) => (typeof value === 'string' && value.includes('\0') ? value.replaceAll('\0', '') : value);

  // Acknowledgement time, from the moment the request reached us (before its body is read) until
  // the response is handed to the socket: what Meta waits for, as far as this process can see.
  const timeAck = (_req: Request, res: Response, next: NextFunction) => {
    const end = deps.metrics.ackSeconds.startTimer();
    res.once('finish', () => void end());
    next();
  };

  router.post('/webhook', timeAck, express.raw({ type: () => true, limit: '3mb' }), async (req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyMetaSignature(raw, req.header('x-hub-signature-256'), deps.appSecret)) {
      deps.metrics.webhookRequests.inc({ result: 'bad_signature' });
      req.log.warn({ hasSignature: Boolean(req.header('x-hub-signature-256')) }, 'webhook rejected: bad or missing signature');
      res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Invalid signature' } });
      return;
    }
    let json: unknown;
    try {
      const text = raw.toString('utf8');
      json = text.includes('\\u0000') ? JSON.parse(text, withoutNul) : JSON.parse(text);
    } catch {
      deps.metrics.webhookRequests.inc({ result: 'bad_json' });
      res.status(400).json({ error: { code: 'VALIDATION', message: 'Body is not JSON' } });
      return;
    }
    const parsed = metaWebhookSchema.safeParse(json);
    if (!parsed.success) {
      deps.metrics.webhookRequests.inc({ result: 'bad_shape' });
      res.status(400).json({ error: { code: 'VALIDATION', message: 'Not a WhatsApp webhook payload' } });
      return;
    }
    if (parsed.data.object !== 'whatsapp_business_account') {
      deps.metrics.webhookRequests.inc({ result: 'ignored' });
      res.status(200).send('IGNORED');
      return;
    }
    const { events } = extractEvents(parsed.data);
    const rows: NewInboxEvent[] = [];
    for (const e of events) {
      const channel = await deps.companies.resolveChannel(e.phoneNumberId);
      if (!channel) {
        deps.metrics.unknownNumbers.inc();
        req.log.warn({ phoneNumberId: e.phoneNumberId, kind: e.kind }, 'webhook for a phone_number_id no company owns; ignored');
        continue;
      }
      rows.push({
        kind: e.kind,
        dedupeKey: e.dedupeKey,
        providerMessageId: e.providerMessageId,
        companyId: channel.company.id,
        channelId: channel.channelId,
        waId: e.waId,
        contactName: e.kind === 'message' ? e.contactName : null,
        messageType: e.kind === 'message' ? e.messageType : e.status,
        payload: e.payload,
        timestamp: e.timestamp,
      });
    }
    const stored = await deps.inbox.store(rows);
    if (stored < rows.length) deps.metrics.duplicates.inc(rows.length - stored);
    deps.metrics.inboxEvents.inc({ kind: 'any' }, stored);
    deps.metrics.webhookRequests.inc({ result: 'accepted' });
    req.log.debug({ events: events.length, stored, waMessageIds: rows.map((r) => r.providerMessageId) }, 'webhook stored');
    res.status(200).send('EVENT_RECEIVED');
  });

  return router;
}
