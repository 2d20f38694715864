// The conversation engine's public surface: what the inbox worker and other modules use.
export { createConversationEngine, type EngineOptions, type HandleResult } from './conversation-engine.ts';
export type { InboundEnvelope, EngineEvent } from './conversations.types.ts';
export { findProductsByText } from './find-products.ts';
export { rankProducts } from './nlu/product-matcher.ts';
