// The providers this deployment speaks, by channels.provider: Meta's WhatsApp Cloud API and
// Twilio WhatsApp. A new provider is one more entry here (its own folder beside these two); the
// rest of the platform reaches it only through the registry.
import type { Metrics } from '../../platform/metrics.ts';
import type { CompaniesService, ResolvedChannel } from '../companies/index.ts';
import { createProviderRegistry, type ProviderRegistry } from './provider-registry.ts';
import type { EventIntake } from './receive-events.ts';
import { createTwilioClient } from './twilio/twilio-client.ts';
import { createTwilioProvider } from './twilio/twilio-provider.ts';
import { twilioSettingsOf } from './twilio/twilio-settings.ts';
import { twilioWebhookPath } from './twilio/twilio-webhook.routes.ts';
import { createGraphClient } from './whatsapp-cloud/graph-client.ts';
import { createMetaProvider } from './whatsapp-cloud/meta-provider.ts';

export type BuiltInProvidersOptions = {
  companies: CompaniesService;
  intake: EventIntake;
  metrics: Metrics;
  /** Timeout of one provider API call. */
  sendTimeoutMs: number;
  meta: { graphBaseUrl: () => string; appSecret: string; verifyToken: string };
  twilio: { apiBaseUrl: () => string; publicUrl: () => string | undefined };
};

export function createBuiltInProviders(o: BuiltInProvidersOptions): ProviderRegistry {
  const graph = createGraphClient({ baseUrl: o.meta.graphBaseUrl, timeoutMs: o.sendTimeoutMs });
  return createProviderRegistry([
    createMetaProvider({ graph, appSecret: o.meta.appSecret, verifyToken: o.meta.verifyToken, companies: o.companies, intake: o.intake, metrics: o.metrics }),
    createTwilioProvider({
      client: createTwilioClient({ baseUrl: o.twilio.apiBaseUrl, timeoutMs: o.sendTimeoutMs }),
      companies: o.companies,
      intake: o.intake,
      metrics: o.metrics,
      publicUrl: o.twilio.publicUrl,
    }),
  ]);
}

/** What the Twilio emulator needs to play a Twilio channel's sender (null: not a usable Twilio channel). */
export function twilioSenderOf(channel: Pick<ResolvedChannel, 'provider' | 'settings' | 'channelId' | 'phoneNumberId' | 'secret'>, baseUrl: string) {
  const settings = channel.provider === 'twilio' ? twilioSettingsOf(channel) : null;
  if (!settings) return null;
  return { number: channel.phoneNumberId, accountSid: settings.accountSid, authToken: channel.secret, webhookUrl: `${baseUrl}${twilioWebhookPath(channel.channelId)}` };
}
