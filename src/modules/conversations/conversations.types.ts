import type { InboundContent } from '../messages/index.ts';

export type InboundEnvelope = {
  inboxId: bigint;
  providerMessageId: string;
  waId: string;
  profileName: string | null;
  timestamp: Date;
  content: InboundContent;
};

export type EngineEvent = {
  type: 'customer_created' | 'order_created' | 'order_failed' | 'order_cancelled' | 'handoff_requested' | 'handoff_released' | 'session_reset' | 'plan_limit_reached';
  detail?: Record<string, unknown>;
};
