import { createHmac, timingSafeEqual } from 'node:crypto';

// Meta signs the raw body bytes (non-ASCII escaped as \uXXXX) with the app secret:
// `X-Hub-Signature-256: sha256=<64 lowercase hex>`. Always verify the exact bytes received.
export function verifyMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const given = header.slice('sha256='.length).trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
