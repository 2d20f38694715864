import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Alerts } from '../../../platform/alerts.ts';
import type { Logger } from '../../../platform/logger.ts';
import { cleanString } from '../../../platform/safe-json.ts';
import type { Metrics } from '../../../platform/metrics.ts';
import type { CompaniesService } from '../../companies/index.ts';
import type { InboxRepository, NewInboxEvent } from '../../inbox/inbox.repository.ts';
import { extractEvents, metaWebhookSchema } from './webhook-payload.ts';
import { verifyMetaSignature } from './webhook-signature.ts';

type SetAside = Parameters<InboxRepository['setAside']>[0][number];

// SQLSTATE classes of errors caused by the data itself: 22 data exception (bad encoding, value out
// of range), 54 program limit exceeded (nesting too deep). Retrying those can never succeed.
const isDataError = (err: unknown) => /^(22|54)/.test(String((err as { code?: unknown }).code ?? ''));

/** The start of an item as text for the operator, cleaned so it can be stored. */
function excerptOf(item: unknown): string {
  try {
    return cleanString(JSON.stringify(item) ?? String(item)).slice(0, 4000);
  } catch {
    return '(cannot be printed)';
  }
}

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
  alerts: Alerts;
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

  // Acknowledgement time, from the moment the request reached us (before its body is read) until
  // the response is handed to the socket: what Meta waits for, as far as this process can see.
  const timeAck = (_req: Request, res: Response, next: NextFunction) => {
    const end = deps.metrics.ackSeconds.startTimer();
    res.once('finish', () => void end());
    next();
  };

  /**
   * Stores the events in one statement. If PostgreSQL refuses the data itself (a value it cannot
   * hold that slipped past the checks), each event is stored alone and those it still refuses are
   * set aside, so one bad event never fails the good ones. Any other error (the database is
   * down) fails the delivery, and Meta redelivers it.
   */
  async function storeEach(rows: NewInboxEvent[], setAside: SetAside[]): Promise<{ stored: number; failed: number }> {
    try {
      return { stored: await deps.inbox.store(rows), failed: 0 };
    } catch (err) {
      if (!isDataError(err) || rows.length === 0) throw err;
    }
    let stored = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        stored += await deps.inbox.store([row]);
      } catch (err) {
        if (!isDataError(err)) throw err;
        failed++;
        setAside.push({ provider: 'meta', companyId: row.companyId, kind: row.kind, reason: `refused by the database: ${(err as Error).message}`, excerpt: excerptOf(row.payload) });
      }
    }
    return { stored, failed };
  }

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
    const { events, rejected } = extractEvents(parsed.data);
    const rows: NewInboxEvent[] = [];
    const setAside: SetAside[] = [];
    for (const r of rejected) {
      const channel = r.phoneNumberId === null ? undefined : await deps.companies.resolveChannel(r.phoneNumberId);
      setAside.push({ provider: 'meta', companyId: channel?.company.id ?? null, kind: r.kind, reason: r.reason, excerpt: excerptOf(r.item) });
    }
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
    const { stored, failed } = await storeEach(rows, setAside);
    if (setAside.length > 0) {
      await deps.inbox.setAside(setAside);
      deps.metrics.webhookRejects.inc(setAside.length);
      req.log.warn({ rejected: setAside.map((r) => ({ kind: r.kind, reason: r.reason, companyId: r.companyId })) }, 'webhook items set aside');
      for (const companyId of new Set(setAside.map((r) => r.companyId ?? undefined))) {
        void deps.alerts.raise('webhook_rejected', 'Webhook items could not be stored as they are and were set aside (see webhook_rejects)', companyId ? { companyId } : {});
      }
    }
    if (stored + failed < rows.length) deps.metrics.duplicates.inc(rows.length - stored - failed);
    deps.metrics.inboxEvents.inc({ kind: 'any' }, stored);
    deps.metrics.webhookRequests.inc({ result: 'accepted' });
    req.log.debug({ events: events.length, stored, waMessageIds: rows.map((r) => r.providerMessageId) }, 'webhook stored');
    res.status(200).send('EVENT_RECEIVED');
  });

  return router;
}
