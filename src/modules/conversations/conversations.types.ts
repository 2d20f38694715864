import type { InboundContent } from '../channels/messages.types.ts';
import type { BusinessInfo } from '../companies/index.ts';

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
  /** What the shop says about itself (hours, delivery, payment, address); absent: nothing filled in. */
  businessInfo?: BusinessInfo;
  limits: { messagesExceeded: boolean };
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
  type: 'customer_created' | 'order_created' | 'order_failed' | 'order_cancelled' | 'handoff_requested' | 'handoff_released' | 'session_reset';
  detail?: Record<string, unknown>;
};
