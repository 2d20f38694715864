// Serialising and signing webhooks as Meta does (reference §3): the bytes Meta sends and their
// X-Hub-Signature-256 header. Plain functions with no emulator state.
import { createHmac } from 'node:crypto';

/**
 * Meta signs "an escaped unicode version of the payload, with lowercase hex digits":
 * every UTF-16 code unit outside printable ASCII becomes \uXXXX, so an emoji becomes its
 * surrogate pair. Apply this to the output of JSON.stringify (string contents only ever
 * hold such characters, the JSON syntax itself is ASCII).
 */
export function escapeNonAscii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type SerializeOptions = {
  /** Real payloads are often seen with "/" escaped as "\/"; a cheap robustness test for parsers. */
  escapeSlashes?: boolean;
};

/** Serialise once, compact, with Meta's escaping. Sign and send exactly these bytes. */
export function serializeWebhook(payload: unknown, options: SerializeOptions = {}): string {
  const json = escapeNonAscii(JSON.stringify(payload));
  return options.escapeSlashes ? json.replace(/\//g, '\\/') : json;
}

/** The X-Hub-Signature-256 header value: "sha256=" + lowercase hex HMAC-SHA256(appSecret, body). */
export function signBody(body: string | Buffer, appSecret: string): string {
  const hmac = createHmac('sha256', appSecret);
  hmac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `sha256=${hmac.digest('hex')}`;
}

export type SignedWebhook = { body: string; headers: Record<string, string> };

/** Serialises and signs a payload: POST `body` with `headers` to the webhook URL. */
export function signWebhook(payload: unknown, appSecret: string, options: SerializeOptions = {}): SignedWebhook {
  const body = serializeWebhook(payload, options);
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, appSecret) },
  };
}
