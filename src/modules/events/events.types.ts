// Live events: what staff screens learn about as it happens. A notification says *that* something
// changed and which rows (ids only); the screen reads the rows through the API, so an event never
// carries message bodies, names or prices and always fits PostgreSQL's 8,000-byte NOTIFY limit.
export const LIVE_EVENT_TYPES = ['message.new', 'message.status', 'order.new', 'order.status', 'handoff'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** Ids and small flags only (customerId, messageId, orderId, status…). */
export type LiveEventData = Record<string, string | number | boolean | null>;

export type LiveEvent = { type: LiveEventType; data: LiveEventData };

/** An event as a subscriber receives it: with the id it was published under and its company. */
export type DeliveredEvent = LiveEvent & { id: string; companyId: string };

/**
 * `resync`: the listener lost its connection (PostgreSQL restarted) or a reconnecting client's
 * Last-Event-ID is no longer remembered; events may have been missed, so screens reload.
 */
export type Delivery = { kind: 'event'; event: DeliveredEvent } | { kind: 'resync' };
