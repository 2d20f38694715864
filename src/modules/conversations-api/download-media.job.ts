import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { Task } from 'graphile-worker';
import type { Logger } from '../../platform/logger.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import { MediaFetchError, type ProviderRegistry } from '../channels/index.ts';
import type { InboundContent } from '../messages/index.ts';
import type { CompaniesService } from '../companies/index.ts';
import { publish } from '../events/index.ts';
import { companyPrefix, type Storage } from '../storage/index.ts';
import { ensureMediaRow, findInboundForMedia, recordMediaFailure, recordMediaStored } from './media.repository.ts';

// A customer's photo, voice note, document, video or sticker is copied from the provider into the
// blob store by this job: never in the webhook (which must answer fast) nor in the turn's
// transaction (which must stay short), and retried with backoff when the provider is slow or down.

export const DOWNLOAD_MEDIA_JOB = { task: 'download-media', maxAttempts: 8 } as const;

const jobPayload = z.object({ channelId: z.uuid(), companyId: z.uuid(), inboxId: z.string().regex(/^\d+$/) });
export type DownloadMediaJob = z.infer<typeof jobPayload>;

/** Queues the download of an inbound message's media (once per message, whatever the retries). */
export async function scheduleMediaDownloads(pool: pg.Pool, jobs: DownloadMediaJob[]): Promise<void> {
  for (const job of jobs) {
    await pool.query(
      `SELECT graphile_worker.add_job($1, $2::json, job_key => $3, job_key_mode => 'preserve_run_at', max_attempts => $4)`,
      [DOWNLOAD_MEDIA_JOB.task, JSON.stringify(job), `media:${job.companyId}:${job.inboxId}`, DOWNLOAD_MEDIA_JOB.maxAttempts],
    );
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr',
  'video/mp4': 'mp4', 'video/3gpp': '3gp', 'application/pdf': 'pdf',
};
// Only plain `type/subtype` reaches storage and, later, a Content-Type header.
const cleanMime = (m: string | undefined) => (m && /^[a-z]+\/[a-z0-9.+-]{1,80}$/i.test(m.split(';')[0]!.trim()) ? m.split(';')[0]!.trim().toLowerCase() : 'application/octet-stream');

export function createDownloadMediaTask(deps: { companies: CompaniesService; tenants: TenantClients; providers: ProviderRegistry; storage: Storage; logger: Logger }): Task {
  return async (payload, helpers) => {
    const job = jobPayload.parse(payload);
    const channel = await deps.companies.resolveChannelById(job.channelId);
    if (!channel || channel.company.id !== job.companyId) return; // channel removed: nothing to fetch with
    const company = channel.company;
    const db = deps.tenants.get(company.db);
    const log = deps.logger.child({ companyId: company.id, inboxId: job.inboxId });
    const message = await findInboundForMedia(db, company.db.schema, BigInt(job.inboxId));
    if (!message || message.mediaStatus === 'stored') return;
    const content = message.payload as InboundContent | null;
    const ref = content?.type === 'media' ? content.media : undefined;
    if (!content || content.type !== 'media' || !ref || !(ref.id ?? ref.url)) return;
    await ensureMediaRow(db, company.db.schema, { messageId: message.id, kind: content.mediaKind, providerRef: (ref.id ?? ref.url)!, mimeType: ref.mimeType ?? null });

    const last = helpers.job.attempts >= helpers.job.max_attempts;
    try {
      const file = await deps.providers.for(channel).fetchMedia(channel, ref);
      const mimeType = cleanMime(file.mimeType !== 'application/octet-stream' ? file.mimeType : ref.mimeType);
      const key = `${companyPrefix('private', company.id)}media/${message.id}-${randomBytes(6).toString('hex')}.${EXTENSIONS[mimeType] ?? 'bin'}`;
      await deps.storage.put(key, file.bytes, mimeType);
      await db.$transaction(async (tx) => {
        await recordMediaStored(tx, company.db.schema, message.id, { key, mimeType, size: file.bytes.length });
        if (message.customerId) await publish(tx, company.id, { type: 'message.status', data: { customerId: message.customerId, messageId: message.id.toString(), media: 'stored' } });
      });
      log.debug({ bytes: file.bytes.length, mimeType }, 'customer media stored');
    } catch (err) {
      const permanent = err instanceof MediaFetchError && !err.retry;
      await recordMediaFailure(db, company.db.schema, message.id, err instanceof Error ? err.message : String(err), permanent || last);
      if (permanent) {
        log.warn({ err: { message: (err as Error).message } }, 'customer media cannot be downloaded; given up');
        return;
      }
      throw err; // graphile-worker retries with backoff
    }
  };
}
