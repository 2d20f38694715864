import { createHmac, timingSafeEqual } from 'node:crypto';

// X-Twilio-Signature (reference §8.3, twilio-node's getExpectedTwilioSignature): base64 of
// HMAC-SHA1, keyed by the Auth Token, of the exact URL Twilio called (query string included)
// followed by every POST parameter sorted by name, each name + value appended (a repeated name's
// distinct values sorted). The URL is the PUBLIC one, rebuilt from configuration: behind a proxy
// the Host header and scheme we see are not what Twilio signed, and trusting them would let a
// caller choose the URL the signature is checked against.

export function twilioSignature(authToken: string, url: string, params: ReadonlyArray<readonly [string, string]>): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = byName.get(name) ?? new Set<string>();
    values.add(value);
    byName.set(name, values);
  }
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...byName.get(name)!].sort()) data += name + value;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The URL as given, and with its default port added or removed: Twilio signs either way (twilio-node checks both). */
function urlVariants(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [url];
  }
  const defaultPort = u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
  const withoutPort = `${u.protocol}//${u.username ? `${u.username}:${u.password}@` : ''}${u.hostname}${u.pathname}${u.search}`;
  const withPort = `${u.protocol}//${u.username ? `${u.username}:${u.password}@` : ''}${u.hostname}:${u.port || defaultPort}${u.pathname}${u.search}`;
  if (u.port && u.port !== defaultPort) return [url];
  return [...new Set([url, withoutPort, withPort])];
}

export function verifyTwilioSignature(authToken: string, header: string | undefined, url: string, params: ReadonlyArray<readonly [string, string]>): boolean {
  if (!header) return false;
  const given = Buffer.from(header.trim());
  return urlVariants(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
