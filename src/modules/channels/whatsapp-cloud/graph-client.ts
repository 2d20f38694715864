import http from 'node:http';
import https from 'node:https';
import type { OutboundContent } from '../messages.types.ts';
import type { SendResult } from '../provider.ts';
import { describeMetaError } from './meta-errors.ts';
import { toMetaMessage } from './meta-payloads.ts';

/** A request that failed; `written`: it had been handed to the network in full. */
class CallError extends Error {
  constructor(reason: unknown, readonly written: boolean) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = reason instanceof Error ? reason.name : 'Error';
  }
}

type MetaErrorBody = { error?: { code?: number; message?: string; error_data?: { details?: string } } };

/**
 * Talks to the Graph API (or any peer speaking it) at `baseUrl` (already including /vNN.N);
 * a function when the URL is only known after listen (the built-in emulator on port 0).
 */
export function createGraphClient(opts: { baseUrl: string | (() => string); timeoutMs: number }) {
  const base = typeof opts.baseUrl === 'function' ? opts.baseUrl : () => opts.baseUrl as string;
  // node:http with keep-alive agents rather than fetch: every reply is one call, and fetch's
  // WHATWG request/response/stream objects cost several times the CPU of a plain request.
  const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }) };
  function call(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const url = new URL(`${base()}/${path}`);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, rejectCall) => {
      let written = false;
      let answered = false;
      // A kept-alive connection the peer closed as we reused it fails with a reset before any
      // answer: the peer never read this request (Node's documented case for `reusedSocket`), so
      // it is safe to send again, unlike a request cut off after the peer may have read it.
      const closedIdle = (err: unknown) =>
        req.reusedSocket && !answered && ['ECONNRESET', 'EPIPE'].includes(String((err as { code?: unknown }).code));
      const reject = (err: unknown) => rejectCall(new CallError(err, written && !closedIdle(err)));
      const req = transport.request(
        url,
        {
          method,
          agent: agents[url.protocol as 'http:' | 'https:'],
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = {};
            try {
              json = text ? JSON.parse(text) : {};
            } catch {
              // Not JSON (a proxy's error page): the status alone decides.
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.setTimeout(opts.timeoutMs, () => {
        const err = new Error('Graph API timed out');
        err.name = 'TimeoutError';
        req.destroy(err);
      });
      req.on('error', reject);
      req.on('finish', () => (written = true));
      req.end(payload);
    });
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
        const written = err instanceof CallError && err.written;
        const cause = err instanceof Error && err.name === 'TimeoutError' ? 'Graph API timed out' : `network error: ${err instanceof Error ? err.message : String(err)}`;
        return { ok: false, retry: true, unknown: written, cause: written ? `${cause} after the request was sent` : cause };
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
