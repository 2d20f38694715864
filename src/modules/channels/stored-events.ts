// What the inbox keeps of an event, whatever provider carried it: a message's neutral content, a
// status's error and the row it names. Written at the edge (receive-events.ts), read back by the
// jobs (provider-registry.ts). Inbox rows stored before events were neutral hold the provider's
// own wire object instead, which always has an `id` (a neutral payload never does): those are
// read back through the provider's `legacy` reader.
import { z } from 'zod';
import type { InboundContent } from '../messages/index.ts';

const mediaKind = z.enum(['image', 'audio', 'video', 'document', 'sticker']);

export const inboundContentSchema: z.ZodType<InboundContent> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('interactive'), replyId: z.string(), title: z.string() }),
  z.object({
    type: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
  }),
  z.object({
    type: z.literal('media'),
    mediaKind,
    caption: z.string().optional(),
    voice: z.boolean().optional(),
    media: z.object({ id: z.string().max(128).optional(), url: z.string().max(1000).optional(), mimeType: z.string().max(100).optional(), filename: z.string().max(200).optional() }).optional(),
  }),
  z.object({ type: z.literal('reaction'), emoji: z.string().optional() }),
  z.object({ type: z.literal('contacts') }),
  z.object({ type: z.literal('order'), items: z.number() }),
  z.object({ type: z.literal('system'), newWaId: z.string().optional() }),
  z.object({ type: z.literal('unsupported'), detail: z.string().optional() }),
]);

export type StoredMessage = { content: InboundContent };
export type StatusDetail = { rowId?: bigint; error?: { code?: number; cause: string } };

const storedMessageSchema = z.object({ content: inboundContentSchema });
const storedStatusSchema = z.object({
  rowId: z.string().regex(/^\d{1,18}$/).optional(),
  error: z.object({ code: z.number().int().optional(), cause: z.string() }).optional(),
});

export const storedMessagePayload = (content: InboundContent): StoredMessage => ({ content });

export const storedStatusPayload = (s: StatusDetail) => ({
  ...(s.rowId !== undefined ? { rowId: s.rowId.toString() } : {}),
  ...(s.error ? { error: s.error } : {}),
});

/** A payload in the provider's own wire format (stored before events were neutral). */
export const isLegacyPayload = (payload: unknown): boolean =>
  typeof payload === 'object' && payload !== null && 'id' in payload;

/** The neutral content of a stored message; undefined when the payload is not a neutral one. */
export function readNeutralMessage(payload: unknown): InboundContent | undefined {
  const parsed = storedMessageSchema.safeParse(payload);
  return parsed.success ? parsed.data.content : undefined;
}

export function readNeutralStatus(payload: unknown): StatusDetail | undefined {
  const parsed = storedStatusSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  return {
    ...(parsed.data.rowId !== undefined ? { rowId: BigInt(parsed.data.rowId) } : {}),
    ...(parsed.data.error ? { error: parsed.data.error } : {}),
  };
}
