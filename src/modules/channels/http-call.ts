import http from 'node:http';
import https from 'node:https';
import type { SendResult } from './provider.ts';

/** A request that failed; `written`: it had been handed to the network in full. */
class CallError extends Error {
  constructor(reason: unknown, readonly written: boolean) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = reason instanceof Error ? reason.name : 'Error';
  }
}

export type HttpAnswer = { status: number; json: unknown };

/**
 * One JSON-answering HTTP call to a provider's API, on node:http keep-alive agents rather than
 * fetch: every reply is one call, and fetch's WHATWG request/response/stream objects cost several
 * times the CPU of a plain request. A failure records whether the request had been written in full
 * (see `networkFailure`). `service` names the API in timeout messages.
 */
export function createHttpCaller(opts: { timeoutMs: number; service: string }) {
  const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }) };
  return function call(method: 'GET' | 'POST', url: URL, headers: Record<string, string | number>, payload?: Buffer): Promise<HttpAnswer> {
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
        { method, agent: agents[url.protocol as 'http:' | 'https:'], headers: { ...headers, ...(payload ? { 'content-length': payload.length } : {}) } },
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
        const err = new Error(`${opts.service} timed out`);
        err.name = 'TimeoutError';
        req.destroy(err);
      });
      req.on('error', reject);
      req.on('finish', () => (written = true));
      req.end(payload);
    });
  };
}

/**
 * A send that failed on the network, as a SendResult: retryable, and `unknown` when the request
 * had been written in full (the provider may have accepted it: it must not be blindly resent).
 */
export function networkFailure(err: unknown, service: string): SendResult & { ok: false } {
  const written = err instanceof CallError && err.written;
  const cause = err instanceof Error && err.name === 'TimeoutError' ? `${service} timed out` : `network error: ${err instanceof Error ? err.message : String(err)}`;
  return { ok: false, retry: true, unknown: written, cause: written ? `${cause} after the request was sent` : cause };
}
