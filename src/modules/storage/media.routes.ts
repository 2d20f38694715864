import { Router } from 'express';
import { AppError } from '../../platform/errors.ts';
import { isValidKey } from './blob-store.ts';
import type { Storage } from './storage.ts';
import { storageMessages as m } from './storage.messages.ts';

/**
 * GET /media/public/… — product photos for anyone (WhatsApp fetches them by link). Keys hold a
 * random id, so URLs cannot be guessed; private keys are never served here (staff read them
 * through /api/companies/:slug/media/…).
 */
export function createPublicMediaRouter(deps: { storage: Storage }): Router {
  const router = Router();
  router.get('/media/*key', async (req, res) => {
    const key = (req.params as { key: string[] }).key.join('/');
    if (!key.startsWith('public/') || !isValidKey(key)) throw new AppError('NOT_FOUND', m.notFound);
    const blob = await deps.storage.read(key);
    res.setHeader('content-type', blob.contentType);
    res.setHeader('x-content-type-options', 'nosniff');
    // A key is never rewritten with other bytes (a new photo gets a new key).
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.send(blob.bytes);
  });
  return router;
}
