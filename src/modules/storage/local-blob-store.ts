import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { assertValidKey, type Blob, type BlobStore } from './blob-store.ts';

const TYPE_SUFFIX = '.content-type';

/**
 * Files under a directory (default ./.data/media). A write goes to a temporary file renamed into
 * place, so a reader or a killed process never sees half a file; the content type sits beside it.
 */
export function createLocalBlobStore(dir: string): BlobStore {
  const root = path.resolve(dir);
  const fileOf = (key: string) => {
    assertValidKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    kind: 'local',
    location: root,
    async put(key, bytes, contentType) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(`${file}${TYPE_SUFFIX}`, contentType);
      await writeFile(tmp, bytes);
      await rename(tmp, file);
    },
    async get(key): Promise<Blob | null> {
      const file = fileOf(key);
      try {
        const [bytes, contentType] = await Promise.all([readFile(file), readFile(`${file}${TYPE_SUFFIX}`, 'utf8').catch(() => 'application/octet-stream')]);
        return { bytes, contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      const file = fileOf(key);
      await rm(file, { force: true });
      await rm(`${file}${TYPE_SUFFIX}`, { force: true });
    },
    async check() {
      await mkdir(root, { recursive: true });
      const probe = path.join(root, `.probe-${randomBytes(4).toString('hex')}`);
      await writeFile(probe, 'ok');
      await rm(probe, { force: true });
    },
  };
}
