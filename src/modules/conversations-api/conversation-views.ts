import type { ConversationRow, MessageRow } from './conversations.repository.ts';
import { AI_ANSWERED } from '../agent/index.ts';

// How a conversation and a message look on the API (and in the panel): ids as strings, times ISO.

export const WINDOW_MS = 24 * 60 * 60 * 1000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function conversationView(r: ConversationRow, now: Date, names: Map<string, string>) {
  const paused = r.bot_paused_until !== null && r.bot_paused_until > now;
  const windowEnds = r.last_inbound_at ? new Date(r.last_inbound_at.getTime() + WINDOW_MS) : null;
  return {
    customerId: r.customer_id,
    customer: { waId: r.wa_id, name: r.name },
    lastMessageAt: r.last_message_at.toISOString(),
    lastMessage: r.last_id === null ? null : { id: r.last_id.toString(), direction: r.last_direction ?? 'inbound', type: r.last_type ?? 'text', preview: r.last_body, status: r.last_status ?? '' },
    unreadCount: r.unread_count,
    // The bot is paused for this customer (asked for a person, or staff took over): a person answers.
    needsPerson: paused,
    handoff: paused ? { since: iso(r.handoff_at), until: iso(r.bot_paused_until) } : null,
    assignedTo: r.assigned_user_id ? { userId: r.assigned_user_id, name: names.get(r.assigned_user_id) ?? null, since: iso(r.assigned_at) } : null,
    // WhatsApp's customer service window: free-form replies until 24 h after the customer's last message.
    window: { open: windowEnds !== null && windowEnds > now, closesAt: iso(windowEnds) },
  };
}

type Payload = Record<string, unknown> | null;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function messageView(r: MessageRow, mediaUrl: (messageId: bigint) => string) {
  const p = (r.payload && typeof r.payload === 'object' ? r.payload : null) as Payload;
  const location =
    r.type === 'location' && p && num(p.latitude) !== null && num(p.longitude) !== null
      ? {
          latitude: num(p.latitude)!,
          longitude: num(p.longitude)!,
          name: str(p.name),
          address: str(p.address),
          mapUrl: `https://www.google.com/maps?q=${num(p.latitude)},${num(p.longitude)}`,
        }
      : null;
  const media = r.media_kind
    ? { kind: r.media_kind, status: r.media_status ?? 'pending', mimeType: r.media_mime, sizeBytes: r.media_size, url: r.media_status === 'stored' ? mediaUrl(r.id) : null }
    : r.direction === 'inbound' && p?.type === 'media'
      ? { kind: str(p.mediaKind) ?? r.type, status: p.media ? 'pending' : 'unavailable', mimeType: null, sizeBytes: null, url: null }
      : null;
  // Staff and bot images go out by link: the link is where the panel shows it from.
  const image = r.direction === 'outbound' && p && (p.kind === 'image' ? str(p.link) : p.kind === 'buttons' ? str(p.headerImageUrl) : null);
  return {
    id: r.id.toString(),
    direction: r.direction as 'inbound' | 'outbound',
    type: r.type,
    text: r.body,
    status: r.status,
    error: r.error_code !== null || r.error_title !== null ? { code: r.error_code, title: r.error_title } : null,
    createdAt: r.created_at.toISOString(),
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
    readAt: iso(r.read_at),
    media,
    imageUrl: image || null,
    location,
    sentBy: r.sent_by_kind ? { kind: r.sent_by_kind as 'user' | 'api_key' | 'platform', id: r.sent_by_id, name: r.sent_by_name } : null,
    transcript: r.transcript ?? null,
    // Written by the AI agent (not the menu, not a person); the agent's own buttons count too.
    answeredByAi: r.direction === 'outbound' && r.agent_outcome !== null && (AI_ANSWERED as readonly string[]).includes(r.agent_outcome),
  };
}
