import type { InboundContent } from '../channels/messages.types.ts';

export type { OutboundRow } from '../customers/index.ts';

export type CompanyContext = {
  id: string;
  slug: string;
  name: string;
  schema: string;
  currency: string;
  locale: string;
  timezone: string;
  adminPhone: string | null;
  /** Approved template for the new-order notice to adminPhone (null: plain text, 24 h window only). */
  adminOrderTemplate?: string | null;
  /** Approved template for status changes to customers who last wrote over 24 h ago. */
  statusUpdateTemplate?: string | null;
  botEnabled: boolean;
  /** The plan's monthly messages: over them, only orders in progress go on (plans/plan-limits.ts). */
  limits: { messagesExceeded: boolean; monthlyMessages?: number };
};

export type InboundEnvelope = {
  inboxId: bigint;
  providerMessageId: string;
  waId: string;
  profileName: string | null;
  timestamp: Date;
  content: InboundContent;
};

export type EngineEvent = {
  type: 'customer_created' | 'order_created' | 'order_failed' | 'handoff_requested' | 'handoff_released' | 'session_reset' | 'plan_limit_reached';
  detail?: Record<string, unknown>;
};
