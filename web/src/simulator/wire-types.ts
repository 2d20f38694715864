// The shapes the emulator streams (a subset of Meta's wire format) and what the simulator
// keeps per chat. Kept separate from src/ so the browser bundle never pulls server code.

/** Who carries the chat: Meta's Cloud API (its Graph emulator) or Twilio (its Twilio emulator). */
export type Provider = 'meta' | 'twilio';

/** A company's number: on Meta `phoneNumberId` is Meta's id, on Twilio the WhatsApp sender (+E.164). */
/** adminPhone: the shop's admin WhatsApp (new-order notices go there); absent from a standalone emulator. */
export type Company = { slug: string; name: string; provider: Provider; phoneNumberId: string; displayPhoneNumber: string; adminPhone?: string | null };

export type ReplyButtonWire = { type: string; reply: { id: string; title: string } };
export type ListRowWire = { id: string; title: string; description?: string };
export type ListSectionWire = { title?: string; rows: ListRowWire[] };
export type MediaWire = { id?: string; link?: string; caption?: string; filename?: string };

export type InteractiveWire = {
  type: string;
  header?: { type: string; text?: string; image?: MediaWire };
  body?: { text: string };
  footer?: { text: string };
  action?: {
    button?: string;
    buttons?: ReplyButtonWire[];
    sections?: ListSectionWire[];
    name?: string;
    parameters?: { display_text?: string; url?: string };
  };
};

/** A send request the business made (`POST /{phone-number-id}/messages` body). */
export type OutboundWire = {
  type: string;
  text?: { body: string };
  interactive?: InteractiveWire;
  image?: MediaWire;
  document?: MediaWire;
  template?: { name: string; components?: Array<{ type: string; parameters?: Array<{ type: string; text?: string }> }> };
  /** Added by the emulator for media sent by id. */
  mediaUrl?: string;
};

/** A customer message as it went out in the webhook (`messages[0]`). */
export type InboundWire = {
  type: string;
  text?: { body: string };
  interactive?: { type: string; button_reply?: { id: string; title: string }; list_reply?: { id: string; title: string } };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  image?: { caption?: string };
  reaction?: { message_id: string; emoji?: string };
};

export type ChatItem =
  | { from: 'bot'; id: string; at: string; message: OutboundWire }
  | {
      from: 'customer';
      id: string;
      at: string;
      message: InboundWire;
      /** HTTP status of the platform's webhook; undefined while in flight. */
      delivery?: number;
      read: boolean;
    };

export type ReplyChoice = { kind: 'button_reply' | 'list_reply'; id: string; title: string };

/** A customer message for the emulators; the company's number is added by simulator-api.ts. */
export type InboundRequest = {
  from: string;
  name: string;
  type: 'text' | 'interactive' | 'location' | 'image' | 'audio' | 'sticker' | 'reaction';
  text?: string;
  reply?: ReplyChoice;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
};
