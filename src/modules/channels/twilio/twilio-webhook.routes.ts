import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Metrics } from '../../../platform/metrics.ts';
import type { CompaniesService } from '../../companies/index.ts';
import type { RejectedItem } from '../provider.ts';
import type { EventIntake, ReceivedEvent } from '../receive-events.ts';
import { parseTwilioPost, type FormParams } from './twilio-payload.ts';
import { twilioSettingsOf } from './twilio-settings.ts';
import { verifyTwilioSignature } from './twilio-signature.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// An empty TwiML answer: the reply goes out later through the REST API, never in the response.
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** Where Twilio posts for a channel: its messages, and the status callbacks our sends name. */
export const twilioWebhookPath = (channelId: string) => `/webhook/twilio/${channelId}`;
export const twilioStatusPath = (channelId: string, rowId: bigint) => `/webhook/twilio/${channelId}/status?ref=${rowId}`;

/**
 * One URL per Twilio channel (`/webhook/twilio/<channel id>`, set as the sender's "A message
 * comes in" webhook) and the status callbacks of its sends (`…/status?ref=<row id>`). Each post is
 * verified with X-Twilio-Signature against the channel's Auth Token over the PUBLIC URL (from
 * PUBLIC_URL, never the Host header), parsed into a neutral event and stored through the intake
 * (deduplicated on MessageSid) before answering 200 with empty TwiML.
 */
export function createTwilioWebhookRouter(deps: {
  companies: CompaniesService;
  intake: EventIntake;
  metrics: Metrics;
  /** The platform's public base URL (PUBLIC_URL); undefined: not configured, posts are refused. */
  publicUrl: () => string | undefined;
}): Router {
  const router = Router();
  const timeAck = (_req: Request, res: Response, next: NextFunction) => {
    const end = deps.metrics.ackSeconds.startTimer();
    res.once('finish', () => void end());
    next();
  };

  async function receive(req: Request, res: Response) {
    const channelId = String(req.params.channelId ?? '');
    const channel = UUID.test(channelId) ? await deps.companies.resolveChannelById(channelId) : null;
    if (!channel || channel.provider !== 'twilio') {
      deps.metrics.unknownNumbers.inc();
      req.log.warn({ channelId: channelId.slice(0, 64) }, 'Twilio webhook for no active Twilio channel');
      res.status(404).type('text/plain').send('Not Found');
      return;
    }
    const publicUrl = deps.publicUrl();
    if (!publicUrl) {
      req.log.error('Twilio webhook refused: PUBLIC_URL is not configured, so its signature cannot be checked');
      res.status(503).type('text/plain').send('PUBLIC_URL not configured');
      return;
    }
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const params: FormParams = [...new URLSearchParams(raw)];
    const url = `${publicUrl.replace(/\/+$/, '')}${req.originalUrl}`;
    if (!verifyTwilioSignature(channel.secret, req.header('x-twilio-signature'), url, params)) {
      deps.metrics.webhookRequests.inc({ result: 'bad_signature' });
      req.log.warn({ channelId, hasSignature: Boolean(req.header('x-twilio-signature')) }, 'Twilio webhook rejected: bad or missing signature');
      res.status(403).type('text/plain').send('Invalid signature');
      return;
    }
    const ref = new URLSearchParams(req.originalUrl.split('?')[1] ?? '').get('ref');
    const rowId = ref !== null && /^\d{1,18}$/.test(ref) ? BigInt(ref) : undefined;
    const parsed = parseTwilioPost(params, { at: new Date(), ...(rowId !== undefined ? { rowId } : {}) });
    const events: ReceivedEvent[] = [];
    const rejected: RejectedItem[] = [];
    if (parsed.kind === 'rejected') {
      rejected.push({ companyId: channel.company.id, kind: parsed.item, reason: parsed.reason, item: Object.fromEntries(params) });
    } else if (parsed.kind === 'event') {
      // Signed with this channel's token, so from its account; another account's post is a mistake.
      const accountSid = twilioSettingsOf(channel)?.accountSid;
      if (parsed.accountSid !== undefined && parsed.accountSid !== accountSid) {
        req.log.warn({ channelId }, 'Twilio webhook of another account; refused');
        res.status(403).type('text/plain').send('Wrong account');
        return;
      }
      events.push({ ...parsed.event, channel });
    } else {
      req.log.debug({ channelId, reason: parsed.reason }, 'Twilio post acknowledged and skipped');
    }
    await deps.intake.receive('twilio', events, rejected, req.log);
    res.status(200).type('text/xml').send(EMPTY_TWIML);
  }

  // Raw body, parsed here: the signature covers every parameter exactly as posted.
  const form = express.raw({ type: () => true, limit: '256kb' });
  router.post('/webhook/twilio/:channelId', timeAck, form, receive);
  router.post('/webhook/twilio/:channelId/status', timeAck, form, receive);
  return router;
}
