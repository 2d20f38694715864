import type { Response } from 'express';

// Heartbeats keep proxies from closing an idle stream.
const HEARTBEAT_MS = 15_000;

export type StreamEvent = { event: string; data: unknown };

/**
 * Serves one chat as Server-Sent Events for the simulator: the history first (a reconnecting
 * page rebuilds the chat; it dedupes by id), then every new event, with heartbeats, until the
 * page goes away. `streams` tracks open streams so the emulator can close them on shutdown.
 */
export function serveChatStream<E extends StreamEvent>(
  res: Response,
  streams: Set<Response>,
  chat: { history: E[]; subscribe: (send: (e: E) => void) => () => void; toData?: (e: E) => unknown },
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const send = (e: E): void => void res.write(`event: ${e.event}\ndata: ${JSON.stringify(chat.toData ? chat.toData(e) : e.data)}\n\n`);
  for (const e of chat.history) send(e);
  const unsubscribe = chat.subscribe(send);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  streams.add(res);
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(res);
  });
}
