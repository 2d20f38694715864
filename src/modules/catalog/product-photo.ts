import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { catalogErrors } from './catalog.errors.ts';

/** What an upload may weigh before it is even decoded. */
export const PHOTO_UPLOAD_MAX_MB = 15;
// WhatsApp takes images up to 5 MB by link; 1600 px on the long side is sharp on any phone.
const MAX_SIDE = 1600;
const WHATSAPP_MAX_BYTES = 5 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'avif', 'tiff']);

export type PreparedPhoto = { bytes: Buffer; width: number; height: number; contentType: 'image/jpeg' };

/**
 * Checks the bytes are an image by their content (sharp reads the header: a renamed PDF or a
 * script is refused whatever its Content-Type), then re-encodes a clean JPEG: EXIF orientation
 * applied, metadata (GPS included) dropped, transparency on white, at most 1600 px per side and
 * under WhatsApp's 5 MB.
 */
export async function preparePhoto(input: Buffer): Promise<PreparedPhoto> {
  if (input.length > PHOTO_UPLOAD_MAX_MB * 1024 * 1024) throw catalogErrors.photoTooLarge(PHOTO_UPLOAD_MAX_MB);
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw catalogErrors.photoNotImage();
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw catalogErrors.photoNotImage();
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) throw catalogErrors.photoTooManyPixels();
  for (const quality of [82, 70, 55]) {
    let out: { data: Buffer; info: OutputInfo };
    try {
      out = await sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error', animated: false })
        .rotate()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch {
      // A header that looks right over a broken body.
      throw catalogErrors.photoNotImage();
    }
    if (out.data.length <= WHATSAPP_MAX_BYTES) return { bytes: out.data, width: out.info.width, height: out.info.height, contentType: 'image/jpeg' };
  }
  throw catalogErrors.photoTooLarge(5);
}
