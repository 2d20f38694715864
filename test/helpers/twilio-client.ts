import { createHmac, randomBytes } from 'node:crypto';

// An independent Twilio peer for tests: builds WhatsApp webhook form posts the way Twilio does
// (reference §8.2, §8.5) and signs them as twilio-node documents (§8.3), over the URL Twilio
// would call — the platform's PUBLIC one.

export const newMessageSid = (prefix: 'SM' | 'MM' = 'SM') => `${prefix}${randomBytes(16).toString('hex')}`;

export function twilioSign(authToken: string, url: string, params: [string, string][]): string {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of params) byKey.set(k, [...(byKey.get(k) ?? []), v]);
  let data = url;
  for (const key of [...byKey.keys()].sort()) for (const v of [...new Set(byKey.get(key))].sort()) data += key + v;
  return createHmac('sha1', authToken).update(data).digest('base64');
}

export type TwilioInbound =
  | { type: 'text'; text: string }
  | { type: 'button'; payload: string; text: string }
  | { type: 'media'; contentType: string; caption?: string }
  | { type: 'location'; latitude: number; longitude: number; label?: string; address?: string };

export function inboundForm(opts: { accountSid: string; sender: string; waId: string; name?: string; message: TwilioInbound; sid?: string }): { sid: string; params: [string, string][] } {
  const m = opts.message;
  const sid = opts.sid ?? newMessageSid(m.type === 'media' ? 'MM' : 'SM');
  const body = m.type === 'text' ? m.text : m.type === 'button' ? m.text : m.type === 'media' ? (m.caption ?? '') : '';
  const params: [string, string][] = [
    ['SmsMessageSid', sid], ['NumMedia', m.type === 'media' ? '1' : '0'], ['ProfileName', opts.name ?? 'Cliente'],
    ['MessageType', m.type === 'media' ? m.contentType.split('/')[0]! : m.type], ['SmsSid', sid], ['WaId', opts.waId],
    ['SmsStatus', 'received'], ['Body', body], ['To', `whatsapp:${opts.sender}`], ['NumSegments', '1'], ['ReferralNumMedia', '0'],
    ['MessageSid', sid], ['AccountSid', opts.accountSid], ['From', `whatsapp:+${opts.waId}`], ['ApiVersion', '2010-04-01'],
    ['ChannelMetadata', JSON.stringify({ type: 'whatsapp', data: { context: { ProfileName: opts.name ?? 'Cliente', WaId: opts.waId } } })],
  ];
  if (m.type === 'media') params.push(['MediaContentType0', m.contentType], ['MediaUrl0', `https://api.twilio.com/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}/Media/ME${randomBytes(16).toString('hex')}`]);
  if (m.type === 'button') params.push(['ButtonText', m.text], ['ButtonPayload', m.payload]);
  if (m.type === 'location') {
    params.push(['Latitude', String(m.latitude)], ['Longitude', String(m.longitude)]);
    if (m.address) params.push(['Address', m.address]);
    if (m.label) params.push(['Label', m.label]);
  }
  return { sid, params };
}

export function statusForm(opts: { accountSid: string; sender: string; waId: string; sid: string; status: string; errorCode?: number }): [string, string][] {
  return [
    ['SmsSid', opts.sid], ['SmsStatus', opts.status], ['MessageStatus', opts.status], ['ChannelToAddress', `+${opts.waId}`],
    ['To', `whatsapp:+${opts.waId}`], ['ChannelPrefix', 'whatsapp'], ['MessageSid', opts.sid], ['AccountSid', opts.accountSid],
    ['From', `whatsapp:${opts.sender}`], ['ApiVersion', '2010-04-01'], ['StructuredMessage', 'false'],
    ...(opts.errorCode ? [['ErrorCode', String(opts.errorCode)] as [string, string]] : []),
  ];
}

/**
 * Posts signed params as Twilio would to `publicBase + path`, delivered to `localBase + path`.
 * `signature: null` sends none; `signedUrl` signs another URL (a Host-header guess, say).
 */
export async function postTwilio(
  local: string,
  path: string,
  authToken: string,
  params: [string, string][],
  opts: { publicBase?: string; signature?: string | null; signedUrl?: string } = {},
) {
  const url = `${opts.publicBase ?? local}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const signature = opts.signature === undefined ? twilioSign(authToken, opts.signedUrl ?? url, params) : opts.signature;
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(`${local}${path}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}
