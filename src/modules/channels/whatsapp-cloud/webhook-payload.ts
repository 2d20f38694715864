import { z } from 'zod';
import { cleanJson, cleanString, TooDeepError, UnstorableKeyError } from '../../../platform/safe-json.ts';
import { isProviderStatus } from '../../messages/index.ts';
import type { InboundContent, MediaKind, MediaRef } from '../../messages/index.ts';
import type { ChannelEvent } from '../provider.ts';
import { describeMetaError } from './meta-errors.ts';
import { rowIdOfCallbackData } from './meta-payloads.ts';

// Meta webhook envelope (reference §2). Lenient: unknown keys pass, unknown fields are ignored.

// Identity fields must arrive clean: text a customer wrote may be cleaned, but an id, a sender or
// a type with a replacement character in it is not the one Meta meant (and could answer a wrong number).
const providerId = z.string().regex(/^[\x21-\x7e]{1,512}$/, 'must be 1 to 512 visible ASCII characters');
const senderId = z.string().regex(/^\+?[0-9A-Za-z._:-]{1,64}$/, 'must be a WhatsApp number or user id');
const typeName = z.string().regex(/^[a-z_]{1,32}$/, 'must be a lower-case type name');

// Unix seconds, as Meta sends them (a string of digits), within what a date can hold: up to 2100.
const unixSeconds = z.string().regex(/^\d{1,10}$/).refine((s) => Number(s) <= 4_102_444_800, 'timestamp out of range');

const metaMessage = z
  .object({
    from: senderId.optional(),
    id: providerId,
    timestamp: unixSeconds,
    type: typeName,
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
    id: providerId,
    status: typeName,
    timestamp: unixSeconds,
    recipient_id: senderId.optional(),
    biz_opaque_callback_data: z.string().max(512).optional(),
    errors: z
      .array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() }).passthrough())
      .optional(),
  })
  .passthrough();

// The envelope of one change; its messages and statuses are checked one by one (below), so one
// bad item never takes the others with it.
const metaValue = z
  .object({
    messaging_product: z.string().optional(),
    metadata: z.object({ phone_number_id: senderId, display_phone_number: z.string().optional() }).optional(),
    contacts: z
      .array(z.object({ wa_id: z.string().optional(), user_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() }).passthrough())
      .optional(),
    messages: z.array(z.unknown()).optional(),
    statuses: z.array(z.unknown()).optional(),
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

/** A neutral event and the phone_number_id it was addressed to (the routing key of Meta's webhooks). */
export type MetaEvent = ChannelEvent & { phoneNumberId: string };

/** A message or status that cannot be stored as it is, with the number it came for when known. */
export type MetaRejected = { phoneNumberId: string | null; kind: 'message' | 'status' | 'change'; reason: string; item: unknown };

const fromUnix = (s: string) => new Date(Number(s) * 1000);

// No real message or status comes near these; past them an item is set aside, not stored.
const MAX_ITEM_DEPTH = 32;
const MAX_ITEM_BYTES = 256 * 1024;

const reasonOf = (issues: z.core.$ZodIssue[]) =>
  issues.slice(0, 3).map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');

/** The item cleaned for storage and checked against its schema, or why it cannot be stored. */
function checkItem<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; value: T } | { ok: false; reason: string } {
  let cleaned: unknown;
  try {
    cleaned = cleanJson(raw, MAX_ITEM_DEPTH);
  } catch (err) {
    if (err instanceof TooDeepError || err instanceof UnstorableKeyError) return { ok: false, reason: err.message };
    throw err;
  }
  if (JSON.stringify(cleaned).length > MAX_ITEM_BYTES) return { ok: false, reason: `larger than ${MAX_ITEM_BYTES} bytes` };
  const parsed = schema.safeParse(cleaned);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: reasonOf(parsed.error.issues) };
}

/**
 * Flattens entry[] → changes[] → messages[]/statuses[] into events, each checked on its own:
 * strings cleaned of what PostgreSQL cannot hold, depth and size bounded, ids and timestamps
 * validated, and turned into neutral events (content, status, the row a status names). What
 * fails is returned in `rejected` with its reason; the rest is stored. Changes with a field other
 * than `messages`, and statuses that are not about delivery, are skipped (counted in `skipped`).
 */
