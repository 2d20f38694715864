import type { OutboundContent } from '../channels/messages.types.ts';

/** A reply waiting in the message log (status 'pending') for the sender component. */
export type OutboundRow = { id: bigint; to: string; content: OutboundContent };

/** What to write as an outbound row: who receives it and what it says. */
export type OutboundDraft = { to: string; content: OutboundContent; customerId: string | null };

export type HandoffEntry = {
  customerId: string;
  waId: string;
  name: string | null;
  handoffAt: Date | null;
  botPausedUntil: Date;
};
