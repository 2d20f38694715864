// What other modules may use from channels: the provider port and its registry, the neutral
// message shapes, the intake of inbound events, the sender and the status writer. A provider's
// own files (whatsapp-cloud/, twilio/) are reached only through the registry.
export type { ChannelProvider, ChannelEvent, ProviderName, SendResult, ErrorInfo, CredentialCheck } from './provider.ts';
export { createProviderRegistry, type ProviderRegistry } from './provider-registry.ts';
export { createEventIntake, type EventIntake } from './receive-events.ts';
export { createOutboundSender, type OutboundSender, type OutboundGroup } from './outbound-sender.ts';
export { createStatusWriter, type StatusWriter, type StatusUpdate, type StatusOutcome } from './status-updates.ts';
export { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
export { isProviderStatus, STATUS_RANK, type ProviderStatus, type MessageStatus } from './message-status.ts';
export type { InboundContent, OutboundContent, MediaRef, MediaKind } from './messages.types.ts';
export { MediaFetchError, type FetchedMedia } from './fetch-media.ts';
export { resolveTypedOptions } from './numbered-options.ts';
export { checkChannels } from './check-channels.ts';
