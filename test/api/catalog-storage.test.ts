import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type Storage } from '../../src/modules/storage/index.ts';
import { isAppError } from '../../src/platform/errors.ts';
import { startS3Server } from '../helpers/s3-server.ts';

const BUCKET = 'mostrador-test';
let s3: Awaited<ReturnType<typeof startS3Server>>;
let dir: string;

beforeAll(async () => {
  s3 = await startS3Server({ bucket: BUCKET, accessKeyId: 'AKIATEST' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'mostrador-media-'));
});
afterAll(async () => {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

const s3Settings = (extra: Record<string, string> = {}) => ({
  S3_BUCKET: BUCKET, S3_ENDPOINT: s3.url, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'AKIATEST', S3_SECRET_ACCESS_KEY: 'secret-test', MEDIA_DIR: dir, ...extra,
});

const stores: [string, () => Storage][] = [
  ['local disk', () => createStorage({ S3_REGION: 'us-east-1', MEDIA_DIR: dir }, { publicUrl: () => 'https://shop.example' })],
  ['an S3-compatible server', () => createStorage(s3Settings(), { publicUrl: () => 'https://shop.example' })],
];

describe.each(stores)('blob store on %s', (_name, make) => {
  it('keeps bytes and content type, answers null for a missing key, and deletes', async () => {
    const storage = make();
    const key = `public/c0ffee/products/${Date.now()}.jpg`;
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255]);
    await storage.put(key, bytes, 'image/jpeg');
    const back = await storage.get(key);
    expect(back?.contentType).toBe('image/jpeg');
    expect(Buffer.compare(back!.bytes, bytes)).toBe(0);
    expect(await storage.get('public/c0ffee/products/missing.jpg')).toBeNull();
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.check()).resolves.toBeUndefined();
  });

  it('refuses keys our code would never make (traversal, unknown prefix)', async () => {
    const storage = make();
    for (const key of ['../etc/passwd', 'public/../../x', 'other/a/b', 'public/a//b', 'public/.hidden/x', '/public/a/b']) {
      await expect(storage.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toSatisfy(isAppError);
    }
  });
});

describe('blob store status (the start-up summary)', () => {
  it('says which store and where, writable when a file can be written and removed there', async () => {
    const local = await createStorage({ S3_REGION: 'us-east-1', MEDIA_DIR: dir }, { publicUrl: () => undefined }).status();
    expect(local).toEqual({ kind: 'local', location: path.resolve(dir), writable: true });
    const bucket = await createStorage(s3Settings(), { publicUrl: () => undefined }).status();
    expect(bucket).toEqual({ kind: 's3', location: `${s3.url.replace(/\/+$/, '')}/${BUCKET}`, writable: true });
    // The probe file was removed again.
    expect([...s3.objects.keys()].some((k) => k.includes('.probe'))).toBe(false);
  });

  it('not writable: a directory that cannot be created, a key the bucket refuses, a bucket that is down', async () => {
    const blocker = path.join(dir, 'un-archivo');
    await writeFile(blocker, 'x');
    const local = await createStorage({ S3_REGION: 'us-east-1', MEDIA_DIR: path.join(blocker, 'media') }, { publicUrl: () => undefined }).status();
    expect(local).toMatchObject({ kind: 'local', writable: false });
    expect(local.error).toBeTruthy();
    const denied = await createStorage(s3Settings({ S3_ACCESS_KEY_ID: 'AKIAWRONG' }), { publicUrl: () => undefined }).status();
    expect(denied).toMatchObject({ kind: 's3', writable: false });
    expect(denied.error).toBeTruthy();
    expect(JSON.stringify(denied)).not.toContain('secret-test');
    s3.fail(10);
    const down = await createStorage(s3Settings(), { publicUrl: () => undefined }).status();
    s3.fail(0);
    expect(down).toMatchObject({ kind: 's3', writable: false });
  });
});

describe('blob store URLs', () => {
  it('public photos are absolute URLs (ours, or the bucket public URL); private media have none', () => {
    const local = createStorage({ S3_REGION: 'us-east-1', MEDIA_DIR: dir }, { publicUrl: () => 'https://shop.example/' });
    expect(local.url('public/c1/products/a.jpg')).toBe('https://shop.example/media/public/c1/products/a.jpg');
    expect(() => local.url('private/c1/media/b.ogg')).toThrow();
    const cdn = createStorage(s3Settings({ S3_PUBLIC_URL: 'https://cdn.example/fotos' }), { publicUrl: () => 'https://shop.example' });
    expect(cdn.url('public/c1/products/a.jpg')).toBe('https://cdn.example/fotos/public/c1/products/a.jpg');
  });
});

describe('S3 faults', () => {
  it('a passing 503 is retried; a store that keeps failing or refuses our key is an UPSTREAM error', async () => {
    const storage = createStorage(s3Settings(), { publicUrl: () => undefined });
    s3.fail(1);
    await storage.put('public/c2/products/retry.jpg', Buffer.from('ok'), 'image/jpeg');
    expect(s3.objects.has('public/c2/products/retry.jpg')).toBe(true);
    s3.fail(10);
    const down = await storage.put('public/c2/products/down.jpg', Buffer.from('x'), 'image/jpeg').catch((e: unknown) => e);
    s3.fail(0);
    expect(isAppError(down) && down.code).toBe('UPSTREAM');
    expect(s3.objects.has('public/c2/products/down.jpg')).toBe(false);
    const wrong = createStorage(s3Settings({ S3_ACCESS_KEY_ID: 'AKIAWRONG' }), { publicUrl: () => undefined });
    const denied = await wrong.get('public/c2/products/retry.jpg').catch((e: unknown) => e);
    expect(isAppError(denied) && denied.code).toBe('UPSTREAM');
  });
});

describe('demo product photos', () => {
  it('are drawn here (nothing downloaded) and pass the same checks as an upload', async () => {
    const { demoPhoto } = await import('../../src/demo/demo-photos.ts');
    const { preparePhoto } = await import('../../src/modules/catalog/index.ts');
    const photo = await preparePhoto(await demoPhoto('Garrafón nuevo 20 L', 'GAR-20-N'));
    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 800, height: 800 });
    expect(photo.bytes.length).toBeLessThan(200_000);
  });
});
