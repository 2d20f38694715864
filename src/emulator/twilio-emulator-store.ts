// In-memory state of the Twilio emulator: accounts and their WhatsApp senders, the messages the
// platform created through the REST API, what fake customers sent, and a per-chat event log the
// simulator's SSE stream replays and follows (the same events as the Graph emulator's).
import { randomBytes } from 'node:crypto';

export type TwilioSender = {
  /** +E.164 */
  number: string;
  accountSid: string;
  authToken: string;
  /** Where Twilio posts this sender's incoming messages (its "A message comes in" URL), signed as is. */
  webhookUrl: string;
};

export type TwilioMessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

export type TwilioMessage = {
  sid: string;
  accountSid: string;
  /** whatsapp:+… as sent */
  from: string;
  to: string;
  /** `to` as digits (the customer's wa_id) */
  waId: string;
  body: string | null;
  mediaUrls: string[];
  contentSid: string | null;
  contentVariables: string | null;
  messagingServiceSid: string | null;
  statusCallback: string | null;
  status: TwilioMessageStatus;
  errorCode: number | null;
  dateCreated: string;
  statuses: { status: TwilioMessageStatus; at: string; callback: number | null }[];
  /** Accepted while a fault held the answer back (the client may never have seen its 201). */
  fault?: 'slow' | 'stall';
};

export type TwilioInbound = {
  sid: string;
  sender: string;
  waId: string;
  name: string;
  params: [string, string][];
  at: string;
  /** HTTP status our webhook answered (after retries); null while in flight, 0 if unreachable. */
  webhookStatus: number | null;
};

/** The simulator's view of a message: the subset of Meta's wire shapes its UI already draws. */
export type ChatMessage = { type: string; text?: { body: string }; image?: { link?: string; caption?: string }; location?: Record<string, unknown>; [k: string]: unknown };

export type TwilioChatEvent =
  | { event: 'message'; data: { direction: 'out' | 'in'; id: string; at: string; type: string; name?: string; message: ChatMessage } }
  | { event: 'delivery'; data: { id: string; status: number } };

const MAX_RECORDS = 50_000;
const MAX_CHAT_EVENTS = 500;

export const digits = (s: string) => s.replace(/\D/g, '');
const chatKey = (sender: string, waId: string) => `${digits(sender)}:${digits(waId)}`;
export const newSid = (prefix: 'SM' | 'MM' | 'ME' | 'AC') => `${prefix}${randomBytes(16).toString('hex')}`;

export function createTwilioEmulatorStore() {
  const senders = new Map<string, TwilioSender>();
  let messages: TwilioMessage[] = [];
  const bySid = new Map<string, TwilioMessage>();
  let inbound: TwilioInbound[] = [];
  const inboundBySid = new Map<string, TwilioInbound>();
  const lastInboundAt = new Map<string, number>();
  const chats = new Map<string, TwilioChatEvent[]>();
  const listeners = new Map<string, Set<(e: TwilioChatEvent) => void>>();

  function emit(sender: string, waId: string, event: TwilioChatEvent) {
    const key = chatKey(sender, waId);
    const log = chats.get(key) ?? [];
    log.push(event);
    if (log.length > MAX_CHAT_EVENTS) log.splice(0, log.length - MAX_CHAT_EVENTS);
    chats.set(key, log);
    for (const l of listeners.get(key) ?? []) l(event);
  }

  return {
    registerSender(s: TwilioSender): TwilioSender {
      const sender = { ...s, number: `+${digits(s.number)}` };
      senders.set(sender.number, sender);
      return sender;
    },
    getSender: (number: string) => senders.get(`+${digits(number)}`),
    listSenders: () => [...senders.values()],
    /** The Auth Token of an account, from any of its senders. */
    authTokenOf(accountSid: string): string | undefined {
      for (const s of senders.values()) if (s.accountSid === accountSid) return s.authToken;
      return undefined;
    },

    recordMessage(m: TwilioMessage, chat: ChatMessage | null) {
      messages.push(m);
      bySid.set(m.sid, m);
      while (messages.length > MAX_RECORDS) bySid.delete(messages.shift()?.sid ?? '');
      if (chat) emit(m.from, m.waId, { event: 'message', data: { direction: 'out', id: m.sid, at: m.dateCreated, type: chat.type, message: chat } });
    },
    getMessage: (sid: string) => bySid.get(sid),
    listMessages(filter: { from?: string; to?: string } = {}): TwilioMessage[] {
      return messages.filter((m) => (filter.from === undefined || digits(m.from) === digits(filter.from)) && (filter.to === undefined || m.waId === digits(filter.to)));
    },

    recordInbound(r: TwilioInbound, chat: ChatMessage, at: number) {
      inbound.push(r);
      inboundBySid.set(r.sid, r);
      while (inbound.length > MAX_RECORDS) inboundBySid.delete(inbound.shift()?.sid ?? '');
      lastInboundAt.set(chatKey(r.sender, r.waId), at);
      emit(r.sender, r.waId, { event: 'message', data: { direction: 'in', id: r.sid, at: r.at, type: chat.type, name: r.name, message: chat } });
    },
    setInboundDelivery(sid: string, status: number) {
      const r = inboundBySid.get(sid);
      if (!r) return;
      r.webhookStatus = status;
      emit(r.sender, r.waId, { event: 'delivery', data: { id: sid, status } });
    },
    listInbound(filter: { sender?: string; from?: string } = {}): TwilioInbound[] {
      return inbound.filter((r) => (filter.sender === undefined || digits(r.sender) === digits(filter.sender)) && (filter.from === undefined || r.waId === digits(filter.from)));
    },
    lastInboundAt: (sender: string, waId: string) => lastInboundAt.get(chatKey(sender, waId)),

    chatHistory: (sender: string, waId: string) => [...(chats.get(chatKey(sender, waId)) ?? [])],
    subscribe(sender: string, waId: string, listener: (e: TwilioChatEvent) => void): () => void {
      const key = chatKey(sender, waId);
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },

    /** Forgets messages and chats; senders stay. */
    reset() {
      messages = [];
      bySid.clear();
      inbound = [];
      inboundBySid.clear();
      lastInboundAt.clear();
      chats.clear();
    },
  };
}

export type TwilioEmulatorStore = ReturnType<typeof createTwilioEmulatorStore>;
