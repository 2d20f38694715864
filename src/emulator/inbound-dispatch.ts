// Simulated customer messages: turns a small request (what the simulator or a test wants the
// customer to do) into Meta's inbound webhook, records it, and delivers it signed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { EmulatorStore } from './emulator-store.ts';
import {
  buildInboundWebhook,
  digitsOnly,
  newNumericId,
  newWamid,
  type InboundMessageSpec,
} from './meta-webhooks.ts';
import type { Clock } from './rate-limits.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';

export const inboundRequestSchema = z
  .object({
    phone_number_id: z.string().min(1),
    from: z.string().regex(/^\+?[\d\s()-]{6,20}$/, 'from must be a phone number'),
    name: z.string().min(1).max(100).optional(),
    type: z.enum(['text', 'interactive', 'location', 'image', 'audio', 'sticker', 'reaction', 'unsupported']),
    text: z.string().min(1).max(4096).optional(),
    reply: z
      .object({
        kind: z.enum(['button_reply', 'list_reply']),
        id: z.string().min(1),
        title: z.string().min(1),
        description: z.string().optional(),
      })
      .optional(),
    location: z
      .object({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .optional(),
    /** Image caption. */
    caption: z.string().max(1024).optional(),
    /** Reaction emoji; `text` is used when absent, then 👍. */
    emoji: z.string().optional(),
    /** wamid the reaction points to; defaults to the last business message in the chat. */
    reaction_to: z.string().optional(),
    /** wamid of the business message being answered; defaults to the last interactive one. */
    context_id: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'text' && v.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'text is required for type text' });
    if (v.type === 'interactive' && v.reply === undefined) ctx.addIssue({ code: 'custom', path: ['reply'], message: 'reply is required for type interactive' });
    if (v.type === 'location' && v.location === undefined) ctx.addIssue({ code: 'custom', path: ['location'], message: 'location is required for type location' });
  });

export type InboundRequest = z.input<typeof inboundRequestSchema>;
export type InboundResult = { id: string; status: number; attempts: number };

export class UnknownNumberError extends Error {
  constructor(readonly phoneNumberId: string) {
    super(`phone_number_id ${phoneNumberId} is not registered in the emulator`);
    this.name = 'UnknownNumberError';
  }
}

// Tiny but valid placeholder files, so `GET /{media-id}` and the download behave like Meta's.
const PLACEHOLDER_MEDIA = {
  image: {
    mimeType: 'image/png',
    base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  },
  sticker: { mimeType: 'image/webp', base64: 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==' },
  audio: { mimeType: 'audio/ogg; codecs=opus', base64: 'T2dnUwACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
} as const;

type Deps = { store: EmulatorStore; dispatcher: WebhookDispatcher; logger: Logger; now: Clock; refresh?: () => Promise<void> };

export function createInboundDispatcher({ store, dispatcher, logger, now, refresh }: Deps) {
  function storeMedia(kind: keyof typeof PLACEHOLDER_MEDIA, phoneNumberId: string) {
    const { mimeType, base64 } = PLACEHOLDER_MEDIA[kind];
    const bytes = Buffer.from(base64, 'base64');
    const record = {
      id: newNumericId(),
      phoneNumberId,
      mimeType,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('base64'),
      createdAt: now(),
    };
    store.putMedia(record);
    return { mediaId: record.id, mimeType, sha256: record.sha256 };
  }

  function toSpec(req: z.output<typeof inboundRequestSchema>): InboundMessageSpec {
    const waId = digitsOnly(req.from);
    switch (req.type) {
      case 'text':
        return { type: 'text', text: req.text ?? '' };
      case 'interactive': {
        const reply = req.reply ?? { kind: 'button_reply' as const, id: '', title: '' };
        return { type: 'interactive', reply };
      }
      case 'location':
        return { type: 'location', location: req.location ?? { latitude: 0, longitude: 0 } };
      case 'image':
        return { type: 'image', ...(req.caption === undefined ? {} : { caption: req.caption }), ...storeMedia('image', req.phone_number_id) };
      case 'audio':
        return { type: 'audio', voice: true, ...storeMedia('audio', req.phone_number_id) };
      case 'sticker':
        return { type: 'sticker', animated: false, ...storeMedia('sticker', req.phone_number_id) };
      case 'reaction':
        return {
          type: 'reaction',
          messageId: req.reaction_to ?? store.lastOutbound(req.phone_number_id, waId)?.wamid ?? newWamid(),
          emoji: req.emoji ?? req.text ?? '👍',
        };
      case 'unsupported':
        return { type: 'unsupported' };
    }
  }

  /** Throws ZodError for a malformed request and UnknownNumberError for an unregistered number. */
  return async function dispatchInbound(input: InboundRequest): Promise<InboundResult> {
    const req = inboundRequestSchema.parse(input);
    // A number registered since start (a company created while running) is looked up on a miss.
    if (!store.getNumber(req.phone_number_id)) await refresh?.();
    const number = store.getNumber(req.phone_number_id);
    if (!number) throw new UnknownNumberError(req.phone_number_id);
    const waId = digitsOnly(req.from);
    const name = req.name ?? 'Cliente Demo';
    const contextId =
      req.context_id ??
      (req.type === 'interactive'
        ? store.lastOutbound(number.phoneNumberId, waId, (r) => r.type === 'interactive')?.wamid
        : undefined);
    const at = now();
    const payload = buildInboundWebhook({
      phoneNumberId: number.phoneNumberId,
      wabaId: number.wabaId,
      displayPhoneNumber: number.displayPhoneNumber,
      from: waId,
      name,
      timestamp: new Date(at),
      ...(contextId === undefined ? {} : { contextId }),
      ...toSpec(req),
    });
    const message = payload.entry[0]?.changes[0]?.value.messages?.[0];
    if (!message) throw new Error('inbound payload without a message');
    store.recordInbound(
      {
        wamid: message.id,
        phoneNumberId: number.phoneNumberId,
        waId,
        name,
        type: message.type,
        message,
        sentAt: new Date(at).toISOString(),
        webhookStatus: null,
      },
      at,
    );
    logger.debug({ waMessageId: message.id, type: message.type }, 'inbound message simulated');
    const result = await dispatcher.deliver(payload, { kind: 'inbound', id: message.id });
    store.setInboundDelivery(message.id, result.status);
    return { id: message.id, status: result.status, attempts: result.attempts };
  };
}
