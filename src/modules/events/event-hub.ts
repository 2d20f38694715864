import pg from 'pg';
import type { Logger } from '../../platform/logger.ts';
import type { DeliveredEvent, Delivery, LiveEventType } from './events.types.ts';
import { LIVE_EVENT_TYPES } from './events.types.ts';
import { EVENTS_CHANNEL } from './publish-event.ts';

// The process's listener: one dedicated connection per PostgreSQL server (LISTEN needs a session
// of its own, never a pooled one) and, in memory, the subscribers of each company. The connection
// is opened with the first subscriber and reopened after a PostgreSQL restart; notifications sent
// while it was down are lost, so subscribers are told to `resync` once it is back.

export type Subscriber = (delivery: Delivery) => void;

export type EventHub = {
  /** Hands the company's events to `handler` until the returned function is called. */
  subscribe(companyId: string, handler: Subscriber, serverUrl?: string): () => void;
  /** Resolves once the connection to `serverUrl` is listening (events published later arrive). */
  listening(serverUrl?: string): Promise<void>;
  /** Events after `lastEventId` this process still remembers, or undefined when it does not know it. */
  replaySince(companyId: string, lastEventId: string): DeliveredEvent[] | undefined;
  stats(): { subscribers: number; servers: number; connected: number };
  close(): Promise<void>;
};

