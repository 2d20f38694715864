// Delivers signed webhooks the way Meta does (reference §4): the payload is serialised once,
// signed, and those exact bytes are POSTed; only HTTP 200 counts as delivered, anything else
// is retried. Meta retries for 7 days; the emulator retries a few times with a short backoff.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { MetaWebhookPayload } from './meta-webhooks.ts';
import { signWebhook } from './webhook-signing.ts';

export type WebhookDispatcherOptions = {
  webhookUrl: string | (() => string);
  appSecret: string;
  logger: Logger;
  /** Pauses before each retry; its length is the number of retries. */
  retryDelaysMs?: number[];
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Aborting it stops in-flight requests and pending retries (emulator close). */
  signal: AbortSignal;
};

export type DeliveryResult = {
  /** Last HTTP status from the webhook, or 0 when it could not be reached. */
  status: number;
  attempts: number;
};

/** Resolves false when aborted instead of throwing. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

export function createWebhookDispatcher(options: WebhookDispatcherOptions) {
  const retryDelays = options.retryDelaysMs ?? [50, 250, 1000];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const log = options.logger;

  function resolveUrl(): string {
    return typeof options.webhookUrl === 'function' ? options.webhookUrl() : options.webhookUrl;
  }

  async function attempt(url: string, body: string, headers: Record<string, string>): Promise<number> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]),
      });
      // Drain the body so the keep-alive socket can be reused.
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch (err) {
      if (!options.signal.aborted) log.debug({ err }, 'webhook request failed');
      return 0;
    }
  }

  return {
    /** POSTs the signed payload, retrying on anything but 200. Never throws. */
    async deliver(payload: MetaWebhookPayload, what: { kind: 'inbound' | 'status'; id: string }): Promise<DeliveryResult> {
      const { body, headers } = signWebhook(payload, options.appSecret);
      const url = resolveUrl();
      let status = 0;
      let attempts = 0;
      for (;;) {
        if (options.signal.aborted) break;
        attempts += 1;
        status = await attempt(url, body, headers);
        if (status === 200) break;
        const delay = retryDelays[attempts - 1];
        if (delay === undefined || !(await pause(delay, options.signal))) break;
      }
      if (status === 200) {
        log.debug({ kind: what.kind, waMessageId: what.id, attempts }, 'webhook delivered');
      } else if (!options.signal.aborted) {
        log.warn({ kind: what.kind, waMessageId: what.id, status, attempts }, 'webhook not acknowledged with 200');
      }
      return { status, attempts };
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
