import http from 'node:http';
import https from 'node:https';
import type { SendResult } from '../provider.ts';
import { describeTwilioError } from './twilio-errors.ts';

/** A request that failed; `written`: it had been handed to the network in full. */
class CallError extends Error {
  constructor(reason: unknown, readonly written: boolean) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = reason instanceof Error ? reason.name : 'Error';
  }
}

type TwilioErrorBody = { code?: unknown; message?: unknown; status?: unknown };
type Credentials = { accountSid: string; authToken: string };

/**
 * Twilio's REST API (`https://api.twilio.com`, or any peer speaking it, such as the built-in
 * emulator) at `baseUrl`: form-encoded requests with Basic auth (Account SID : Auth Token),
 * JSON answers. node:http keep-alive agents, as the Graph client: one call per reply.
 */
export function createTwilioClient(opts: { baseUrl: string | (() => string); timeoutMs: number }) {
  const base = typeof opts.baseUrl === 'function' ? opts.baseUrl : () => opts.baseUrl as string;
  const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }) };

  function call(method: 'GET' | 'POST', path: string, auth: Credentials, form?: URLSearchParams): Promise<{ status: number; json: unknown }> {
    const url = new URL(`${base().replace(/\/+$/, '')}${path}`);
    const payload = form === undefined ? undefined : Buffer.from(form.toString());
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
            authorization: `Basic ${Buffer.from(`${auth.accountSid}:${auth.authToken}`).toString('base64')}`,
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            let json: unknown = {};
            try {
              const text = Buffer.concat(chunks).toString('utf8');
              json = text ? JSON.parse(text) : {};
            } catch {
              // Not JSON (a proxy's error page): the status alone decides.
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.setTimeout(opts.timeoutMs, () => {
        const err = new Error('Twilio API timed out');
        err.name = 'TimeoutError';
        req.destroy(err);
      });
      req.on('error', reject);
      req.on('finish', () => (written = true));
      req.end(payload);
    });
  }

  function failure(status: number, json: unknown): SendResult & { ok: false } {
    const body = json as TwilioErrorBody;
    const code = typeof body.code === 'number' && Number.isSafeInteger(body.code) ? body.code : undefined;
    const info = describeTwilioError(code, status);
    return { ok: false, retry: info.retry, code, httpStatus: status, cause: info.cause, ...(typeof body.message === 'string' ? { title: body.message } : {}) };
  }

  const accountPath = (sid: string) => `/2010-04-01/Accounts/${encodeURIComponent(sid)}`;

  return {
    /** `POST /2010-04-01/Accounts/{sid}/Messages.json`: 201 with the Message resource (its SID) when accepted. */
    async createMessage(auth: Credentials, form: URLSearchParams): Promise<SendResult> {
      try {
        const { status, json } = await call('POST', `${accountPath(auth.accountSid)}/Messages.json`, auth, form);
        const sid = (json as { sid?: unknown }).sid;
        if ((status === 201 || status === 200) && typeof sid === 'string' && sid) return { ok: true, providerMessageId: sid };
        return failure(status, json);
      } catch (err) {
        const written = err instanceof CallError && err.written;
        const cause = err instanceof Error && err.name === 'TimeoutError' ? 'Twilio API timed out' : `network error: ${err instanceof Error ? err.message : String(err)}`;
        return { ok: false, retry: true, unknown: written, cause: written ? `${cause} after the request was sent` : cause };
      }
    },

    /** `GET /2010-04-01/Accounts/{sid}.json`: the credentials work and the account is active. */
    async checkAccount(auth: Credentials): Promise<{ ok: boolean; detail: string }> {
      try {
        const { status, json } = await call('GET', `${accountPath(auth.accountSid)}.json`, auth);
        if (status !== 200) return { ok: false, detail: failure(status, json).cause };
        const body = json as { status?: string; friendly_name?: string };
        return { ok: body.status === undefined || body.status === 'active', detail: `status=${body.status ?? '?'} account=${body.friendly_name ?? '?'}` };
      } catch (err) {
        return { ok: false, detail: `unreachable: ${String(err)}` };
      }
    },
  };
}

export type TwilioClient = ReturnType<typeof createTwilioClient>;