export function extractEvents(body: z.infer<typeof metaWebhookSchema>): { events: MetaEvent[]; rejected: MetaRejected[]; skipped: number } {
  const events: MetaEvent[] = [];
  const rejected: MetaRejected[] = [];
  let skipped = 0;
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        skipped++;
        continue;
      }
      const parsed = metaValue.safeParse(change.value);
      if (!parsed.success || !parsed.data.metadata) {
        rejected.push({ phoneNumberId: null, kind: 'change', reason: parsed.success ? 'no metadata.phone_number_id' : reasonOf(parsed.error.issues), item: change.value });
        continue;
      }
      const value = parsed.data;
      const phoneNumberId = cleanString(value.metadata!.phone_number_id);
      for (const raw of value.messages ?? []) {
        const checked = checkItem(metaMessage, raw);
        if (!checked.ok) {
          rejected.push({ phoneNumberId, kind: 'message', reason: checked.reason, item: raw });
          continue;
        }
        const m = checked.value;
        const contact = value.contacts?.find((c) => (c.wa_id ?? c.user_id) === m.from) ?? value.contacts?.[0];
        // Users with usernames may have no phone number: key them by the business-scoped id.
        const waId = (m.from ?? contact?.wa_id ?? contact?.user_id ?? '').replace(/^\+/, '');
        if (!senderId.safeParse(waId).success) {
          rejected.push({ phoneNumberId, kind: 'message', reason: 'no valid sender (from / contacts.wa_id)', item: raw });
          continue;
        }
        // Meta reuses the message id for a reaction and its removal: key reactions on more.
        const dedupeKey = m.type === 'reaction' ? `${m.id}|${m.timestamp}|${m.reaction?.emoji ?? '∅'}` : m.id;
        const name = contact?.profile?.name;
        events.push({
          kind: 'message',
          phoneNumberId,
          dedupeKey,
          providerMessageId: m.id,
          waId,
          contactName: name === undefined ? null : cleanString(name).slice(0, 256),
          timestamp: fromUnix(m.timestamp),
          content: contentOf(m),
        });
      }
      for (const raw of value.statuses ?? []) {
        const checked = checkItem(metaStatus, raw);
        if (!checked.ok) {
          rejected.push({ phoneNumberId, kind: 'status', reason: checked.reason, item: raw });
          continue;
        }
        const st = checked.value;
        // Meta's status names are the platform's; one it adds later (or "deleted", "warning")
        // says nothing about delivery: acknowledged and skipped, as before it was never applied.
        if (!isProviderStatus(st.status) || st.status === 'accepted') {
          skipped++;
          continue;
        }
        events.push({
          kind: 'status',
          phoneNumberId,
          dedupeKey: `${st.id}|${st.status}`,
          providerMessageId: st.id,
          waId: (st.recipient_id ?? '').replace(/^\+/, ''),
          status: st.status,
          timestamp: fromUnix(st.timestamp),
          ...statusDetail(st),
        });
      }
    }
  }
  return { events, rejected, skipped };
}

/** The row our send named (biz_opaque_callback_data) and the error of a failed status, readable. */
export function statusDetail(st: Pick<MetaStatus, 'biz_opaque_callback_data' | 'errors'>): { rowId?: bigint; error?: { code?: number; cause: string } } {
  const rowId = rowIdOfCallbackData(st.biz_opaque_callback_data);
  const first = st.errors?.[0];
  // A code Meta could send is a small integer; anything else is kept out of the integer column.
  const code = first && Number.isSafeInteger(first.code) && Math.abs(first.code) < 2 ** 31 ? first.code : undefined;
  return {
    ...(rowId !== undefined ? { rowId } : {}),
    ...(first ? { error: { ...(code !== undefined ? { code } : {}), cause: describeMetaError(code).cause } } : {}),
  };
}

/** A status stored by earlier versions as Meta's own object: its row and error. */
export function legacyStatusDetail(raw: unknown): { rowId?: bigint; error?: { code?: number; cause: string } } {
  const st = raw as Partial<MetaStatus> | null;
  const errors = Array.isArray(st?.errors) ? st.errors.filter((e) => typeof e?.code === 'number') : undefined;
  return statusDetail({ biz_opaque_callback_data: typeof st?.biz_opaque_callback_data === 'string' ? st.biz_opaque_callback_data : undefined, errors });
}

const MEDIA: MediaKind[] = ['image', 'audio', 'video', 'document', 'sticker'];

/** A message stored by earlier versions as Meta's own object → neutral content. */
export function toInboundContent(raw: unknown): InboundContent {
  const parsed = metaMessage.safeParse(raw);
  return parsed.success ? contentOf(parsed.data) : { type: 'unsupported', detail: 'unparseable' };
}

/** The media id (Graph API `GET /{media-id}`), kept only when it looks like one. */
function mediaRefOf(media: { id?: unknown; mime_type?: unknown; filename?: unknown } | undefined): MediaRef | undefined {
  if (typeof media?.id !== 'string' || !/^[A-Za-z0-9_.-]{1,128}$/.test(media.id)) return undefined;
  const mimeType = typeof media.mime_type === 'string' && media.mime_type.length <= 100 ? media.mime_type : undefined;
  const filename = typeof media.filename === 'string' ? media.filename.slice(0, 200) : undefined;
  return { id: media.id, ...(mimeType ? { mimeType } : {}), ...(filename ? { filename } : {}) };
}

/** Meta's inbound message → the provider-neutral content the engine understands. */
function contentOf(m: MetaMessage): InboundContent {
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
        const media = m[kind] as { caption?: string; voice?: boolean; id?: unknown; mime_type?: unknown; filename?: unknown } | undefined;
        return { type: 'media', mediaKind: kind, caption: media?.caption, voice: media?.voice, media: mediaRefOf(media) };
      }
      return { type: 'unsupported', detail: m.unsupported?.type ?? m.type };
    }
  }
}
