import { createHttpCaller, networkFailure } from '../http-call.ts';
import { downloadMedia, MediaFetchError, type FetchedMedia } from '../fetch-media.ts';
import type { OutboundContent } from '../../messages/index.ts';
import type { SendResult } from '../provider.ts';
import { describeMetaError } from './meta-errors.ts';
import { toMetaMessage } from './meta-payloads.ts';

type MetaErrorBody = { error?: { code?: number; message?: string; error_data?: { details?: string } } };

/**
 * Talks to the Graph API (or any peer speaking it) at `baseUrl` (already including /vNN.N);
 * a function when the URL is only known after listen (the built-in emulator on port 0).
 */
export function createGraphClient(opts: { baseUrl: string | (() => string); timeoutMs: number }) {
  const base = typeof opts.baseUrl === 'function' ? opts.baseUrl : () => opts.baseUrl as string;
  const http = createHttpCaller({ timeoutMs: opts.timeoutMs, service: 'Graph API' });
  function call(method: 'GET' | 'POST', path: string, token: string, body?: unknown) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return http(method, new URL(`${base()}/${path}`), { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) }, payload);
  }

  function failure(status: number, json: unknown): SendResult & { ok: false } {
    const err = (json as MetaErrorBody).error;
    const info = describeMetaError(err?.code, status);
    return { ok: false, retry: info.retry, code: err?.code, httpStatus: status, cause: info.cause, title: err?.message };
  }

  return {
    /** `callbackData`: echoed by Meta in this message's status webhooks (biz_opaque_callback_data). */
    async sendMessage(phoneNumberId: string, token: string, to: string, content: OutboundContent, callbackData?: string): Promise<SendResult> {
      try {
        const body = { ...toMetaMessage(to, content), ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}) };
        const { status, json } = await call('POST', `${encodeURIComponent(phoneNumberId)}/messages`, token, body);
        const id = (json as { messages?: { id?: string }[] }).messages?.[0]?.id;
        if (status === 200 && id) return { ok: true, providerMessageId: id };
        return failure(status, json);
      } catch (err) {
        return networkFailure(err, 'Graph API');
      }
    },

    async markRead(phoneNumberId: string, token: string, messageId: string): Promise<boolean> {
      try {
        const { status } = await call('POST', `${encodeURIComponent(phoneNumberId)}/messages`, token, {
          messaging_product: 'whatsapp',
          status: 'read',
          message_id: messageId,
        });
        return status === 200;
      } catch {
        return false;
      }
    },

    /**
     * A customer's file: `GET /{media-id}` gives a short-lived URL, downloaded with the same token
     * (reference §6.4). A 4xx other than 429 (unknown or expired id, wrong token) will not heal.
     */
    async fetchMedia(mediaId: string, token: string): Promise<FetchedMedia> {
      let answer: { status: number; json: unknown };
      try {
        answer = await call('GET', encodeURIComponent(mediaId), token);
      } catch (err) {
        throw new MediaFetchError(`Graph API media lookup failed: ${err instanceof Error ? err.message : String(err)}`, true);
      }
      const url = (answer.json as { url?: unknown }).url;
      if (answer.status !== 200 || typeof url !== 'string') {
        throw new MediaFetchError(`Graph API media lookup answered HTTP ${answer.status}: ${failure(answer.status, answer.json).cause}`, answer.status === 429 || answer.status >= 500);
      }
      const media = await downloadMedia(url, { authorization: `Bearer ${token}` }, { timeoutMs: opts.timeoutMs * 3 });
      const declared = (answer.json as { mime_type?: unknown }).mime_type;
      return typeof declared === 'string' && media.mimeType === 'application/octet-stream' ? { ...media, mimeType: declared.split(';')[0]!.trim() } : media;
    },

    /** Start-up check of a channel: the number answers with CONNECTED status for this token. */
    async checkPhoneNumber(phoneNumberId: string, token: string): Promise<{ ok: boolean; detail: string }> {
      try {
        const { status, json } = await call(
          'GET',
          `${encodeURIComponent(phoneNumberId)}?fields=display_phone_number,verified_name,quality_rating,status`,
          token,
        );
        if (status !== 200) return { ok: false, detail: failure(status, json).cause };
        const body = json as { status?: string; quality_rating?: string; display_phone_number?: string };
        return {
          ok: body.status === undefined || body.status === 'CONNECTED',
          detail: `status=${body.status ?? '?'} quality=${body.quality_rating ?? '?'} number=${body.display_phone_number ?? '?'}`,
        };
      } catch (err) {
        return { ok: false, detail: `unreachable: ${String(err)}` };
      }
    },
  };
}

export type GraphClient = ReturnType<typeof createGraphClient>;
