import { randomUUID } from 'node:crypto';
import type { LiveEvent } from './events.types.ts';

// One channel for the whole deployment (NOTIFY is per database: a deployment's processes share it).
// Every listening process receives every company's events and hands each to that company's
// subscribers; at one payload of ~150 bytes per event this is far cheaper than a channel per company.
export const EVENTS_CHANNEL = 'mostrador_live_events';

// PostgreSQL refuses payloads of 8,000 bytes or more; events carry ids only, far below.
const MAX_PAYLOAD = 7_000;

/** What `publish` can run on: a pg pool/client (`query`) or a Prisma client/transaction. */
export type NotifyTarget =
  | { query(text: string, values: unknown[]): Promise<unknown> }
  | { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };

/** The wire form: short keys, the event's id made at publish time so every process agrees on it. */
export type EventPayload = { i: string; c: string; t: string; d: Record<string, unknown> };

// Ids sort by time (base-36 milliseconds, fixed width) so a process can replay "after" an id.
// The random part comes from randomUUID, which draws on a cached pool of entropy: randomBytes(4)
// asked the system for 4 bytes per event (1% of the worker's CPU in the bench, an event or two
// per message).
export function newEventId(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`;
}

/**
 * Publishes a company's live event. Run it on the transaction that wrote the change: pg_notify is
 * delivered when that transaction commits (never for a rolled-back one), to every process
 * listening, including web processes when a worker wrote it. Outside a transaction it is sent at once.
 */
export async function publish(db: NotifyTarget, companyId: string, event: LiveEvent): Promise<void> {
  const payload: EventPayload = { i: newEventId(), c: companyId, t: event.type, d: event.data };
  const text = JSON.stringify(payload);
  if (Buffer.byteLength(text) > MAX_PAYLOAD) throw new Error(`live event ${event.type} too large for NOTIFY (${Buffer.byteLength(text)} bytes): send ids only`);
  const sql = 'SELECT pg_notify($1, $2)';
  if ('$executeRawUnsafe' in db) await db.$executeRawUnsafe(sql, EVENTS_CHANNEL, text);
  else await db.query(sql, [EVENTS_CHANNEL, text]);
}

export const NOTIFY_MANY_SQL = 'SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n';

/** The wire texts of a company's events, each with its id made now. */
export function eventTexts(companyId: string, events: LiveEvent[]): string[] {
  return events.map((event) => {
    const text = JSON.stringify({ i: newEventId(), c: companyId, t: event.type, d: event.data } satisfies EventPayload);
    if (Buffer.byteLength(text) > MAX_PAYLOAD) throw new Error(`live event ${event.type} too large for NOTIFY: send ids only`);
    return text;
  });
}

/** Several events of one company in one round trip, on the transaction that wrote them (see `publish`). */
export async function publishMany(db: NotifyTarget, companyId: string, events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  const texts = eventTexts(companyId, events);
  if ('$executeRawUnsafe' in db) await db.$executeRawUnsafe(NOTIFY_MANY_SQL, EVENTS_CHANNEL, texts);
  else await db.query(NOTIFY_MANY_SQL, [EVENTS_CHANNEL, texts]);
}
