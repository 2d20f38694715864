// Minimal media support (reference §6.4): upload returns an id, `GET /{media-id}` returns a
// short-lived URL under the emulator, and the download needs a Bearer token like Meta's.
import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { EmulatorStore, MediaRecord, RegisteredNumber } from './emulator-store.ts';
import { graphErrors } from './graph-errors.ts';
import { newNumericId } from './meta-webhooks.ts';
import type { Clock } from './rate-limits.ts';

const URL_TTL_MS = 5 * 60 * 1000;

export type MultipartPart = { name: string; filename?: string; contentType?: string; data: Buffer };

/** Just enough multipart/form-data parsing for `-F messaging_product=… -F file=@…`. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF before the next delimiter.
    const chunk = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
      if (name !== undefined) {
        parts.push({
          name,
          data: chunk.subarray(headerEnd + 4),
          ...(filename === undefined ? {} : { filename }),
          ...(type === undefined ? {} : { contentType: type }),
        });
      }
    }
    start = next;
  }
  return parts;
}

/** The emulator root (e.g. "/_emulator") seen from a router mounted under it. */
function emulatorRoot(req: Request): string {
  return req.baseUrl.replace(/\/graph\/[^/]+$/, '');
}

export const rawMultipart = express.raw({ type: 'multipart/form-data', limit: '100mb' });

export function createMediaHandlers(store: EmulatorStore, now: Clock) {
  return {
    upload(req: Request, res: Response, number: RegisteredNumber): void {
      const contentType = req.get('content-type') ?? '';
      const body: unknown = req.body;
      if (!contentType.startsWith('multipart/form-data') || !Buffer.isBuffer(body)) {
        throw graphErrors.missingParameter('The parameter file is required (multipart/form-data).');
      }
      const parts = parseMultipart(body, contentType);
      const product = parts.find((p) => p.name === 'messaging_product')?.data.toString('utf8');
      if (product !== 'whatsapp') throw graphErrors.invalidParameter('The parameter messaging_product is required.');
      const file = parts.find((p) => p.name === 'file');
      if (!file) throw graphErrors.missingParameter('The parameter file is required.');
      const mimeType = parts.find((p) => p.name === 'type')?.data.toString('utf8') ?? file.contentType;
      if (!mimeType) throw graphErrors.missingParameter('The parameter type is required.');
      const record: MediaRecord = {
        id: newNumericId(),
        phoneNumberId: number.phoneNumberId,
        mimeType,
        bytes: Buffer.from(file.data),
        sha256: createHash('sha256').update(file.data).digest('base64'),
        createdAt: now(),
        ...(file.filename === undefined ? {} : { filename: file.filename }),
      };
      store.putMedia(record);
      res.json({ id: record.id });
    },

    info(req: Request, res: Response, media: MediaRecord): void {
      const expires = now() + URL_TTL_MS;
      res.json({
        messaging_product: 'whatsapp',
        url: `${req.protocol}://${req.get('host') ?? 'localhost'}${emulatorRoot(req)}/media-files/${media.id}?expires=${expires}`,
        mime_type: media.mimeType,
        sha256: media.sha256,
        file_size: String(media.bytes.length),
        id: media.id,
      });
    },

    /** `/media-files/:id` (Bearer required, URL expires) and `/simulator-media/:id` (browser preview). */
    downloadRouter(): Router {
      const router = Router();
      router.get('/media-files/:id', (req, res) => {
        const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
        const expires = Number(typeof req.query.expires === 'string' ? req.query.expires : NaN);
        const media = store.getMedia(req.params.id);
        if (!token || !store.isKnownToken(token)) {
          res.status(401).type('text/plain').send('Unauthorized');
          return;
        }
        if (!media || !(expires >= now())) {
          res.status(404).type('text/plain').send('Not Found');
          return;
        }
        res.type(media.mimeType).send(media.bytes);
      });
      router.get('/simulator-media/:id', (req, res) => {
        const media = store.getMedia(req.params.id);
        if (!media) {
          res.status(404).type('text/plain').send('Not Found');
          return;
        }
        res.type(media.mimeType).send(media.bytes);
      });
      return router;
    },
  };
}
