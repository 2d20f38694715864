// Outbound message states in the message log. A status only ever moves to a higher rank, so a
// late `delivered` never downgrades a `read` (Meta delivers statuses out of order, may skip
// `delivered`, and retries for days).
export const STATUS_RANK = {
  received: 0,
  pending: 0,
  // a passing failure (5xx, 429, network): sent again from the message log when due
  retry: 0,
  sending: 1,
  // the send timed out after the request was written: Meta may have it; a status settles it,
  // or it is sent again after a grace period
  unknown: 1,
  accepted: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  played: 6,
  failed: 9,
} as const;

export type MessageStatus = keyof typeof STATUS_RANK;

/**
 * Statuses a provider reports about a message we sent, in the platform's names. `accepted`: the
 * provider has it and has not sent it yet (Twilio's queued/accepted/sending): it settles a reply
 * whose send answer was lost, as any status does.
 */
export type ProviderStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export const isProviderStatus = (s: string): s is ProviderStatus =>
  s === 'accepted' || s === 'sent' || s === 'delivered' || s === 'read' || s === 'played' || s === 'failed';
