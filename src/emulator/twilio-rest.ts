// Twilio's REST API for WhatsApp messages (reference §8.4), as far as the platform uses it:
//   GET  /2010-04-01/Accounts/{AccountSid}.json                 the account (credential check)
//   POST /2010-04-01/Accounts/{AccountSid}/Messages.json        send: 201 + Message resource
//   GET  /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json  one message
// Basic auth (Account SID : Auth Token), form-encoded bodies, Twilio's JSON resources and error
// bodies ({code, message, more_info, status}). An accepted message gets its status callbacks
// (sent → delivered → read, or failed with an ErrorCode), signed, at its StatusCallback URL.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Clock } from './rate-limits.ts';
import { digits, newSid, type ChatMessage, type TwilioEmulatorStore, type TwilioMessage, type TwilioMessageStatus } from './twilio-emulator-store.ts';
import { postSigned } from './twilio-posts.ts';
import { pause } from './webhook-dispatcher.ts';

export class TwilioApiError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }
  get body() {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

export type TwilioRestSettings = {
  statusCallbacks: boolean;
  statusDelayMs: number;
  /** Free-form messages to a customer who last wrote over 24 h ago fail with 63016 (by status callback). */
  enforceWindow: boolean;
};

/** Sends that fail on demand: `error` answers Twilio errors in turn, `slow` accepts and answers late, `stall` never answers. */
export type TwilioFault = { mode: 'error' | 'slow' | 'stall'; errors: { status: number; code: number }[]; delayMs: number; accept: boolean; remaining: number | null; used: number };

const WINDOW_MS = 24 * 60 * 60 * 1000;
const WHATSAPP = /^whatsapp:\+(\d{6,15})$/;

const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

export function resource(m: TwilioMessage) {
  return {
    sid: m.sid,
    date_created: rfc2822(Date.parse(m.dateCreated)),
    date_updated: rfc2822(Date.parse(m.statuses.at(-1)?.at ?? m.dateCreated)),
    date_sent: null,
    account_sid: m.accountSid,
    to: m.to,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    body: m.body ?? '',
    status: m.status,
    num_segments: '1',
    num_media: String(m.mediaUrls.length),
    direction: 'outbound-api',
    api_version: '2010-04-01',
    price: null,
    price_unit: 'USD',
    error_code: m.errorCode,
    error_message: null,
    uri: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`,
    subresource_uris: { media: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json` },
  };
}

/** How the simulator shows a message the customer receives: its text, or its media with the text as caption. */
export function chatViewOf(m: Pick<TwilioMessage, 'body' | 'mediaUrls' | 'contentSid' | 'contentVariables'>): ChatMessage {
  if (m.contentSid) {
    const variables = m.contentVariables ? (JSON.parse(m.contentVariables) as Record<string, string>) : {};
    return { type: 'template', template: { name: m.contentSid, components: [{ type: 'body', parameters: Object.values(variables).map((text) => ({ type: 'text', text })) }] } };
  }
  const media = m.mediaUrls[0];
  if (media) return { type: 'image', image: { link: media, ...(m.body ? { caption: m.body } : {}) } };
  return { type: 'text', text: { body: m.body ?? '' } };
}

