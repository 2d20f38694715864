// In-memory state of the Graph emulator: registered business numbers, what the platform sent
// (outbound), what fake customers sent (inbound), read marks, media, and a per-chat event log
// that the simulator's SSE stream replays and follows.
import { digitsOnly, newNumericId, type WebhookMessage } from './meta-webhooks.ts';
import type { MessageType } from './outbound-validation.ts';

export type RegisterNumberInput = {
  phoneNumberId: string;
  token: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  verifiedName?: string;
};
export type RegisteredNumber = Required<RegisterNumberInput>;

export type OutboundStatus = 'sent' | 'delivered' | 'read' | 'failed';
export type OutboundRecord = {
  wamid: string;
  phoneNumberId: string;
  /** `to` exactly as sent. */
  to: string;
  /** `to` reduced to digits, as Meta returns in contacts[].wa_id. */
  waId: string;
  type: MessageType;
  /** The request body as received. */
  body: Record<string, unknown>;
  receivedAt: string;
  statuses: Array<{ status: OutboundStatus; at: string }>;
  /** Accepted while a fault held the answer back (the client may never have seen its 200). */
  fault?: 'slow' | 'stall';
};
export type InboundRecord = {
  wamid: string;
  phoneNumberId: string;
  waId: string;
  name: string;
  type: string;
  message: WebhookMessage;
  sentAt: string;
  /** HTTP status our webhook answered with (after retries); null while in flight, 0 if unreachable. */
  webhookStatus: number | null;
};
export type ReadMark = { phoneNumberId: string; messageId: string; typing: boolean; at: string };
export type MediaRecord = {
  id: string;
  phoneNumberId?: string;
  mimeType: string;
  bytes: Buffer;
  /** Base64 SHA-256, as in current Meta docs. */
  sha256: string;
  filename?: string;
  createdAt: number;
};

export type ChatEvent =
  | {
      event: 'message';
      data:
        | { direction: 'out'; id: string; at: string; type: string; message: Record<string, unknown> }
        | { direction: 'in'; id: string; at: string; type: string; name: string; message: WebhookMessage };
    }
  | { event: 'delivery'; data: { id: string; status: number } }
  | { event: 'read'; data: { messageId: string; typing: boolean } };
export type ChatListener = (event: ChatEvent) => void;

const MAX_RECORDS = 50_000;
const MAX_CHAT_EVENTS = 500;

function chatKey(phoneNumberId: string, waId: string): string {
  return `${phoneNumberId}:${digitsOnly(waId)}`;
}

function pushCapped<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

