import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AppError } from '../../platform/errors.ts';
import { assertValidKey, type Blob, type BlobStore } from './blob-store.ts';
import { storageMessages as m } from './storage.messages.ts';

export type S3Settings = {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
};

const missing = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

/**
 * An S3-compatible bucket. With an endpoint (MinIO, R2…) objects are addressed path-style
 * (`<endpoint>/<bucket>/<key>`), which every S3-compatible server speaks. Checksums only when an
 * operation requires them: several S3-compatible servers refuse the SDK's newer default ones.
 */
export function createS3BlobStore(s: S3Settings): BlobStore {
  const client = new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint, forcePathStyle: true } : {}),
    ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3000, requestTimeout: 15_000 },
  });
  // The store is down or refuses us: the caller's request fails with 502, nothing half-written.
  const upstream = (err: unknown): never => {
    throw new AppError('UPSTREAM', m.unavailable, { reason: err instanceof Error ? err.name : 'unknown' });
  };
  return {
    kind: 's3',
    location: s.endpoint ? `${s.endpoint.replace(/\/+$/, '')}/${s.bucket}` : `s3://${s.bucket} (${s.region})`,
    async put(key, bytes, contentType) {
      assertValidKey(key);
      await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.length })).catch(upstream);
    },
    async get(key): Promise<Blob | null> {
      assertValidKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: key }));
        const bytes = Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
        return { bytes, contentType: out.ContentType ?? 'application/octet-stream' };
      } catch (err) {
        if (missing(err)) return null;
        return upstream(err);
      }
    },
    async delete(key) {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: key })).catch((err: unknown) => (missing(err) ? undefined : upstream(err)));
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket: s.bucket }));
      // Reachable is not writable: a read-only key or a bucket policy shows up only on a write.
      const probe = `private/.probe/${randomBytes(6).toString('hex')}`;
      await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: probe, Body: Buffer.from('ok'), ContentType: 'text/plain' }));
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: probe }));
    },
  };
}
