import { createHttpCaller, networkFailure } from '../http-call.ts';
import type { SendResult } from '../provider.ts';
import { describeTwilioError } from './twilio-errors.ts';

type TwilioErrorBody = { code?: unknown; message?: unknown; status?: unknown };
type Credentials = { accountSid: string; authToken: string };

/**
 * Twilio's REST API (`https://api.twilio.com`, or any peer speaking it, such as the built-in
 * emulator) at `baseUrl`: form-encoded requests with Basic auth (Account SID : Auth Token),
 * JSON answers, through the shared keep-alive caller (http-call.ts).
 */
export function createTwilioClient(opts: { baseUrl: string | (() => string); timeoutMs: number }) {
  const base = typeof opts.baseUrl === 'function' ? opts.baseUrl : () => opts.baseUrl as string;
  const http = createHttpCaller({ timeoutMs: opts.timeoutMs, service: 'Twilio API' });
  function call(method: 'GET' | 'POST', path: string, auth: Credentials, form?: URLSearchParams) {
    const payload = form === undefined ? undefined : Buffer.from(form.toString());
    return http(
      method,
      new URL(`${base().replace(/\/+$/, '')}${path}`),
      {
        authorization: `Basic ${Buffer.from(`${auth.accountSid}:${auth.authToken}`).toString('base64')}`,
        accept: 'application/json',
        ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload,
    );
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
        return networkFailure(err, 'Twilio API');
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
