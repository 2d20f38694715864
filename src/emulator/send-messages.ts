// What happens after a valid `POST /{phone-number-id}/messages`: rate limits, recording, the
// 200 response, and the asynchronous status webhooks (sent → delivered → read, reference §2.12).
import type { Logger } from 'pino';
import { graphErrors } from './graph-errors.ts';
import type { EmulatorStore, OutboundStatus, RegisteredNumber } from './emulator-store.ts';
import {
  REENGAGEMENT_ERROR,
  buildStatusWebhook,
  digitsOnly,
  newWamid,
  type WebhookStatus,
} from './meta-webhooks.ts';
import { createSlidingWindowLimiter, createTokenBucketLimiter, type Clock } from './rate-limits.ts';
import type { SendRequest } from './outbound-validation.ts';
import { pause, type WebhookDispatcher } from './webhook-dispatcher.ts';

export type SendSettings = {
  statusWebhooks: boolean;
  statusDelayMs: number;
  skipDelivered: boolean;
  throughputPerSecond: number;
  pairRateLimit: boolean;
  enforceWindow: boolean;
};

export type SendResponse =
  | { success: true }
  | {
      messaging_product: 'whatsapp';
      contacts: Array<{ input: string; wa_id: string }>;
      messages: Array<{ id: string }>;
    };

const WINDOW_MS = 24 * 60 * 60 * 1000;
// Pair rate limit: 1 message per 6 s, bursts of up to 45 borrowed from future quota.
const PAIR_BURST = 45;
const PAIR_REFILL_MS = 6000;

type Deps = {
  store: EmulatorStore;
  dispatcher: WebhookDispatcher;
  logger: Logger;
  now: Clock;
  signal: AbortSignal;
  settings: SendSettings;
};

export function createSendService({ store, dispatcher, logger, now, signal, settings }: Deps) {
  const throughput = createSlidingWindowLimiter(settings.throughputPerSecond, 1000, now);
  const pairLimiter = createTokenBucketLimiter(PAIR_BURST, PAIR_REFILL_MS, now);
  const pending = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  }

  async function emitStatuses(
    number: RegisteredNumber,
    wamid: string,
    recipient: string,
    plan: Array<Pick<WebhookStatus, 'status' | 'pricing' | 'errors'>>,
    bizOpaqueCallbackData: string | undefined,
  ): Promise<void> {
    for (const step of plan) {
      if (!(await pause(settings.statusDelayMs, signal))) return;
      const at = new Date(now());
      store.addOutboundStatus(wamid, step.status as OutboundStatus, at);
      const payload = buildStatusWebhook({
        phoneNumberId: number.phoneNumberId,
        wabaId: number.wabaId,
        displayPhoneNumber: number.displayPhoneNumber,
        id: wamid,
        status: step.status,
        recipientId: recipient,
        timestamp: at,
        ...(bizOpaqueCallbackData === undefined ? {} : { bizOpaqueCallbackData }),
        ...(step.pricing === undefined ? {} : { pricing: step.pricing }),
        ...(step.errors === undefined ? {} : { errors: step.errors }),
      });
      // Awaited so that each status reaches the webhook before the next one is sent.
      await dispatcher.deliver(payload, { kind: 'status', id: wamid });
    }
  }

  function windowIsOpen(phoneNumberId: string, waId: string): boolean {
    const last = store.lastInboundAt(phoneNumberId, waId);
    return last !== undefined && now() - last <= WINDOW_MS;
  }

  return {
    /** `fault`: the send was accepted under a fault (slow or stalled answer), noted on the record. */
    send(number: RegisteredNumber, request: SendRequest, note: { fault?: 'slow' | 'stall' } = {}): SendResponse {
      if (request.kind === 'read') {
        store.recordRead({
          phoneNumberId: number.phoneNumberId,
          messageId: request.messageId,
          typing: request.typing,
          at: new Date(now()).toISOString(),
        });
        return { success: true };
      }
      if (!throughput.tryHit(number.phoneNumberId)) throw graphErrors.throughput();
      const waId = digitsOnly(request.to);
      if (settings.pairRateLimit && !pairLimiter.tryHit(`${number.phoneNumberId}:${waId}`)) {
        throw graphErrors.pairRateLimit();
      }

      const wamid = newWamid();
      // Outside the 24 h window Meta accepts free-form sends and fails them by webhook (§6.1).
      const outsideWindow =
        settings.enforceWindow && request.type !== 'template' && !windowIsOpen(number.phoneNumberId, waId);
      store.recordOutbound(
        {
          wamid,
          phoneNumberId: number.phoneNumberId,
          to: request.to,
          waId,
          type: request.type,
          body: request.body,
          receivedAt: new Date(now()).toISOString(),
          statuses: [],
          ...(note.fault === undefined ? {} : { fault: note.fault }),
        },
        { visibleInChat: !outsideWindow },
      );
      logger.debug({ waMessageId: wamid, type: request.type, outsideWindow }, 'outbound message accepted');

      if (settings.statusWebhooks) {
        const isTemplate = request.type === 'template';
        const pricing: WebhookStatus['pricing'] = {
          billable: isTemplate,
          pricing_model: 'PMP',
          type: isTemplate ? 'regular' : 'free_customer_service',
          category: isTemplate ? 'utility' : 'service',
        };
        const plan: Array<Pick<WebhookStatus, 'status' | 'pricing' | 'errors'>> = outsideWindow
          ? [{ status: 'failed', errors: [REENGAGEMENT_ERROR] }]
          : [
              { status: 'sent', pricing },
              ...(settings.skipDelivered ? [] : [{ status: 'delivered' as const }]),
              { status: 'read' },
            ];
        track(emitStatuses(number, wamid, waId, plan, request.bizOpaqueCallbackData));
      }

      return {
        messaging_product: 'whatsapp',
        contacts: [{ input: request.to, wa_id: waId }],
        messages: [{ id: wamid }],
      };
    },
    resetLimits(): void {
      throughput.reset();
      pairLimiter.reset();
    },
    /** Waits for in-flight status chains (they stop early once the signal is aborted). */
    async drain(): Promise<void> {
      await Promise.allSettled([...pending]);
    },
  };
}

export type SendService = ReturnType<typeof createSendService>;
