// Meta error codes → a readable cause for logs and whether retrying can help (reference §6.3).
// Build logic on `code`, never on the title text.
import type { ErrorInfo } from '../provider.ts';

type MetaErrorInfo = ErrorInfo;

const TABLE: Record<number, MetaErrorInfo> = {
  0: { cause: 'authentication failed: token expired or invalidated', retry: false },
  3: { cause: 'capability or permission missing on the app', retry: false },
  4: { cause: 'app-level Graph API rate limit reached', retry: true },
  10: { cause: 'permission denied or removed', retry: false },
  100: { cause: 'invalid parameter or unknown phone number id', retry: false },
  190: { cause: 'access token expired or invalid', retry: false },
  200: { cause: 'system user lacks access to the WhatsApp account', retry: false },
  368: { cause: 'account temporarily blocked for policy violations', retry: false },
  80007: { cause: 'WhatsApp Business Account rate limit', retry: true },
  130429: { cause: 'phone number throughput limit reached (80 msg/s default)', retry: true },
  131000: { cause: 'unknown error at Meta', retry: true },
  131008: { cause: 'required parameter missing in the message', retry: false },
  131009: { cause: 'parameter value not valid (check WhatsApp limits)', retry: false },
  131016: { cause: 'WhatsApp service temporarily unavailable', retry: true },
  131026: { cause: 'recipient cannot receive WhatsApp messages (not on WhatsApp or outdated app)', retry: false },
  131030: { cause: 'recipient not in the allowed list of a test number', retry: false },
  131031: { cause: 'business account locked', retry: false },
  131042: { cause: 'payment method problem on the business account', retry: false },
  131047: { cause: 'more than 24 hours since the customer last wrote: only templates allowed', retry: false },
  131048: { cause: 'spam rate limit: too many messages blocked or flagged', retry: false },
  131049: { cause: 'Meta chose not to deliver to keep ecosystem engagement healthy', retry: false },
  131050: { cause: 'customer stopped marketing messages', retry: false },
  131051: { cause: 'unsupported message type', retry: false },
  131052: { cause: 'media download error', retry: false },
  131053: { cause: 'media upload error (often MIME type mismatch)', retry: false },
  131056: { cause: 'pair rate limit: too many messages to this customer too fast', retry: true },
  131057: { cause: 'account in maintenance mode (throughput upgrade)', retry: true },
  132000: { cause: 'template parameter count mismatch', retry: false },
  132001: { cause: 'template does not exist or is not approved in this language', retry: false },
  132015: { cause: 'template paused for low quality', retry: false },
  132016: { cause: 'template disabled for low quality', retry: false },
  133010: { cause: 'business phone number not registered', retry: false },
};

export function describeMetaError(code: number | undefined, httpStatus?: number): MetaErrorInfo {
  if (code !== undefined) {
    const known = TABLE[code];
    if (known) return known;
    if (code >= 200 && code <= 299) return { cause: 'API permission missing', retry: false };
  }
  if (httpStatus === 429 || (httpStatus !== undefined && httpStatus >= 500)) {
    return { cause: `Graph API answered HTTP ${httpStatus}`, retry: true };
  }
  return { cause: `Graph API error ${code ?? 'unknown'} (HTTP ${httpStatus ?? '?'})`, retry: false };
}
