// Form posts the way Twilio makes them (reference §8.2, §8.3, §8.5): the parameters
// form-encoded, signed with X-Twilio-Signature — base64 HMAC-SHA1 keyed by the Auth Token of the
// URL exactly as configured, followed by each parameter name and value, sorted by name — and sent
// to that URL. Written apart from the platform's verifier on purpose: the emulator is the other side.
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { pause } from './webhook-dispatcher.ts';

export function signTwilioPost(authToken: string, url: string, params: [string, string][]): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const seen = new Set<string>();
  let data = url;
  for (const [name, value] of sorted) {
    const key = `${name}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Posts params signed over `url` to `url` (or to `deliverTo`, where that URL really lands);
 * retries a failed post after each of `retryDelaysMs`. Never throws.
 */
export async function postSigned(
  url: string,
  authToken: string,
  params: [string, string][],
  opts: { signal: AbortSignal; logger: Logger; retryDelaysMs?: number[]; timeoutMs?: number; deliverTo?: string },
): Promise<{ status: number; attempts: number; body: string }> {
  const body = new URLSearchParams(params).toString();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': signTwilioPost(authToken, url, params),
    'user-agent': 'TwilioProxy/1.1',
    'i-twilio-idempotency-token': crypto.randomUUID(),
  };
  const delays = opts.retryDelaysMs ?? [50, 250];
  let status = 0;
  let text = '';
  let attempts = 0;
  for (;;) {
    if (opts.signal.aborted) break;
    attempts++;
    try {
      const res = await fetch(opts.deliverTo ?? url, { method: 'POST', headers, body, signal: AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs ?? 15_000)]) });
      status = res.status;
      text = await res.text().catch(() => '');
    } catch (err) {
      status = 0;
      if (!opts.signal.aborted) opts.logger.debug({ err }, 'Twilio emulator post failed');
    }
    if (status >= 200 && status < 300) break;
    const delay = delays[attempts - 1];
    if (delay === undefined || !(await pause(delay, opts.signal))) break;
  }
  return { status, attempts, body: text };
}
