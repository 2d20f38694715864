import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Metrics } from '../../../platform/metrics.ts';
import type { CompaniesService } from '../../companies/index.ts';
import type { RejectedItem } from '../provider.ts';
import type { EventIntake, ReceivedEvent } from '../receive-events.ts';
import { extractEvents, metaWebhookSchema } from './webhook-payload.ts';
import { verifyMetaSignature } from './webhook-signature.ts';

/**
 * One endpoint for every Meta number. The company comes from metadata.phone_number_id in the
 * body, never from headers. Signature checked on the raw bytes; events parsed into neutral ones
 * and stored (deduplicated on the provider id) with their jobs before answering 200; processing
 * is asynchronous.
 */
export function createMetaWebhookRouter(deps: {
  appSecret: string;
  verifyToken: string;
  companies: CompaniesService;
  intake: EventIntake;
  metrics: Metrics;
}): Router {
  const router = Router();

  /** The active Meta channel of a phone_number_id (a number of another provider is not Meta's). */
  const metaChannel = async (phoneNumberId: string) => {
    const channel = await deps.companies.resolveChannel(phoneNumberId);
    return channel?.provider === 'meta' ? channel : null;
  };

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
      // Strings are cleaned of what PostgreSQL cannot hold item by item (extractEvents).
      json = JSON.parse(raw.toString('utf8'));
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
    const extracted = extractEvents(parsed.data);
    const rejected: RejectedItem[] = [];
    for (const r of extracted.rejected) {
      const channel = r.phoneNumberId === null ? null : await metaChannel(r.phoneNumberId);
      rejected.push({ companyId: channel?.company.id ?? null, kind: r.kind, reason: r.reason, item: r.item });
    }
    const events: ReceivedEvent[] = [];
    for (const { phoneNumberId, ...e } of extracted.events) {
      const channel = await metaChannel(phoneNumberId);
      if (!channel) {
        deps.metrics.unknownNumbers.inc();
        req.log.warn({ phoneNumberId, kind: e.kind }, 'webhook for a phone_number_id no company owns; ignored');
        continue;
      }
      events.push({ ...e, channel });
    }
    await deps.intake.receive('meta', events, rejected, req.log);
    res.status(200).send('EVENT_RECEIVED');
  });

  return router;
}