export function createEmulatorStore() {
  const numbers = new Map<string, RegisteredNumber>();
  let outbound: OutboundRecord[] = [];
  const outboundById = new Map<string, OutboundRecord>();
  let inbound: InboundRecord[] = [];
  const inboundById = new Map<string, InboundRecord>();
  let reads: ReadMark[] = [];
  const lastInboundAt = new Map<string, number>();
  const media = new Map<string, MediaRecord>();
  const chatLogs = new Map<string, ChatEvent[]>();
  const listeners = new Map<string, Set<ChatListener>>();

  function emit(phoneNumberId: string, waId: string, event: ChatEvent): void {
    const key = chatKey(phoneNumberId, waId);
    const log = chatLogs.get(key) ?? [];
    pushCapped(log, event, MAX_CHAT_EVENTS);
    chatLogs.set(key, log);
    for (const listener of listeners.get(key) ?? []) listener(event);
  }

  return {
    registerNumber(input: RegisterNumberInput): RegisteredNumber {
      const number: RegisteredNumber = {
        phoneNumberId: input.phoneNumberId,
        token: input.token,
        wabaId: input.wabaId ?? newNumericId(15),
        displayPhoneNumber: digitsOnly(input.displayPhoneNumber ?? `1555${input.phoneNumberId.slice(-7).padStart(7, '0')}`),
        verifiedName: input.verifiedName ?? 'Mostrador Demo',
      };
      numbers.set(number.phoneNumberId, number);
      return number;
    },
    getNumber(phoneNumberId: string): RegisteredNumber | undefined {
      return numbers.get(phoneNumberId);
    },
    listNumbers(): RegisteredNumber[] {
      return [...numbers.values()];
    },
    isKnownToken(token: string): boolean {
      for (const n of numbers.values()) if (n.token === token) return true;
      return false;
    },

    /** `visibleInChat: false` for sends the customer never receives (e.g. 131047 failures). */
    recordOutbound(record: OutboundRecord, options: { visibleInChat?: boolean } = {}): void {
      outbound.push(record);
      outboundById.set(record.wamid, record);
      while (outbound.length > MAX_RECORDS) outboundById.delete(outbound.shift()?.wamid ?? '');
      if (options.visibleInChat === false) return;
      emit(record.phoneNumberId, record.waId, {
        event: 'message',
        data: { direction: 'out', id: record.wamid, at: record.receivedAt, type: record.type, message: record.body },
      });
    },
    addOutboundStatus(wamid: string, status: OutboundStatus, at: Date): void {
      outboundById.get(wamid)?.statuses.push({ status, at: at.toISOString() });
    },
    listOutbound(filter: { phoneNumberId?: string; to?: string } = {}): OutboundRecord[] {
      const waId = filter.to === undefined ? undefined : digitsOnly(filter.to);
      return outbound.filter(
        (r) =>
          (filter.phoneNumberId === undefined || r.phoneNumberId === filter.phoneNumberId) &&
          (waId === undefined || r.waId === waId),
      );
    },
    /** The newest outbound message to a chat matching `predicate` (e.g. the interactive being answered). */
    lastOutbound(phoneNumberId: string, waId: string, predicate: (r: OutboundRecord) => boolean = () => true) {
      const digits = digitsOnly(waId);
      for (let i = outbound.length - 1; i >= 0; i -= 1) {
        const r = outbound[i];
        if (r && r.phoneNumberId === phoneNumberId && r.waId === digits && predicate(r)) return r;
      }
      return undefined;
    },

    recordInbound(record: InboundRecord, at: number): void {
      inbound.push(record);
      inboundById.set(record.wamid, record);
      while (inbound.length > MAX_RECORDS) inboundById.delete(inbound.shift()?.wamid ?? '');
      // Only the customer opens or refreshes the 24 h customer-service window (reference §6.1).
      lastInboundAt.set(chatKey(record.phoneNumberId, record.waId), at);
      emit(record.phoneNumberId, record.waId, {
        event: 'message',
        data: {
          direction: 'in',
          id: record.wamid,
          at: record.sentAt,
          type: record.type,
          name: record.name,
          message: record.message,
        },
      });
    },
    setInboundDelivery(wamid: string, status: number): void {
      const record = inboundById.get(wamid);
      if (!record) return;
      record.webhookStatus = status;
      emit(record.phoneNumberId, record.waId, { event: 'delivery', data: { id: wamid, status } });
    },
    listInbound(filter: { phoneNumberId?: string; from?: string } = {}): InboundRecord[] {
      const waId = filter.from === undefined ? undefined : digitsOnly(filter.from);
      return inbound.filter(
        (r) =>
          (filter.phoneNumberId === undefined || r.phoneNumberId === filter.phoneNumberId) &&
          (waId === undefined || r.waId === waId),
      );
    },
    lastInboundAt(phoneNumberId: string, waId: string): number | undefined {
      return lastInboundAt.get(chatKey(phoneNumberId, waId));
    },
    /** Opens the customer-service window without sending a webhook (for tests with enforceWindow). */
    openWindow(phoneNumberId: string, waId: string, at: number): void {
      lastInboundAt.set(chatKey(phoneNumberId, waId), at);
    },

    recordRead(mark: ReadMark): void {
      pushCapped(reads, mark, MAX_RECORDS);
      const target = inboundById.get(mark.messageId);
      if (target && target.phoneNumberId === mark.phoneNumberId) {
        emit(target.phoneNumberId, target.waId, {
          event: 'read',
          data: { messageId: mark.messageId, typing: mark.typing },
        });
      }
    },
    listReads(filter: { phoneNumberId?: string } = {}): ReadMark[] {
      return reads.filter((r) => filter.phoneNumberId === undefined || r.phoneNumberId === filter.phoneNumberId);
    },

    putMedia(record: MediaRecord): void {
      media.set(record.id, record);
    },
    getMedia(id: string): MediaRecord | undefined {
      return media.get(id);
    },
    deleteMedia(id: string): boolean {
      return media.delete(id);
    },

    chatHistory(phoneNumberId: string, waId: string): ChatEvent[] {
      return [...(chatLogs.get(chatKey(phoneNumberId, waId)) ?? [])];
    },
    subscribe(phoneNumberId: string, waId: string, listener: ChatListener): () => void {
      const key = chatKey(phoneNumberId, waId);
      const set = listeners.get(key) ?? new Set<ChatListener>();
      set.add(listener);
      listeners.set(key, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },

    /** Forgets messages, reads, media and windows; registered numbers stay. */
    reset(): void {
      outbound = [];
      outboundById.clear();
      inbound = [];
      inboundById.clear();
      reads = [];
      lastInboundAt.clear();
      media.clear();
      chatLogs.clear();
    },
  };
}

export type EmulatorStore = ReturnType<typeof createEmulatorStore>;
