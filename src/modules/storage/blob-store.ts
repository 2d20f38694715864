import { AppError } from '../../platform/errors.ts';

/** Bytes with their content type, as stored. */
export type Blob = { bytes: Buffer; contentType: string };

/**
 * Where photos and customer media live: an S3-compatible bucket or local disk. Keys are paths
 * made by our code (`public/<company>/products/<uuid>.jpg`, `private/<company>/…`), never by a
 * caller; `public/` keys are served to anyone (WhatsApp fetches product photos by link),
 * `private/` keys only to the company's staff.
 */
export interface BlobStore {
  readonly kind: 's3' | 'local';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<Blob | null>;
  delete(key: string): Promise<void>;
  /** Reachable and writable (start-up check); throws with the reason otherwise. */
  check(): Promise<void>;
  /** Where the files go, for the logs: the bucket (and endpoint) or the directory. Never credentials. */
  readonly location: string;
}

const KEY = /^(public|private)\/[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9._-]*)+$/i;

/** A key our code made: two known prefixes, no `..`, no empty segments, bounded. */
export function isValidKey(key: string): boolean {
  return key.length <= 512 && KEY.test(key) && !key.split('/').some((s) => s === '..' || s.startsWith('.'));
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) throw new AppError('VALIDATION', 'La ruta del archivo no es válida.');
}

/** The key prefix of a company's files: public (product photos) or staff-only (customer media). */
export const companyPrefix = (visibility: 'public' | 'private', companyId: string) => `${visibility}/${companyId.toLowerCase()}/`;
