import { AppError } from '../../platform/errors.ts';
import { assertValidKey, type Blob, type BlobStore } from './blob-store.ts';
import { createLocalBlobStore } from './local-blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';
import type { StorageSettings } from './storage.config.ts';
import { storageMessages as m } from './storage.messages.ts';

export type Storage = {
  readonly kind: BlobStore['kind'];
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Blob | null>;
  /** Like get, but a missing object is a 404 for the API. */
  read(key: string): Promise<Blob>;
  delete(key: string): Promise<void>;
  /**
   * The absolute URL anyone can fetch a `public/…` file at (WhatsApp fetches product photos by
   * link): the bucket's S3_PUBLIC_URL, or this server's /media/…. Private files have none: the
   * module that owns them serves them to staff through its own API route (the inbox's media).
   */
  url(key: string): string;
  check(): Promise<void>;
  /** What the start-up summary says: which store, where, and whether a file could be written and removed there now. */
  status(): Promise<StorageStatus>;
};

export type StorageStatus = { kind: BlobStore['kind']; location: string; writable: boolean; error?: string };

const CHECK_TIMEOUT_MS = 10_000;

/** The blob store the settings ask for: S3-compatible with S3_BUCKET, local disk otherwise. */
export function createStorage(settings: StorageSettings, opts: { publicUrl: () => string | undefined }): Storage {
  const store = settings.S3_BUCKET
    ? createS3BlobStore({
        bucket: settings.S3_BUCKET,
        region: settings.S3_REGION,
        endpoint: settings.S3_ENDPOINT,
        accessKeyId: settings.S3_ACCESS_KEY_ID,
        secretAccessKey: settings.S3_SECRET_ACCESS_KEY,
      })
    : createLocalBlobStore(settings.MEDIA_DIR);
  return fromStore(store, { publicUrl: opts.publicUrl, bucketPublicUrl: settings.S3_BUCKET ? settings.S3_PUBLIC_URL : undefined });
}

export function fromStore(store: BlobStore, opts: { publicUrl: () => string | undefined; bucketPublicUrl?: string | undefined }): Storage {
  const trim = (u: string) => u.replace(/\/+$/, '');
  return {
    kind: store.kind,
    put: (key, bytes, contentType) => store.put(key, bytes, contentType),
    get: (key) => store.get(key),
    async read(key) {
      const blob = await store.get(key);
      if (!blob) throw new AppError('NOT_FOUND', m.notFound);
      return blob;
    },
    delete: (key) => store.delete(key),
    url(key) {
      assertValidKey(key);
      if (!key.startsWith('public/')) throw new Error(`private file ${key} has no public URL`);
      if (opts.bucketPublicUrl) return `${trim(opts.bucketPublicUrl)}/${key}`;
      return `${trim(opts.publicUrl() ?? '')}/media/${key}`;
    },
    check: () => store.check(),
    async status() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
      });
      try {
        await Promise.race([store.check(), timeout]);
        return { kind: store.kind, location: store.location, writable: true };
      } catch (err) {
        const e = err as { name?: string; message?: string; Code?: string };
        return { kind: store.kind, location: store.location, writable: false, error: [e.Code ?? e.name, e.message].filter(Boolean).join(': ').slice(0, 300) || String(err) };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
