// Provider-neutral message shapes. The conversation engine speaks these; each channel provider
// (whatsapp-cloud/, twilio/) parses its webhooks into InboundContent at the edge and turns
// OutboundContent into its wire format when sending.

export type ReplyButton = { id: string; title: string };
export type ListRow = { id: string; title: string; description?: string };
export type ListSection = { title: string; rows: ListRow[] };

export type OutboundContent =
  | { kind: 'text'; body: string }
  | {
      kind: 'buttons';
      body: string;
      header?: string;
      // A product photo shown above the body (Meta allows an image header on reply buttons).
      headerImageUrl?: string;
      footer?: string;
      buttons: ReplyButton[];
    }
  | {
      kind: 'list';
      body: string;
      header?: string;
      footer?: string;
      button: string;
      sections: ListSection[];
    }
  | { kind: 'image'; link: string; caption?: string }
  // An approved template (business-initiated, outside the 24 h window): body variables in order.
  | { kind: 'template'; name: string; language: string; params: string[] };

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker';

/** A customer's file at its provider, fetched later by a background job (never in the webhook). */
export type MediaRef = { id?: string; url?: string; mimeType?: string; filename?: string };

export type InboundContent =
  | { type: 'text'; text: string }
  | { type: 'interactive'; replyId: string; title: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  // `media`: where the file is fetched (Meta: the media id for `GET /{media-id}`; Twilio: MediaUrl0).
  // `transcript`: a voice note's words, transcribed while its turn is decided (AI agent); logged in messages.transcript.
  | { type: 'media'; mediaKind: MediaKind; caption?: string; voice?: boolean; media?: MediaRef; transcript?: string }
  | { type: 'reaction'; emoji?: string }
  | { type: 'contacts' }
  | { type: 'order'; items: number }
  | { type: 'system'; newWaId?: string }
  | { type: 'unsupported'; detail?: string };

/** A reply waiting in the message log (status 'pending') for the sender. */
export type OutboundRow = { id: bigint; to: string; content: OutboundContent };

/** What to write as an outbound row: who receives it and what it says. */
export type OutboundDraft = { to: string; content: OutboundContent; customerId: string | null };
