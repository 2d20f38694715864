import type { Request } from 'express';
import { AppError } from '../../platform/errors.ts';
import { storageMessages as m } from './storage.messages.ts';

export type Upload = { bytes: Buffer; filename: string | null; declaredType: string | null };

// Room for the multipart envelope (boundaries, part headers) around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * A file sent either as the raw request body (any Content-Type) or as the first file of a
 * multipart/form-data form (field `photo`, `file`, or any). Never reads more than the cap: a
 * declared length over it is refused before reading, a body that grows past it is cut off (413).
 * The declared type is only informative: callers check content.
 */
export async function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  const type = (req.header('content-type') ?? '').toLowerCase();
  const multipart = type.startsWith('multipart/form-data');
  const cap = maxBytes + (multipart ? MULTIPART_OVERHEAD : 0);
  const mb = Math.round(maxBytes / 1024 / 1024);
  const declared = Number(req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cap) throw new AppError('PAYLOAD_TOO_LARGE', m.uploadTooLarge(mb), { maxBytes });
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        req.removeAllListeners('data');
        req.resume();
        reject(new AppError('PAYLOAD_TOO_LARGE', m.uploadTooLarge(mb), { maxBytes }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => reject(new AppError('VALIDATION', m.uploadUnreadable)));
  });
  if (!multipart) {
    if (body.length === 0) throw new AppError('VALIDATION', m.uploadMissing);
    return { bytes: body, filename: null, declaredType: type.split(';')[0]?.trim() || null };
  }
  let form: FormData;
  try {
    form = await new Request('http://upload.local/', { method: 'POST', headers: { 'content-type': req.header('content-type')! }, body: new Uint8Array(body) }).formData();
  } catch {
    throw new AppError('VALIDATION', m.uploadUnreadable);
  }
  const files: [string, File][] = [];
  form.forEach((value, name) => {
    if (typeof value !== 'string') files.push([name, value]);
  });
  const file = files.find(([name]) => name === 'photo' || name === 'file')?.[1] ?? files[0]?.[1];
  if (!file || file.size === 0) throw new AppError('VALIDATION', m.uploadMissing);
  if (file.size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', m.uploadTooLarge(mb), { maxBytes });
  return { bytes: Buffer.from(await file.arrayBuffer()), filename: file.name || null, declaredType: file.type || null };
}
