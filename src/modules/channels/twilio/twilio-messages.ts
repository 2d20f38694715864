// OutboundContent → the form fields of Twilio's Messages API (reference §8.4). Freeform WhatsApp
// messages on Twilio have no reply buttons or lists: those go out as numbered text
// (numbered-options.ts), a product photo as the media of the same message. Templates go out as
// Content API templates: ContentSid plus ContentVariables ({"1": …, "2": …}).
import type { OutboundContent } from '../../messages/index.ts';
import { renderOptionsAsText } from '../numbered-options.ts';
import type { TwilioSettings } from './twilio-settings.ts';

// Twilio's limit for a WhatsApp Body; WhatsApp's for a media caption.
export const TWILIO_BODY_MAX = 1600;
const CAPTION_MAX = 1024;

export type TwilioFields = { body?: string; mediaUrl?: string; contentSid?: string; contentVariables?: string };

/** The fields of one message, or why it cannot be sent on this channel (a permanent failure). */
export function twilioFieldsOf(content: OutboundContent, settings: TwilioSettings): { ok: true; fields: TwilioFields } | { ok: false; cause: string } {
  switch (content.kind) {
    case 'text':
      return { ok: true, fields: { body: renderOptionsAsText(content, TWILIO_BODY_MAX) } };
    case 'image':
      return { ok: true, fields: { mediaUrl: content.link, ...(content.caption ? { body: renderOptionsAsText(content, CAPTION_MAX) } : {}) } };
    case 'buttons':
      return content.headerImageUrl
        ? { ok: true, fields: { mediaUrl: content.headerImageUrl, body: renderOptionsAsText(content, CAPTION_MAX) } }
        : { ok: true, fields: { body: renderOptionsAsText(content, TWILIO_BODY_MAX) } };
    case 'list':
      return { ok: true, fields: { body: renderOptionsAsText(content, TWILIO_BODY_MAX) } };
    case 'template': {
      const sid = Object.hasOwn(settings.contentSids, content.name) ? settings.contentSids[content.name] : undefined;
      if (!sid) return { ok: false, cause: `no Twilio Content SID for template "${content.name}": add it to the channel's contentSids` };
      const variables = Object.fromEntries(content.params.map((p, i) => [String(i + 1), p]));
      return { ok: true, fields: { contentSid: sid, ...(content.params.length ? { contentVariables: JSON.stringify(variables) } : {}) } };
    }
  }
}
