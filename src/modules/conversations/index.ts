// The conversation engine's public surface: what the inbox worker and other modules use.
export { createConversationEngine, TurnConflictError, type EngineOptions, type HandleResult, type TurnOutcome, type BatchHooks } from './conversation-engine.ts';
export { menuDecider, alwaysMenu, type Decider, type DeciderFor, type DecideInput } from './decider.ts';
export { waitOutside, decisionsWaitedOutside } from './waits-outside.ts';
export type { Turn, TurnEffects, Reply } from './flows/turn.ts';
export type { InboundEnvelope, EngineEvent } from './conversations.types.ts';
export { findProductsByText } from './find-products.ts';
export { rankProducts } from './nlu/product-matcher.ts';
export { text as textReply, buttons as buttonsReply, list as listReply, withNotice } from './whatsapp-limits.ts';
