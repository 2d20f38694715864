// Meta's WhatsApp Cloud API behind the channel provider port. A channel's `phoneNumberId` is
// Meta's phone_number_id and its secret the access token; one webhook (`/webhook`, signed with
// the app secret) serves every Meta number.
import type { Metrics } from '../../../platform/metrics.ts';
import type { CompaniesService } from '../../companies/index.ts';
import { MediaFetchError } from '../fetch-media.ts';
import type { ChannelProvider } from '../provider.ts';
import type { EventIntake } from '../receive-events.ts';
import type { GraphClient } from './graph-client.ts';
import { describeMetaError } from './meta-errors.ts';
import { callbackDataOf } from './meta-payloads.ts';
import { legacyStatusDetail, toInboundContent } from './webhook-payload.ts';
import { createMetaWebhookRouter } from './webhook.routes.ts';

export function createMetaProvider(deps: {
  graph: GraphClient;
  appSecret: string;
  verifyToken: string;
  companies: CompaniesService;
  intake: EventIntake;
  metrics: Metrics;
}): ChannelProvider {
  return {
    name: 'meta',
    optionsAsText: false,
    router: createMetaWebhookRouter(deps),
    // Every reply names its row in biz_opaque_callback_data, which Meta echoes in its statuses.
    send: (channel, m) => deps.graph.sendMessage(channel.phoneNumberId, channel.secret, m.to, m.content, callbackDataOf(m.rowId)),
    markRead: (channel, providerMessageId) => deps.graph.markRead(channel.phoneNumberId, channel.secret, providerMessageId),
    checkCredentials: (channel) => deps.graph.checkPhoneNumber(channel.phoneNumberId, channel.secret),
    describeError: describeMetaError,
    async fetchMedia(channel, media) {
      if (!media.id) throw new MediaFetchError('the message names no Meta media id', false);
      return deps.graph.fetchMedia(media.id, channel.secret);
    },
    // Until events were stored neutral, the inbox kept Meta's message and status objects.
    legacy: { message: toInboundContent, status: legacyStatusDetail },
  };
}