export type EventHubOptions = {
  defaultUrl: string;
  logger: Logger;
  /** Events remembered per company for Last-Event-ID (best effort), and companies remembered. */
  replaySize?: number;
  replayCompanies?: number;
  /** Reconnect backoff (doubles up to the max) and how often an idle connection is probed. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  probeIntervalMs?: number;
};

type Server = {
  url: string;
  client: pg.Client | undefined;
  connected: boolean;
  everConnected: boolean;
  waiters: Array<() => void>;
  timer: NodeJS.Timeout | undefined;
  probe: NodeJS.Timeout | undefined;
  delayMs: number;
};

const TYPES = new Set<string>(LIVE_EVENT_TYPES);

export function parseEventPayload(text: string): DeliveredEvent | undefined {
  try {
    const p = JSON.parse(text) as { i?: unknown; c?: unknown; t?: unknown; d?: unknown };
    if (typeof p.i !== 'string' || typeof p.c !== 'string' || typeof p.t !== 'string' || !TYPES.has(p.t)) return undefined;
    const data = p.d && typeof p.d === 'object' && !Array.isArray(p.d) ? (p.d as DeliveredEvent['data']) : {};
    return { id: p.i, companyId: p.c, type: p.t as LiveEventType, data };
  } catch {
    return undefined;
  }
}

export function createEventHub(opts: EventHubOptions): EventHub {
  const log = opts.logger.child({ component: 'event-hub' });
  const replaySize = opts.replaySize ?? 100;
  const replayCompanies = opts.replayCompanies ?? 500;
  const minDelay = opts.reconnectMinMs ?? 250;
  const maxDelay = opts.reconnectMaxMs ?? 5_000;
  const probeEvery = opts.probeIntervalMs ?? 30_000;
  const servers = new Map<string, Server>();
  // companyId -> (handler -> server url)
  const subscribers = new Map<string, Map<Subscriber, string>>();
  const recent = new Map<string, DeliveredEvent[]>();
  let closed = false;

  function remember(event: DeliveredEvent) {
    let list = recent.get(event.companyId);
    if (list) recent.delete(event.companyId); // most recently used last
    else list = [];
    list.push(event);
    if (list.length > replaySize) list.splice(0, list.length - replaySize);
    recent.set(event.companyId, list);
    if (recent.size > replayCompanies) recent.delete(recent.keys().next().value as string);
  }

  function deliver(companyId: string, delivery: Delivery, serverUrl?: string) {
    const subs = subscribers.get(companyId);
    if (!subs) return;
    for (const [handler, url] of [...subs]) {
      if (serverUrl !== undefined && url !== serverUrl) continue;
      try {
        handler(delivery);
      } catch (err) {
        log.warn({ err, company: companyId }, 'live event subscriber failed');
      }
    }
  }

  function onNotification(msg: pg.Notification) {
    if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
    const event = parseEventPayload(msg.payload);
    if (!event) {
      log.warn('unreadable live event payload ignored');
      return;
    }
    remember(event);
    deliver(event.companyId, { kind: 'event', event });
  }

  function server(url: string): Server {
    let s = servers.get(url);
    if (!s) {
      s = { url, client: undefined, connected: false, everConnected: false, waiters: [], timer: undefined, probe: undefined, delayMs: minDelay };
      servers.set(url, s);
      void connect(s);
    }
    return s;
  }

  function lost(s: Server, client: pg.Client, err?: unknown) {
    if (s.client !== client) return; // an older connection's late error
    s.client = undefined;
    s.connected = false;
    if (s.probe) clearInterval(s.probe);
    s.probe = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (closed) return;
    log.warn({ err: err instanceof Error ? { message: err.message, code: (err as { code?: string }).code } : err, delayMs: s.delayMs }, 'live events connection lost; reconnecting');
    s.timer = setTimeout(() => void connect(s), s.delayMs);
    s.delayMs = Math.min(s.delayMs * 2, maxDelay);
  }

  async function connect(s: Server) {
    s.timer = undefined;
    if (closed) return;
    const client = new pg.Client({ connectionString: s.url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    s.client = client;
    client.on('error', (err) => lost(s, client, err));
    client.on('end', () => lost(s, client));
    client.on('notification', onNotification);
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      lost(s, client, err);
      return;
    }
    if (s.client !== client) return;
    s.connected = true;
    s.delayMs = minDelay;
    // A dead peer (no FIN after a network cut) is noticed by probing, not by waiting for TCP.
    s.probe = setInterval(() => {
      client.query('SELECT 1').catch((err: unknown) => lost(s, client, err));
    }, probeEvery);
    s.probe.unref();
    const reconnected = s.everConnected;
    s.everConnected = true;
    for (const w of s.waiters.splice(0)) w();
    if (reconnected) {
      log.info('live events connection restored');
      for (const companyId of subscribers.keys()) deliver(companyId, { kind: 'resync' }, s.url);
    }
  }

  return {
    subscribe(companyId, handler, serverUrl = opts.defaultUrl) {
      if (closed) throw new Error('event hub closed');
      server(serverUrl);
      let subs = subscribers.get(companyId);
      if (!subs) subscribers.set(companyId, (subs = new Map()));
      subs.set(handler, serverUrl);
      return () => {
        const current = subscribers.get(companyId);
        current?.delete(handler);
        if (current && current.size === 0) subscribers.delete(companyId);
      };
    },
    listening(serverUrl = opts.defaultUrl) {
      const s = server(serverUrl);
      if (s.connected) return Promise.resolve();
      return new Promise((resolve) => s.waiters.push(resolve));
    },
    replaySince(companyId, lastEventId) {
      const list = recent.get(companyId) ?? [];
      const at = list.findIndex((e) => e.id === lastEventId);
      return at < 0 ? undefined : list.slice(at + 1);
    },
    stats() {
      let count = 0;
      for (const subs of subscribers.values()) count += subs.size;
      return { subscribers: count, servers: servers.size, connected: [...servers.values()].filter((s) => s.connected).length };
    },
    async close() {
      closed = true;
      subscribers.clear();
      await Promise.all(
        [...servers.values()].map(async (s) => {
          if (s.timer) clearTimeout(s.timer);
          if (s.probe) clearInterval(s.probe);
          for (const w of s.waiters.splice(0)) w();
          const c = s.client;
          s.client = undefined;
          await c?.end().catch(() => undefined);
        }),
      );
      servers.clear();
    },
  };
}
