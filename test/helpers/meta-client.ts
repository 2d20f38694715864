import { createHmac, randomBytes } from 'node:crypto';

// An independent Meta webhook client for tests: builds payloads exactly as the reference
// documents them (§2), escapes non-ASCII as Meta does (§3) and signs the exact bytes.

export const APP_SECRET = 'test-app-secret-123';

export type MetaInbound =
  | { type: 'text'; text: string }
  | { type: 'button_reply' | 'list_reply'; id: string; title: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { type: 'sticker' | 'audio' | 'image'; caption?: string }
  | { type: 'reaction'; emoji?: string; messageId?: string }
  | { type: 'unsupported' };

export const newWamid = () => `wamid.${randomBytes(24).toString('base64')}`;

export function escapeUnicode(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sign(body: string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function messageBody(m: MetaInbound): Record<string, unknown> {
  switch (m.type) {
    case 'text':
      return { type: 'text', text: { body: m.text } };
    case 'button_reply':
      return { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: m.id, title: m.title } } };
    case 'list_reply':
      return { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: m.id, title: m.title } } };
    case 'location':
      return { type: 'location', location: { latitude: m.latitude, longitude: m.longitude, name: m.name, address: m.address } };
    case 'sticker':
      return { type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'x', id: '1234567890123456', animated: false } };
    case 'audio':
      return { type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x', id: '1234567890123457', voice: true } };
    case 'image':
      return { type: 'image', image: { mime_type: 'image/jpeg', sha256: 'x', id: '1234567890123458', caption: m.caption } };
    case 'reaction':
      return { type: 'reaction', reaction: { message_id: m.messageId ?? newWamid(), ...(m.emoji ? { emoji: m.emoji } : {}) } };
    case 'unsupported':
      return {
        type: 'unsupported',
        errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }],
        unsupported: { type: 'edit' },
      };
  }
}

export function inboundPayload(opts: {
  phoneNumberId: string;
  from: string;
  name?: string;
  message: MetaInbound;
  id?: string;
  timestamp?: number;
}) {
  const id = opts.id ?? newWamid();
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    id,
    payload: envelope(opts.phoneNumberId, {
      contacts: [{ profile: { name: opts.name ?? 'Cliente' }, wa_id: opts.from }],
      messages: [{ from: opts.from, id, timestamp: ts, ...messageBody(opts.message) }],
    }),
  };
}

export function statusPayload(opts: { phoneNumberId: string; wamid: string; status: string; recipient: string; timestamp?: number; errorCode?: number }) {
  return envelope(opts.phoneNumberId, {
    statuses: [
      {
        id: opts.wamid,
        status: opts.status,
        timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
        recipient_id: opts.recipient,
        ...(opts.errorCode ? { errors: [{ code: opts.errorCode, title: 'x', message: 'x' }] } : {}),
      },
    ],
  });
}

/** Meta's envelope (§2.2) around one change's value: entry[].id is the WABA id. */
export function envelope(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export async function postWebhook(baseUrl: string, payload: unknown, opts: { secret?: string; signature?: string | null } = {}) {
  const body = escapeUnicode(JSON.stringify(payload));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = opts.signature === undefined ? sign(body, opts.secret) : opts.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const res = await fetch(`${baseUrl}/webhook`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
