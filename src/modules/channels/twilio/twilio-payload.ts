// Twilio's form posts (reference §8.2, §8.5) → the platform's neutral events. One post carries one
// message or one status. Text a customer wrote is cleaned of what PostgreSQL cannot hold; ids,
// senders and statuses must arrive clean or the item is set aside (a wrong id could answer a
// wrong number). Twilio gives no timestamps: events are stamped on arrival.
import { cleanString } from '../../../platform/safe-json.ts';
import type { ProviderStatus } from '../../messages/index.ts';
import type { InboundContent, MediaKind } from '../../messages/index.ts';
import type { ChannelEvent } from '../provider.ts';
import { describeTwilioError } from './twilio-errors.ts';

export type FormParams = ReadonlyArray<readonly [string, string]>;

const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const WHATSAPP_ADDRESS = /^whatsapp:\+?(\d{6,20})$/;
const DIGITS = /^\d{6,20}$/;

// Twilio's MessageStatus → the platform's. queued / accepted / sending / scheduled: Twilio has it
// (which settles a reply whose answer was lost); undelivered and canceled are failures.
const STATUSES: Record<string, ProviderStatus> = {
  accepted: 'accepted',
  scheduled: 'accepted',
  queued: 'accepted',
  sending: 'accepted',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed',
};

export type TwilioParsed =
  | { kind: 'event'; event: ChannelEvent; accountSid?: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'rejected'; item: 'message' | 'status'; reason: string };

/** First value of each name (Twilio sends each once), cleaned of NUL and unpaired surrogates. */
function fieldsOf(params: FormParams): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of params) if (!fields.has(name)) fields.set(name, cleanString(value));
  return fields;
}

/** A raw (uncleaned) identity field: it must already be what its pattern says. */
const rawField = (params: FormParams, name: string) => params.find(([n]) => n === name)?.[1];

function mediaKindOf(contentType: string): MediaKind {
  if (contentType === 'image/webp') return 'sticker';
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('audio/')) return 'audio';
  if (contentType.startsWith('video/')) return 'video';
  return 'document';
}

/** Twilio's media URL (fetched later with the account's Basic auth); only https/http URLs. */
function twilioMediaRef(url: string | undefined, contentType: string): { media?: { url: string; mimeType?: string } } {
  if (!url || url.length > 1000 || !/^https?:\/\//i.test(url)) return {};
  return { media: { url, ...(contentType ? { mimeType: contentType } : {}) } };
}

function coordinate(value: string | undefined, limit: number): number | undefined {
  if (value === undefined || !/^-?\d{1,3}(\.\d+)?$/.test(value.trim())) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/** The neutral content of an inbound message's fields. */
export function contentOfMessage(f: Map<string, string>): InboundContent {
  const body = f.get('Body') ?? '';
  // A quick-reply tap of a Content template, or a row of a list picker.
  const payload = f.get('ButtonPayload') ?? f.get('ListId');
  if (payload) return { type: 'interactive', replyId: payload, title: f.get('ButtonText') ?? f.get('ListTitle') ?? body };
  const latitude = coordinate(f.get('Latitude'), 90);
  const longitude = coordinate(f.get('Longitude'), 180);
  if (latitude !== undefined && longitude !== undefined) {
    const name = f.get('Label') || undefined;
    const address = f.get('Address') || undefined;
    return { type: 'location', latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  }
  const media = Number(f.get('NumMedia') ?? '0');
  if (Number.isInteger(media) && media > 0) {
    const contentType = (f.get('MediaContentType0') ?? '').toLowerCase();
    if (contentType.includes('vcard')) return { type: 'contacts' };
    const mediaKind = mediaKindOf(contentType);
    return {
      type: 'media',
      mediaKind,
      ...(body.trim() ? { caption: body } : {}),
      ...twilioMediaRef(f.get('MediaUrl0'), contentType),
      // WhatsApp voice notes reach Twilio as OGG/Opus audio.
      ...(mediaKind === 'audio' ? { voice: contentType.includes('ogg') } : {}),
    };
  }
  if (body !== '') return { type: 'text', text: body };
  return { type: 'unsupported', detail: f.get('MessageType') || 'empty' };
}

/**
 * One form post: an inbound message (a message webhook), or a status (a post with
 * MessageStatus: a StatusCallback, or a status posted to the message URL). `rowId`: the row our
 * send named in its StatusCallback URL. `at`: arrival time.
 */
export function parseTwilioPost(params: FormParams, opts: { at: Date; rowId?: bigint }): TwilioParsed {
  const f = fieldsOf(params);
  const sid = rawField(params, 'MessageSid') ?? rawField(params, 'SmsSid');
  const rawStatus = rawField(params, 'MessageStatus') ?? rawField(params, 'SmsStatus');
  const isStatus = rawStatus !== undefined && rawStatus !== 'received' && rawStatus !== 'receiving';
  const item = isStatus ? 'status' : 'message';
  if (sid === undefined || !MESSAGE_SID.test(sid)) return { kind: 'rejected', item, reason: 'MessageSid: must be SM or MM and 32 hexadecimal characters' };
  const accountSid = f.get('AccountSid');

  if (isStatus) {
    const status = Object.hasOwn(STATUSES, rawStatus) ? STATUSES[rawStatus] : undefined;
    if (!status) return { kind: 'ignored', reason: `status ${cleanString(rawStatus).slice(0, 40)} says nothing about delivery` };
    const to = WHATSAPP_ADDRESS.exec(rawField(params, 'To') ?? '')?.[1] ?? '';
    const code = f.get('ErrorCode');
    const errorCode = code !== undefined && /^\d{1,9}$/.test(code) ? Number(code) : undefined;
    const failed = status === 'failed';
    return {
      kind: 'event',
      ...(accountSid ? { accountSid } : {}),
      event: {
        kind: 'status',
        dedupeKey: `${sid}|${status}`,
        providerMessageId: sid,
        waId: to,
        status,
        timestamp: opts.at,
        ...(opts.rowId !== undefined ? { rowId: opts.rowId } : {}),
        ...(failed || errorCode !== undefined ? { error: { ...(errorCode !== undefined ? { code: errorCode } : {}), cause: describeTwilioError(errorCode).cause } } : {}),
      },
    };
  }

  const from = WHATSAPP_ADDRESS.exec(rawField(params, 'From') ?? '')?.[1];
  const waIdField = rawField(params, 'WaId');
  const waId = waIdField !== undefined && DIGITS.test(waIdField) ? waIdField : from;
  if (waId === undefined) return { kind: 'rejected', item, reason: 'From: must be whatsapp:+ and the number (or WaId its digits)' };
  const name = f.get('ProfileName');
  return {
    kind: 'event',
    ...(accountSid ? { accountSid } : {}),
    event: {
      kind: 'message',
      dedupeKey: sid,
      providerMessageId: sid,
      waId,
      contactName: name ? name.slice(0, 256) : null,
      timestamp: opts.at,
      content: contentOfMessage(f),
    },
  };
}
