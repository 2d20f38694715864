// The channel provider port: what the platform needs from a WhatsApp provider (Meta's Cloud API,
// Twilio, …). Each provider lives in its own folder and implements this once; everything past
// its webhook routes (the inbox, the jobs, the engine, the sender) sees only the neutral shapes
// below and the provider's name on the channel row (`channels.provider`).
import type { Router } from 'express';
import type { ResolvedChannel } from '../companies/index.ts';
import type { ProviderStatus } from '../messages/index.ts';
import type { FetchedMedia } from './fetch-media.ts';
import type { InboundContent, MediaRef, OutboundContent } from '../messages/index.ts';

export type ProviderName = 'meta' | 'twilio';

/** A readable cause for a provider's error code, and whether sending again can help. */
export type ErrorInfo = { cause: string; retry: boolean };

/**
 * The outcome of one send. `retry`: a passing failure, safe to send again (the provider answered
 * with an error, or the request never left). `unknown`: the request was written but no answer
 * came (timeout, connection lost): the provider may have accepted it, so it must not be blindly
 * sent again — a status naming the row settles it (see outbound-sender.ts).
 */
export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retry: boolean; unknown?: boolean; code?: number; httpStatus?: number; cause: string; title?: string };

/** One reply to send: `rowId` is its message-log row, echoed back in its statuses when the provider can. */
export type OutboundMessage = { to: string; content: OutboundContent; rowId: bigint };

/** A customer's message as the edge parsed it: the same for every provider. */
export type ChannelMessageEvent = {
  kind: 'message';
  /** Unique per provider: a redelivery has the same key and is stored once. */
  dedupeKey: string;
  providerMessageId: string;
  waId: string;
  contactName: string | null;
  /** When the customer wrote it (the provider's time; arrival time when it gives none). */
  timestamp: Date;
  content: InboundContent;
};

/** A delivery status of a message we sent, as the edge parsed it. */
export type ChannelStatusEvent = {
  kind: 'status';
  dedupeKey: string;
  providerMessageId: string;
  waId: string;
  status: ProviderStatus;
  timestamp: Date;
  /** The message-log row our send named (Meta's biz_opaque_callback_data, Twilio's status URL). */
  rowId?: bigint;
  error?: { code?: number; cause: string };
};

export type ChannelEvent = ChannelMessageEvent | ChannelStatusEvent;

/** A signed item that cannot be stored as it is: set aside for the operator with the reason. */
export type RejectedItem = { companyId: string | null; kind: 'message' | 'status' | 'change'; reason: string; item: unknown };

export type CredentialCheck = { ok: boolean; detail: string };

export interface ChannelProvider {
  readonly name: ProviderName;
  /**
   * The provider has no interactive messages (buttons, lists): they go out as numbered text, and
   * a number (or an option's title) typed back means that option (numbered-options.ts).
   */
  readonly optionsAsText: boolean;
  /** Its webhook routes: verify each request, parse it into neutral events, hand them to the intake. */
  readonly router: Router;
  send(channel: ResolvedChannel, message: OutboundMessage): Promise<SendResult>;
  /** Blue ticks on the customer's message; true where the provider has no such call. */
  markRead(channel: ResolvedChannel, providerMessageId: string): Promise<boolean>;
  /** Whether the channel's credentials work and its number can send. */
  checkCredentials(channel: ResolvedChannel): Promise<CredentialCheck>;
  describeError(code: number | undefined, httpStatus?: number): ErrorInfo;
  /** A customer's file named by an inbound message; throws MediaFetchError (with `retry`). */
  fetchMedia(channel: ResolvedChannel, media: MediaRef): Promise<FetchedMedia>;
  /**
   * Inbound payloads stored by versions that kept this provider's wire format in the inbox
   * (before events were stored neutral): read back into neutral content. Absent: none exist.
   */
  readonly legacy?: {
    message(payload: unknown): InboundContent;
    status(payload: unknown): { rowId?: bigint; error?: { code?: number; cause: string } };
  };
}
