import { z } from 'zod';

// Blob storage settings, merged into the platform's environment schema (platform/config.ts).
// With S3_BUCKET: an S3-compatible store (AWS S3, MinIO, R2…); without it, local disk.
export const storageEnvSchema = {
  S3_BUCKET: z.string().min(3).max(63).optional(),
  // MinIO, R2 or any S3-compatible endpoint (path-style addressing); unset: AWS S3 of S3_REGION.
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  // Public base URL of the bucket (a CDN or the bucket's public address): product photos are then
  // linked there directly; unset, this server serves them at /media/….
  S3_PUBLIC_URL: z.string().url().optional(),
  MEDIA_DIR: z.string().default('./.data/media'),
};

export type StorageSettings = {
  S3_BUCKET?: string | undefined;
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_PUBLIC_URL?: string | undefined;
  MEDIA_DIR: string;
};
