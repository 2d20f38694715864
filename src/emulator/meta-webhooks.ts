// Builders for Meta's WhatsApp Cloud API webhook payloads (reference §2); webhook-signing.ts
// serialises and signs them. Plain functions with no emulator state, so the test suite and the
// benchmark can send webhooks that are byte-for-byte what Meta would send.
import { randomBytes } from 'node:crypto';

export const DEFAULT_WABA_ID = '102290129340398';
export const DEFAULT_DISPLAY_PHONE_NUMBER = '15550783881';

/** A fresh message id in Meta's shape: "wamid." + base64 of random bytes (opaque, ~50-70 chars). */
export function newWamid(): string {
  return `wamid.${randomBytes(36).toString('base64')}`;
}

/** Meta ids (media, WABA, phone number) are 15-16 digit numeric strings. */
export function newNumericId(digits = 16): string {
  let id = String(1 + (randomBytes(1)[0] ?? 0) % 9);
  const bytes = randomBytes(digits);
  for (let i = 1; i < digits; i += 1) id += String((bytes[i] ?? 0) % 10);
  return id;
}

export function unixSeconds(date: Date | number = Date.now()): string {
  const ms = typeof date === 'number' ? date : date.getTime();
  return String(Math.floor(ms / 1000));
}

// ---------------------------------------------------------------------------------------------
// Payload types (only what we build; Meta sends more optional fields)

export type WebhookMetadata = { display_phone_number: string; phone_number_id: string };
export type WebhookContact = { profile: { name: string }; wa_id: string };
export type WebhookError = {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href?: string;
};
export type WebhookMessage = {
  from: string;
  id: string;
  timestamp: string;
  type: string;
  context?: { from: string; id: string };
  errors?: WebhookError[];
  [key: string]: unknown;
};
export type WebhookStatus = {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'played';
  timestamp: string;
  recipient_id: string;
  biz_opaque_callback_data?: string;
  pricing?: { billable: boolean; pricing_model: 'PMP'; type: string; category: string };
  errors?: WebhookError[];
};
export type WebhookValue = {
  messaging_product: 'whatsapp';
  metadata: WebhookMetadata;
  contacts?: WebhookContact[];
  messages?: WebhookMessage[];
  statuses?: WebhookStatus[];
};
export type MetaWebhookPayload = {
  object: 'whatsapp_business_account';
  entry: Array<{ id: string; changes: Array<{ value: WebhookValue; field: 'messages' }> }>;
};

export type BusinessRef = {
  phoneNumberId: string;
  /** entry[].id is the WABA id, not the phone number id (reference §2.2). */
  wabaId?: string;
  displayPhoneNumber?: string;
};

function envelope(business: BusinessRef, value: Omit<WebhookValue, 'messaging_product' | 'metadata'>): MetaWebhookPayload {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: business.wabaId ?? DEFAULT_WABA_ID,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: business.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE_NUMBER,
                phone_number_id: business.phoneNumberId,
              },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Inbound messages

export type InboundMedia = { mediaId?: string; mimeType?: string; sha256?: string; url?: string };

export type InboundMessageSpec =
  | { type: 'text'; text: string }
  | {
      type: 'interactive';
      reply: { kind: 'button_reply' | 'list_reply'; id: string; title: string; description?: string };
    }
  | { type: 'button'; payload: string; text: string }
  | {
      type: 'location';
      location: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
    }
  | ({ type: 'image' | 'video'; caption?: string } & InboundMedia)
  | ({ type: 'document'; caption?: string; filename?: string } & InboundMedia)
  | ({ type: 'audio'; voice?: boolean } & InboundMedia)
  | ({ type: 'sticker'; animated?: boolean } & InboundMedia)
  | { type: 'reaction'; messageId: string; emoji?: string }
  | {
      type: 'order';
      catalogId?: string;
      text?: string;
      items: Array<{ productRetailerId: string; quantity: number; itemPrice: number; currency: string }>;
    }
  | { type: 'system'; newWaId: string; body?: string }
  | { type: 'unsupported'; unsupportedType?: string };

export type InboundWebhookInput = BusinessRef & {
  /** Customer phone; "+" and separators are stripped like Meta does. */
  from: string;
  /** Profile name shown in contacts[].profile.name. */
  name?: string;
  /** wamid of this inbound message; random when omitted. */
  id?: string;
  /** Unix seconds or a Date; now when omitted. */
  timestamp?: number | Date;
  /** wamid of the business message being answered (interactive replies always carry one). */
  contextId?: string;
} & InboundMessageSpec;

const DEFAULT_MIME: Record<'image' | 'video' | 'document' | 'audio' | 'sticker', string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  document: 'application/pdf',
  audio: 'audio/ogg; codecs=opus',
  sticker: 'image/webp',
};

function mediaObject(kind: keyof typeof DEFAULT_MIME, media: InboundMedia): Record<string, unknown> {
  const out: Record<string, unknown> = {
    mime_type: media.mimeType ?? DEFAULT_MIME[kind],
    sha256: media.sha256 ?? randomBytes(32).toString('base64'),
    id: media.mediaId ?? newNumericId(),
  };
  if (media.url !== undefined) out.url = media.url;
  return out;
}

