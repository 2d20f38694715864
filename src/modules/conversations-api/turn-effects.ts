import type { InboundContent } from '../messages/index.ts';
import type { DownloadMediaJob } from './download-media.job.ts';

// The media downloads to queue once a transaction's turns are committed (the inbox job calls this
// through the dependency the composition root hands it).

/** The downloads to queue for handled messages that carry a customer's file. */
export function mediaDownloadsOf(channel: { channelId: string; companyId: string }, handled: { inboxId: bigint; content: InboundContent }[]): DownloadMediaJob[] {
  return handled.flatMap(({ inboxId, content }) =>
    content.type === 'media' && (content.media?.id ?? content.media?.url)
      ? [{ channelId: channel.channelId, companyId: channel.companyId, inboxId: inboxId.toString() }]
      : [],
  );
}
