// Graph API error envelopes as Meta returns them synchronously (reference §5.9). Adapters must
// branch on `code` (+ `error_data.details`), so codes and shapes matter more than wording.
import { randomBytes } from 'node:crypto';

export type GraphErrorBody = {
  error: {
    message: string;
    type: 'OAuthException' | 'GraphMethodException';
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    /** Generic Graph errors that are worth retrying say so (code 1 and 2). */
    is_transient?: boolean;
    fbtrace_id: string;
  };
};

export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: GraphErrorBody,
  ) {
    super(body.error.message);
    this.name = 'GraphApiError';
  }
}

/** Looks like Meta's: 23 url-safe base64 characters. */
export function newFbtraceId(): string {
  return randomBytes(18).toString('base64url').slice(0, 23);
}

function whatsappError(status: number, code: number, title: string, details: string): GraphApiError {
  return new GraphApiError(status, {
    error: {
      message: `(#${code}) ${title}`,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details },
      fbtrace_id: newFbtraceId(),
    },
  });
}

export const graphErrors = {
  /** 131008: a required field is absent. */
  missingParameter: (details: string) => whatsappError(400, 131008, 'Required parameter is missing', details),
  /** 131009: a field is present but breaks a limit (lengths, counts, uniqueness). */
  invalidValue: (details: string) => whatsappError(400, 131009, 'Parameter value is not valid', details),
  /** 100: unknown/misspelled parameter or wrong type, where Meta answers with the generic code. */
  invalidParameter: (details: string) => whatsappError(400, 100, 'Invalid parameter', details),
  throughput: () =>
    whatsappError(
      400,
      130429,
      'Rate limit hit',
      'Message failed to send because there were too many messages sent from this phone number in a short period of time',
    ),
  pairRateLimit: () =>
    whatsappError(
      400,
      131056,
      '(Business Account, Consumer Account) pair rate limit hit',
      'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time',
    ),
  invalidToken: (missing: boolean) =>
    new GraphApiError(401, {
      error: {
        message: missing
          ? 'An active access token must be used to query information about the current user.'
          : 'Invalid OAuth access token - Cannot parse access token',
        type: 'OAuthException',
        code: 190,
        error_subcode: 467,
        fbtrace_id: newFbtraceId(),
      },
    }),
  unknownObject: (id: string, method: 'get' | 'post' | 'delete') =>
    new GraphApiError(400, {
      error: {
        message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: newFbtraceId(),
      },
    }),
  /** Graph code 2 "API Service": temporary downtime, HTTP 500. */
  serviceDown: () =>
    new GraphApiError(500, {
      error: {
        message: 'An unexpected error has occurred. Please retry your request later.',
        type: 'OAuthException',
        is_transient: true,
        code: 2,
        fbtrace_id: newFbtraceId(),
      },
    }),
  /** Graph code 1 "API Unknown": possibly temporary downtime, HTTP 500. */
  unknownError: () =>
    new GraphApiError(500, {
      error: {
        message: 'An unknown error occurred',
        type: 'OAuthException',
        is_transient: true,
        code: 1,
        fbtrace_id: newFbtraceId(),
      },
    }),
  somethingWentWrong: () => whatsappError(500, 131000, 'Something went wrong', 'Something went wrong.'),
  serviceUnavailable: () => whatsappError(503, 131016, 'Service unavailable', 'A service is temporarily unavailable.'),
  /** Throughput limit answered with HTTP 429 (Meta answers 130429 with 400 or 429, reference §6.3). */
  throughputTooMany: () =>
    whatsappError(
      429,
      130429,
      'Rate limit hit',
      'Message failed to send because there were too many messages sent from this phone number in a short period of time',
    ),
  /** 80007: the WhatsApp Business Account's rate limit. */
  wabaRateLimit: () =>
    whatsappError(
      429,
      80007,
      'Rate limit issues',
      'There have been too many calls to this WhatsApp Business Account. Wait a bit and try again.',
    ),
  unknownPath: (path: string) =>
    new GraphApiError(400, {
      error: {
        message: `Unknown path components: ${path}`,
        type: 'OAuthException',
        code: 2500,
        fbtrace_id: newFbtraceId(),
      },
    }),
};