function credentialsOf(req: Request): { user: string; password: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

type Deps = {
  store: TwilioEmulatorStore;
  logger: Logger;
  now: Clock;
  settings: TwilioRestSettings;
  signal: AbortSignal;
  /** The fault for the next send of this sender, if any (counted). */
  takeFault: (sender: string) => TwilioFault | undefined;
  /** Looks a sender or account up again (a company created after start). */
  refresh: () => Promise<void>;
  /** Where a post to a URL really lands (signed over the URL itself). */
  deliveryUrl: (url: string) => string;
};

export function createTwilioRestRouter(deps: Deps) {
  const { store, logger, now, settings, signal } = deps;
  const inFlight = new Set<Promise<unknown>>();
  const router = Router({ mergeParams: true });
  const form = express.raw({ type: () => true, limit: '1mb' });

  async function requireAccount(req: Request): Promise<string> {
    const sid = String(req.params.accountSid ?? '');
    const creds = credentialsOf(req);
    if (!creds) throw new TwilioApiError(401, 20003, 'Authenticate');
    if (store.authTokenOf(sid) === undefined) await deps.refresh();
    const token = store.authTokenOf(sid);
    if (creds.user !== sid || token === undefined || token !== creds.password) throw new TwilioApiError(401, 20003, 'Authenticate');
    return sid;
  }

  function track<T>(p: Promise<T>): void {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  /** Status callbacks of an accepted message, in order, each signed with the account's token. */
  function sendStatuses(m: TwilioMessage, authToken: string, outcome: { failed?: number }) {
    const sequence: TwilioMessageStatus[] = outcome.failed ? ['failed'] : settings.statusCallbacks ? ['sent', 'delivered', 'read'] : [];
    if (sequence.length === 0 || !m.statusCallback) {
      for (const status of sequence) setStatus(m, status, null, outcome.failed);
      return;
    }
    track((async () => {
      for (const status of sequence) {
        if (!(await pause(settings.statusDelayMs, signal))) return;
        const params: [string, string][] = [
          ['SmsSid', m.sid], ['SmsStatus', status], ['MessageStatus', status], ['ChannelToAddress', `+${m.waId}`], ['To', m.to],
          ['ChannelPrefix', 'whatsapp'], ['MessageSid', m.sid], ['AccountSid', m.accountSid], ['From', m.from], ['ApiVersion', '2010-04-01'],
          ['ChannelInstallSid', `XE${m.accountSid.slice(2)}`], ['StructuredMessage', 'false'],
          ...(status === 'delivered' ? [['EventType', 'DELIVERED'] as [string, string]] : status === 'read' ? [['EventType', 'READ'] as [string, string]] : []),
          ...(outcome.failed ? [['ErrorCode', String(outcome.failed)] as [string, string]] : []),
        ];
        const result = await postSigned(m.statusCallback!, authToken, params, { signal, logger, deliverTo: deps.deliveryUrl(m.statusCallback!) });
        setStatus(m, status, result.status, outcome.failed);
      }
    })());
  }

  function setStatus(m: TwilioMessage, status: TwilioMessageStatus, callback: number | null, errorCode?: number) {
    m.status = status;
    if (errorCode) m.errorCode = errorCode;
    m.statuses.push({ status, at: new Date(now()).toISOString(), callback });
  }

  /** Validates a send the way Twilio does; returns the message to record, or throws its error. */
  function validate(accountSid: string, params: URLSearchParams): TwilioMessage {
    const to = params.get('To');
    if (!to) throw new TwilioApiError(400, 21604, "A 'To' phone number is required.");
    const toMatch = WHATSAPP.exec(to);
    if (!toMatch) throw new TwilioApiError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const service = params.get('MessagingServiceSid');
    if (service !== null && !/^MG[0-9a-fA-F]{32}$/.test(service)) throw new TwilioApiError(400, 21701, `The Messaging Service Sid ${service} is invalid.`);
    // With a Messaging Service and no From, the service picks one of its senders.
    const pooled = service ? store.listSenders().find((s) => s.accountSid === accountSid) : undefined;
    const from = params.get('From') ?? (pooled ? `whatsapp:${pooled.number}` : null);
    if (!from) throw new TwilioApiError(400, 21603, "A 'From' phone number is required.");
    const sender = WHATSAPP.test(from) ? store.getSender(from.slice('whatsapp:'.length)) : undefined;
    if (!sender || sender.accountSid !== accountSid) throw new TwilioApiError(400, 63007, 'Twilio could not find a Channel with the specified From address');
    const body = params.get('Body');
    const mediaUrls = params.getAll('MediaUrl');
    const contentSid = params.get('ContentSid');
    const contentVariables = params.get('ContentVariables');
    if (!body && mediaUrls.length === 0 && !contentSid) throw new TwilioApiError(400, 21602, 'Message body is required.');
    if (body && body.length > 1600) throw new TwilioApiError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (mediaUrls.length > 10 || mediaUrls.some((u) => !/^https?:\/\/\S+$/.test(u))) throw new TwilioApiError(400, 21620, 'Invalid media URL(s).');
    if (contentSid !== null && !/^HX[0-9a-fA-F]{32}$/.test(contentSid)) throw new TwilioApiError(400, 21655, 'The ContentSid is Invalid.');
    if (contentVariables !== null) {
      let ok = false;
      try {
        const v = JSON.parse(contentVariables) as unknown;
        ok = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
      } catch {
        ok = false;
      }
      if (!ok) throw new TwilioApiError(400, 21656, 'The ContentVariables Parameter is invalid.');
    }
    const callback = params.get('StatusCallback');
    if (callback !== null && !/^https?:\/\/[^\s_]+$/.test(callback.split('?')[0] ?? '')) throw new TwilioApiError(400, 21609, 'The StatusCallback URL is not valid.');
    return {
      sid: newSid(mediaUrls.length > 0 ? 'MM' : 'SM'),
      accountSid,
      from,
      to,
      waId: toMatch[1]!,
      body: body ?? null,
      mediaUrls,
      contentSid,
      contentVariables,
      messagingServiceSid: service,
      statusCallback: callback,
      status: 'queued',
      errorCode: null,
      dateCreated: new Date(now()).toISOString(),
      statuses: [],
    };
  }

  router.get('/2010-04-01/Accounts/:accountSid.json', async (req, res) => {
    const sid = await requireAccount(req);
    res.json({
      sid,
      friendly_name: `Mostrador ${sid.slice(-6)}`,
      status: 'active',
      type: 'Full',
      date_created: rfc2822(now()),
      uri: `/2010-04-01/Accounts/${sid}.json`,
    });
  });

  router.post('/2010-04-01/Accounts/:accountSid/Messages.json', form, async (req, res) => {
    const accountSid = await requireAccount(req);
    const params = new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    const message = validate(accountSid, params);
    const authToken = store.authTokenOf(accountSid)!;
    const fault = deps.takeFault(message.from);
    if (fault?.mode === 'error') {
      if (fault.delayMs > 0 && !(await pause(fault.delayMs, signal))) return void req.socket.destroy();
      const e = fault.errors[(fault.used - 1) % fault.errors.length]!;
      throw new TwilioApiError(e.status, e.code, `Emulated failure ${e.code}`);
    }
    const accepted = !fault || fault.mode === 'slow' || fault.accept;
    // The answer is the resource as created (queued), whatever its statuses do next.
    const answer = resource(message);
    if (accepted) {
      const outsideWindow = settings.enforceWindow && !message.contentSid && now() - (store.lastInboundAt(message.from, message.waId) ?? 0) > WINDOW_MS;
      if (fault) message.fault = fault.mode as 'slow' | 'stall';
      store.recordMessage(message, outsideWindow ? null : chatViewOf(message));
      sendStatuses(message, authToken, outsideWindow ? { failed: 63016 } : {});
      logger.debug({ sid: message.sid, to: message.to }, 'Twilio message accepted');
    }
    if (fault) {
      const waited = await pause(fault.delayMs, signal);
      if (!waited || fault.mode === 'stall') return void req.socket.destroy();
    }
    res.status(201).json(answer);
  });

  router.get('/2010-04-01/Accounts/:accountSid/Messages/:sid.json', async (req, res) => {
    const accountSid = await requireAccount(req);
    const m = store.getMessage(String(req.params.sid));
    if (!m || m.accountSid !== accountSid) throw new TwilioApiError(404, 20404, `The requested resource ${req.path} was not found`);
    res.json(resource(m));
  });

  router.use((req: Request) => {
    throw new TwilioApiError(404, 20404, `The requested resource ${req.path} was not found`);
  });

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof TwilioApiError) {
      res.status(err.status).json(err.body);
      return;
    }
    logger.error({ err }, 'Twilio emulator failure');
    res.status(500).json({ code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status: 500 });
  });

  return {
    router,
    /** Waits for status callbacks in flight. */
    async drain() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

export { digits };
