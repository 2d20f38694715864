import type pg from 'pg';
import type { Logger } from '../../platform/logger.ts';
import type { LiveEvent } from './events.types.ts';
import { eventTexts, NOTIFY_MANY_SQL, EVENTS_CHANNEL } from './publish-event.ts';

// Live events of work that has already committed (conversation turns, delivery statuses), sent
// a few at a time. A NOTIFY is a statement and a commit of its own that takes PostgreSQL's
// notification-queue lock, whether or not anyone listens: one per turn commit cost about a tenth
// of a message's CPU under load. Here the events wait up to `flushMs` and go out together, one
// statement per database server per flush, so the cost follows time, not traffic. They are hints
// for open panels (which resync from the API when they reconnect): a crash or a failed flush
// loses only the hint, never data, and is not worth a retry that would deliver them late.

export type LivePublisher = {
  /** Queues a company's events (never throws, never waits). `dbUrl`: the company's server (undefined: the default). */
  publish(target: { companyId: string; dbUrl?: string }, events: LiveEvent[]): void;
  /** Sends what is queued now. */
  flush(): Promise<void>;
  /** Sends what is queued and stops taking events. */
  close(): Promise<void>;
};

export type LivePublisherOptions = {
  pool(url?: string): pg.Pool;
  logger: Logger;
  /** Longest an event waits to be sent. Default 50 ms. */
  flushMs?: number;
  /** Events queued for one server that make it send at once. Default 500. */
  maxQueued?: number;
};

export function createLivePublisher(o: LivePublisherOptions): LivePublisher {
  const flushMs = o.flushMs ?? 50;
  const maxQueued = o.maxQueued ?? 500;
  // Server url ('' for the default) -> payloads in publish order.
  const queued = new Map<string, string[]>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const inFlight = new Set<Promise<void>>();

  function send(url: string, texts: string[]): void {
    const sending = o
      .pool(url === '' ? undefined : url)
      .query(NOTIFY_MANY_SQL, [EVENTS_CHANNEL, texts])
      .then(
        () => undefined,
        (err: unknown) => o.logger.debug({ err, events: texts.length }, 'live events not sent (panels resync when they reconnect)'),
      );
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }

  function sendQueued(): void {
    clearTimeout(timer);
    timer = undefined;
    for (const [url, texts] of queued) send(url, texts);
    queued.clear();
  }

  return {
    publish(target, events) {
      if (closed || events.length === 0) return;
      let texts: string[];
      try {
        texts = eventTexts(target.companyId, events);
      } catch (err) {
        o.logger.warn({ err }, 'live event not sent');
        return;
      }
      const url = target.dbUrl ?? '';
      const list = queued.get(url);
      if (list) list.push(...texts);
      else queued.set(url, texts);
      if ((list?.length ?? texts.length) >= maxQueued) sendQueued();
      else timer ??= setTimeout(sendQueued, flushMs);
    },
    async flush() {
      sendQueued();
      await Promise.all([...inFlight]);
    },
    async close() {
      closed = true;
      sendQueued();
      await Promise.all([...inFlight]);
    },
  };
}
