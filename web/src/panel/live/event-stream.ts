// One Server-Sent Events connection per company (GET /api/companies/:slug/events), shared by every
// screen that listens: opened with the first listener, closed with the last. EventSource
// reconnects by itself and sends Last-Event-ID, so the server replays what it still remembers;
// when it cannot (`resync`), listeners reload what they show.

export type LiveEvent =
  | { type: 'order.new'; orderId?: string; orderCode?: string; customerId?: string }
  | { type: 'order.status'; orderId?: string; orderCode?: string; status?: string; from?: string }
  | { type: 'message.new'; customerId?: string; messageId?: string; direction?: string }
  | { type: 'message.status'; customerId?: string; messageId?: string; status?: string; media?: string }
  | { type: 'handoff'; customerId?: string; active?: boolean }
  | { type: 'resync' }
  | { type: 'ready' };

export type LiveListener = (event: LiveEvent) => void;

const EVENT_TYPES = ['order.new', 'order.status', 'message.new', 'message.status', 'handoff', 'resync', 'ready'] as const;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';
type Stream = { source: EventSource; listeners: Set<LiveListener>; status: LiveStatus };
const streams = new Map<string, Stream>();
const statusListeners = new Set<() => void>();
const setStatus = (stream: Stream, status: LiveStatus) => {
  if (stream.status === status) return;
  stream.status = status;
  statusListeners.forEach((l) => l());
};

/** Whether the company's stream is connected (for the "En vivo" indicator). */
export function liveStatus(slug: string): LiveStatus {
  return streams.get(slug)?.status ?? 'connecting';
}
export function onLiveStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

function open(slug: string): Stream {
  const source = new EventSource(`/api/companies/${encodeURIComponent(slug)}/events`, { withCredentials: true });
  const stream: Stream = { source, listeners: new Set(), status: 'connecting' };
  // Subscribed once the server says `ready`: from then on nothing published is missed.
  source.addEventListener('ready', () => setStatus(stream, 'live'));
  source.addEventListener('error', () => setStatus(stream, 'reconnecting'));
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (e) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse((e as MessageEvent<string>).data || '{}') as Record<string, unknown>;
      } catch {
        data = {};
      }
      const event = { ...data, type } as LiveEvent;
      for (const listener of [...stream.listeners]) listener(event);
    });
  }
  return stream;
}

/** Listens to the company's live events until the returned function is called. */
export function subscribeLive(slug: string, listener: LiveListener): () => void {
  let stream = streams.get(slug);
  if (!stream) {
    stream = open(slug);
    streams.set(slug, stream);
    statusListeners.forEach((l) => l());
  }
  stream.listeners.add(listener);
  return () => {
    const s = streams.get(slug);
    if (!s) return;
    s.listeners.delete(listener);
    if (s.listeners.size === 0) {
      s.source.close();
      streams.delete(slug);
      statusListeners.forEach((l) => l());
    }
  };
}
