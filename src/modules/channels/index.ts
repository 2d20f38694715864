// What other modules may use from channels: the provider port and its registry, the intake of inbound events, the sender and the status writer. A provider's
// own files (whatsapp-cloud/, twilio/) are reached only through the registry.
export type { ChannelProvider, ChannelEvent, ProviderName, SendResult, ErrorInfo, CredentialCheck } from './provider.ts';
export { createProviderRegistry, type ProviderRegistry } from './provider-registry.ts';
export { createBuiltInProviders, twilioSenderOf, type BuiltInProvidersOptions } from './built-in-providers.ts';
export { createEventIntake, type EventIntake, type InboxStore, type NewInboxEvent, type InboxItemSetAside } from './receive-events.ts';
export { createOutboundSender, type OutboundSender, type OutboundGroup } from './outbound-sender.ts';
export { createStatusWriter, type StatusWriter } from './status-updates.ts';
export { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
export { MediaFetchError, type FetchedMedia } from './fetch-media.ts';
export type { MediaRef, MediaKind } from '../messages/index.ts';
export { resolveTypedOptions } from './numbered-options.ts';
export { checkChannels } from './check-channels.ts';
