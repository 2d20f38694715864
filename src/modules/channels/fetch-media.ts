// Downloading a customer's file from a provider (Meta's media URL, Twilio's MediaUrl): bounded in
// time and size, and telling a passing failure (retry later) from one that will never work.

/** WhatsApp's largest media are 100 MB documents; the inbox keeps up to this much per file. */
export const MAX_MEDIA_BYTES = 25 * 1024 * 1024;

export type FetchedMedia = { bytes: Buffer; mimeType: string };

export class MediaFetchError extends Error {
  constructor(
    message: string,
    /** A timeout, a 5xx or 429: trying again later can work. */
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

const retryable = (status: number) => status === 429 || status >= 500;

/** GET `url` with `headers`; the body up to `maxBytes`. Redirects are followed (fetch drops Authorization across origins). */
export async function downloadMedia(url: string, headers: Record<string, string>, opts: { timeoutMs: number; maxBytes?: number }): Promise<FetchedMedia> {
  const max = opts.maxBytes ?? MAX_MEDIA_BYTES;
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (err) {
    throw new MediaFetchError(`media download failed: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new MediaFetchError(`media download answered HTTP ${res.status}`, retryable(res.status));
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new MediaFetchError(`media of ${declared} bytes is over the ${max}-byte limit`, false);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw new MediaFetchError(`media is over the ${max}-byte limit`, false);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (err) {
    if (err instanceof MediaFetchError) throw err;
    throw new MediaFetchError(`media download interrupted: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  const mimeType = (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  return { bytes: Buffer.concat(chunks), mimeType };
}