function messageBody(spec: InboundMessageSpec): Record<string, unknown> {
  switch (spec.type) {
    case 'text':
      return { text: { body: spec.text } };
    case 'interactive': {
      const { kind, id, title, description } = spec.reply;
      const reply = description === undefined ? { id, title } : { id, title, description };
      return { interactive: { type: kind, [kind]: reply } };
    }
    case 'button':
      return { button: { payload: spec.payload, text: spec.text } };
    case 'location': {
      const { latitude, longitude, name, address, url } = spec.location;
      return { location: { latitude, longitude, ...defined({ name, address, url }) } };
    }
    case 'image':
    case 'video':
      return { [spec.type]: { ...defined({ caption: spec.caption }), ...mediaObject(spec.type, spec) } };
    case 'document':
      return {
        document: { ...defined({ caption: spec.caption, filename: spec.filename }), ...mediaObject('document', spec) },
      };
    case 'audio':
      return { audio: { ...mediaObject('audio', spec), voice: spec.voice ?? true } };
    case 'sticker':
      return { sticker: { ...mediaObject('sticker', spec), animated: spec.animated ?? false } };
    case 'reaction':
      // Removing a reaction is the same message without `emoji` (reference §2.9).
      return { reaction: { message_id: spec.messageId, ...defined({ emoji: spec.emoji }) } };
    case 'order':
      return {
        order: {
          catalog_id: spec.catalogId ?? newNumericId(15),
          ...defined({ text: spec.text }),
          product_items: spec.items.map((i) => ({
            product_retailer_id: i.productRetailerId,
            quantity: i.quantity,
            item_price: i.itemPrice,
            currency: i.currency,
          })),
        },
      };
    case 'system':
      return {
        system: {
          body: spec.body ?? `User changed number to ${spec.newWaId}`,
          wa_id: spec.newWaId,
          type: 'user_changed_number',
        },
      };
    case 'unsupported':
      return {
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
        unsupported: { type: spec.unsupportedType ?? 'edit' },
      };
  }
}

function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Builds the `messages[0]` object of an inbound webhook (reference §2.3-2.11). */
export function buildInboundMessage(input: InboundWebhookInput): WebhookMessage {
  const from = digitsOnly(input.from);
  const timestamp =
    input.timestamp === undefined
      ? unixSeconds()
      : input.timestamp instanceof Date
        ? unixSeconds(input.timestamp)
        : String(Math.floor(input.timestamp));
  const needsContext = input.type === 'interactive' || input.type === 'button';
  const contextId = input.contextId ?? (needsContext ? newWamid() : undefined);
  const message: WebhookMessage = {
    ...(contextId === undefined
      ? {}
      : { context: { from: input.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE_NUMBER, id: contextId } }),
    from,
    id: input.id ?? newWamid(),
    timestamp,
    type: input.type,
    ...messageBody(input),
  };
  return message;
}

/** A complete inbound-message webhook. System messages carry no `contacts` (reference §2.11). */
export function buildInboundWebhook(input: InboundWebhookInput): MetaWebhookPayload {
  const message = buildInboundMessage(input);
  const contacts: WebhookContact[] | undefined =
    input.type === 'system' ? undefined : [{ profile: { name: input.name ?? 'Cliente' }, wa_id: message.from }];
  return envelope(input, contacts === undefined ? { messages: [message] } : { contacts, messages: [message] });
}

// ---------------------------------------------------------------------------------------------
// Statuses

export type StatusWebhookInput = BusinessRef & {
  /** wamid of the outbound message. */
  id: string;
  status: WebhookStatus['status'];
  recipientId: string;
  timestamp?: number | Date;
  bizOpaqueCallbackData?: string;
  pricing?: WebhookStatus['pricing'];
  errors?: WebhookError[];
};

/** A status webhook in the v24+ shape: no `conversation` object (reference §2.12). */
export function buildStatusWebhook(input: StatusWebhookInput): MetaWebhookPayload {
  const timestamp =
    input.timestamp === undefined
      ? unixSeconds()
      : input.timestamp instanceof Date
        ? unixSeconds(input.timestamp)
        : String(Math.floor(input.timestamp));
  const status: WebhookStatus = {
    id: input.id,
    status: input.status,
    timestamp,
    recipient_id: digitsOnly(input.recipientId),
    ...defined({ biz_opaque_callback_data: input.bizOpaqueCallbackData, pricing: input.pricing }),
  };
  // `failed` carries errors and never pricing.
  if (input.status === 'failed') {
    delete status.pricing;
    status.errors = input.errors ?? [];
  }
  return envelope(input, { statuses: [status] });
}

export const REENGAGEMENT_ERROR: WebhookError = {
  code: 131047,
  title: 'Re-engagement message',
  message: 'Re-engagement message',
  error_data: {
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
};

export function digitsOnly(phone: string): string {
  return phone.replace(/\D/g, '');
}
