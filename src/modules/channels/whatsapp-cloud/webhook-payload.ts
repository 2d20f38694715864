import { z } from 'zod';
import type { InboundContent, MediaKind } from '../messages.types.ts';

// Meta webhook envelope (reference §2). Lenient: unknown keys pass, unknown fields are ignored.
const metaMessage = z
  .object({
    from: z.string().optional(),
    id: z.string().min(1),
    timestamp: z.string().regex(/^\d+$/),
    type: z.string(),
    text: z.object({ body: z.string() }).optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
        list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
      })
      .optional(),
    button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .optional(),
    image: z.object({ caption: z.string().optional() }).passthrough().optional(),
    video: z.object({ caption: z.string().optional() }).passthrough().optional(),
    document: z.object({ caption: z.string().optional() }).passthrough().optional(),
    audio: z.object({ voice: z.boolean().optional() }).passthrough().optional(),
    sticker: z.object({}).passthrough().optional(),
    reaction: z.object({ message_id: z.string().optional(), emoji: z.string().optional() }).optional(),
    order: z.object({ product_items: z.array(z.unknown()).optional() }).passthrough().optional(),
    system: z.object({ wa_id: z.string().optional(), type: z.string().optional() }).passthrough().optional(),
    unsupported: z.object({ type: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const metaStatus = z
  .object({
    id: z.string().min(1),
    status: z.string(),
    timestamp: z.string().regex(/^\d+$/),
    recipient_id: z.string().optional(),
    biz_opaque_callback_data: z.string().optional(),
    errors: z
      .array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() }).passthrough())
      .optional(),
  })
  .passthrough();

const metaValue = z
  .object({
    messaging_product: z.string().optional(),
    metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }).optional(),
    contacts: z
      .array(z.object({ wa_id: z.string().optional(), user_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() }).passthrough())
      .optional(),
    messages: z.array(metaMessage).optional(),
    statuses: z.array(metaStatus).optional(),
  })
  .passthrough();

export const metaWebhookSchema = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
    }).passthrough(),
  ),
});

export type MetaMessage = z.infer<typeof metaMessage>;
export type MetaStatus = z.infer<typeof metaStatus>;

export type InboundEvent =
  | {
      kind: 'message';
      phoneNumberId: string;
      dedupeKey: string;
      providerMessageId: string;
      waId: string;
      contactName: string | null;
      messageType: string;
      timestamp: Date;
      payload: MetaMessage;
    }
  | {
      kind: 'status';
      phoneNumberId: string;
      dedupeKey: string;
      providerMessageId: string;
      waId: string;
      status: string;
      timestamp: Date;
      payload: MetaStatus;
    };

const fromUnix = (s: string) => new Date(Number(s) * 1000);

/**
 * Flattens entry[] → changes[] → messages[]/statuses[] into events. Changes with a field other
 * than `messages`, or a value that does not parse, are skipped (reported in `skipped`).
 */
export function extractEvents(body: z.infer<typeof metaWebhookSchema>): { events: InboundEvent[]; skipped: number } {
  const events: InboundEvent[] = [];
  let skipped = 0;
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        skipped++;
        continue;
      }
      const parsed = metaValue.safeParse(change.value);
      if (!parsed.success || !parsed.data.metadata) {
        skipped++;
        continue;
      }
      const value = parsed.data;
      const phoneNumberId = value.metadata!.phone_number_id;
      for (const m of value.messages ?? []) {
        const contact = value.contacts?.find((c) => (c.wa_id ?? c.user_id) === m.from) ?? value.contacts?.[0];
        // Users with usernames may have no phone number: key them by the business-scoped id.
        const waId = (m.from ?? contact?.wa_id ?? contact?.user_id ?? '').replace(/^\+/, '');
        if (!waId) {
          skipped++;
          continue;
        }
        // Meta reuses the message id for a reaction and its removal: key reactions on more.
        const dedupeKey = m.type === 'reaction' ? `${m.id}|${m.timestamp}|${m.reaction?.emoji ?? '∅'}` : m.id;
        events.push({
          kind: 'message',
          phoneNumberId,
          dedupeKey,
          providerMessageId: m.id,
          waId,
          contactName: contact?.profile?.name ?? null,
          messageType: m.type,
          timestamp: fromUnix(m.timestamp),
          payload: m,
        });
      }
      for (const s of value.statuses ?? []) {
        events.push({
          kind: 'status',
          phoneNumberId,
          dedupeKey: `${s.id}|${s.status}`,
          providerMessageId: s.id,
          waId: (s.recipient_id ?? '').replace(/^\+/, ''),
          status: s.status,
          timestamp: fromUnix(s.timestamp),
          payload: s,
        });
      }
    }
  }
  return { events, skipped };
}

const MEDIA: MediaKind[] = ['image', 'audio', 'video', 'document', 'sticker'];

/** Meta's inbound message → the provider-neutral content the engine understands. */
export function toInboundContent(raw: unknown): InboundContent {
  const parsed = metaMessage.safeParse(raw);
  if (!parsed.success) return { type: 'unsupported', detail: 'unparseable' };
  const m = parsed.data;
  switch (m.type) {
    case 'text':
      return { type: 'text', text: m.text?.body ?? '' };
    case 'interactive': {
      const r = m.interactive?.button_reply ?? m.interactive?.list_reply;
      return r ? { type: 'interactive', replyId: r.id, title: r.title } : { type: 'unsupported', detail: m.interactive?.type };
    }
    case 'button':
      return { type: 'interactive', replyId: m.button?.payload ?? m.button?.text ?? '', title: m.button?.text ?? '' };
    case 'location':
      return m.location
        ? { type: 'location', latitude: m.location.latitude, longitude: m.location.longitude, name: m.location.name, address: m.location.address }
        : { type: 'unsupported', detail: 'location' };
    case 'reaction':
      return { type: 'reaction', emoji: m.reaction?.emoji };
    case 'contacts':
      return { type: 'contacts' };
    case 'order':
      return { type: 'order', items: m.order?.product_items?.length ?? 0 };
    case 'system':
      return { type: 'system', newWaId: m.system?.wa_id };
    default: {
      const kind = MEDIA.find((k) => k === m.type);
      if (kind) {
        const media = m[kind] as { caption?: string; voice?: boolean } | undefined;
        return { type: 'media', mediaKind: kind, caption: media?.caption, voice: media?.voice };
      }
      return { type: 'unsupported', detail: m.unsupported?.type ?? m.type };
    }
  }
}
