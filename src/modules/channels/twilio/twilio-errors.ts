// Twilio error codes → a readable cause for logs and alerts and whether sending again can help
// (reference §8.6, twilio.com/docs/api/errors). Build logic on the code, never on the message.
import type { ErrorInfo } from '../provider.ts';

const TABLE: Record<number, ErrorInfo> = {
  20003: { cause: 'authentication failed: Account SID or Auth Token wrong', retry: false },
  20404: { cause: 'resource not found: wrong Account SID or message SID', retry: false },
  20429: { cause: 'too many requests to Twilio\'s API', retry: true },
  21211: { cause: "invalid 'To' number", retry: false },
  21408: { cause: 'sending to this region is not enabled on the Twilio account', retry: false },
  21602: { cause: 'message body, media or Content SID required', retry: false },
  21606: { cause: "the 'From' number is not a WhatsApp sender of this Twilio account", retry: false },
  21610: { cause: 'the customer unsubscribed (replied STOP): Twilio blocks messages to them', retry: false },
  21614: { cause: "'To' is not a valid mobile number", retry: false },
  21617: { cause: 'message body over 1,600 characters', retry: false },
  21655: { cause: 'Content SID not valid', retry: false },
  21656: { cause: 'ContentVariables not valid JSON for the template', retry: false },
  30001: { cause: 'Twilio queue overflow', retry: true },
  30002: { cause: 'Twilio account suspended', retry: false },
  30003: { cause: 'unreachable destination handset', retry: false },
  30004: { cause: 'message blocked by the recipient or the carrier', retry: false },
  30005: { cause: 'unknown destination handset (the number does not exist)', retry: false },
  30006: { cause: 'landline or unreachable carrier', retry: false },
  30007: { cause: 'message filtered as spam or against carrier rules', retry: false },
  30008: { cause: 'unknown delivery error', retry: true },
  63003: { cause: "WhatsApp could not find the 'To' address", retry: false },
  63007: { cause: "Twilio could not find a WhatsApp sender for the 'From' address", retry: false },
  63015: { cause: 'the customer has not joined this Twilio sandbox', retry: false },
  63016: { cause: 'more than 24 hours since the customer last wrote: only templates (Content SID) allowed', retry: false },
  63018: { cause: 'rate limit of the WhatsApp sender exceeded', retry: true },
  63021: { cause: 'content not valid for WhatsApp (length, media type)', retry: false },
  63024: { cause: 'invalid WhatsApp recipient', retry: false },
  63049: { cause: 'Meta chose not to deliver this message (engagement)', retry: false },
};

export function describeTwilioError(code: number | undefined, httpStatus?: number): ErrorInfo {
  if (code !== undefined) {
    const known = TABLE[code];
    if (known) return known;
  }
  if (httpStatus === 429 || (httpStatus !== undefined && httpStatus >= 500)) {
    return { cause: `Twilio answered HTTP ${httpStatus}`, retry: true };
  }
  return { cause: `Twilio error ${code ?? 'unknown'} (HTTP ${httpStatus ?? '?'})`, retry: false };
}
