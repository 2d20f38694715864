// Twilio's WhatsApp channel behind the channel provider port. A channel's `phoneNumberId` is its
// WhatsApp sender (+E.164), its secret the Auth Token, its settings the Account SID, an optional
// Messaging Service and Content SIDs. Each channel has its own webhook URL (twilio-webhook.routes.ts).
//
// Settling replies whose send answer was lost: Meta echoes biz_opaque_callback_data; Twilio has no
// such field, but calls the StatusCallback URL given with each send for every status of that
// message. Each send names its message-log row in that URL (`…/status?ref=<row id>`), so the first
// status (queued, sent, …) settles the row and records its Message SID, exactly as on Meta.
import type { Metrics } from '../../../platform/metrics.ts';
import type { CompaniesService, ResolvedChannel } from '../../companies/index.ts';
import { downloadMedia, MediaFetchError } from '../fetch-media.ts';
import type { ChannelProvider, SendResult } from '../provider.ts';
import type { EventIntake } from '../receive-events.ts';
import type { TwilioClient } from './twilio-client.ts';
import { describeTwilioError } from './twilio-errors.ts';
import { twilioFieldsOf } from './twilio-messages.ts';
import { twilioSettingsOf, whatsappAddress } from './twilio-settings.ts';
import { createTwilioWebhookRouter, twilioStatusPath } from './twilio-webhook.routes.ts';

export function createTwilioProvider(deps: {
  client: TwilioClient;
  companies: CompaniesService;
  intake: EventIntake;
  metrics: Metrics;
  /** PUBLIC_URL: signatures are checked against it and status callbacks point at it. */
  publicUrl: () => string | undefined;
  mediaTimeoutMs?: number;
}): ChannelProvider {
  const credentials = (channel: ResolvedChannel) => {
    const settings = twilioSettingsOf(channel);
    return settings ? { settings, auth: { accountSid: settings.accountSid, authToken: channel.secret } } : null;
  };

  return {
    name: 'twilio',
    optionsAsText: true,
    router: createTwilioWebhookRouter(deps),

    async send(channel, m): Promise<SendResult> {
      const c = credentials(channel);
      if (!c) return { ok: false, retry: false, cause: 'Twilio channel settings are not valid (accountSid)' };
      const fields = twilioFieldsOf(m.content, c.settings);
      if (!fields.ok) return { ok: false, retry: false, cause: fields.cause };
      const form = new URLSearchParams({ To: whatsappAddress(m.to), From: whatsappAddress(channel.phoneNumberId) });
      if (c.settings.messagingServiceSid) form.set('MessagingServiceSid', c.settings.messagingServiceSid);
      const { body, mediaUrl, contentSid, contentVariables } = fields.fields;
      if (body !== undefined) form.set('Body', body);
      if (mediaUrl !== undefined) form.append('MediaUrl', mediaUrl);
      if (contentSid !== undefined) form.set('ContentSid', contentSid);
      if (contentVariables !== undefined) form.set('ContentVariables', contentVariables);
      const base = deps.publicUrl();
      if (base) form.set('StatusCallback', `${base.replace(/\/+$/, '')}${twilioStatusPath(channel.channelId, m.rowId)}`);
      return deps.client.createMessage(c.auth, form);
    },

    // Twilio's WhatsApp API has no read receipts for the business to send.
    markRead: async () => true,

    async checkCredentials(channel) {
      const c = credentials(channel);
      if (!c) return { ok: false, detail: 'Twilio channel settings are not valid (accountSid)' };
      return deps.client.checkAccount(c.auth);
    },

    describeError: describeTwilioError,

    // MediaUrl0 answers with the account's Basic auth (and redirects to the file).
    async fetchMedia(channel, media) {
      const c = credentials(channel);
      if (!c) throw new MediaFetchError('Twilio channel settings are not valid (accountSid)', false);
      if (!media.url) throw new MediaFetchError('the message names no Twilio media URL', false);
      const basic = Buffer.from(`${c.auth.accountSid}:${c.auth.authToken}`).toString('base64');
      return downloadMedia(media.url, { authorization: `Basic ${basic}` }, { timeoutMs: deps.mediaTimeoutMs ?? 30_000 });
    },
  };
}
