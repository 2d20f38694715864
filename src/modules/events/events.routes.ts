import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { apiRoute, type ApiAuth } from '../../platform/http/api-route.ts';
import type { EventHub } from './event-hub.ts';
import type { Delivery, DeliveredEvent } from './events.types.ts';

export type EventStreamOptions = {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
  /** Streams end after this long; the client reconnects (with Last-Event-ID), so access is checked again. */
  maxStreamMs?: number;
  /** A client this far behind (bytes not yet taken by the socket) is cut off; it reconnects and reloads. */
  maxBufferedBytes?: number;
  /** Open streams per company, and per caller (a user across their companies, an API key, the platform token), in this process. */
  maxPerCompany?: number;
  maxPerCaller?: number;
};

/** Who holds a stream, for the per-caller limit. */
const callerOf = (auth: ApiAuth) => (auth.kind === 'user' ? `user:${auth.userId}` : auth.kind === 'api_key' ? `key:${auth.keyId}` : 'platform');

// A refused stream is worth retrying soon: tabs close, streams end every 30 minutes.
const RETRY_AFTER_SECONDS = 30;

/**
 * Open streams counted per key, in this process's memory: a stream is a socket and a subscriber of
 * this process, so this process's count is what its limit protects (with several web processes
 * behind a balancer each allows its own share), and a crash takes its streams with it.
 */
function streamCounter() {
  const open = new Map<string, number>();
  return {
    count: (key: string) => open.get(key) ?? 0,
    add(key: string) {
      open.set(key, (open.get(key) ?? 0) + 1);
    },
    remove(key: string) {
      const n = (open.get(key) ?? 0) - 1;
      if (n > 0) open.set(key, n);
      else open.delete(key);
    },
  };
}

const eventsQuery = z.strictObject({
  // For clients that cannot set the Last-Event-ID header (a first connection from a saved id).
  lastEventId: z.string().max(64, 'lastEventId: máximo 64 caracteres').optional(),
});

const frame = (e: DeliveredEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ type: e.type, ...e.data })}\n\n`;

/**
 * GET /api/companies/:slug/events — the company's live events as Server-Sent Events, for its
 * members only (the route's membership check runs before the stream opens).
 */
export function createEventsRouter(deps: { hub: EventHub } & EventStreamOptions): Router {
  const router = Router();
  const heartbeatMs = deps.heartbeatMs ?? 25_000;
  const maxStreamMs = deps.maxStreamMs ?? 30 * 60_000;
  const maxBuffered = deps.maxBufferedBytes ?? 1024 * 1024;
  const maxPerCompany = deps.maxPerCompany ?? 50;
  const maxPerCaller = deps.maxPerCaller ?? 10;
  const streams = streamCounter();

  apiRoute(
    router,
    {
      method: 'get',
      path: '/api/companies/:slug/events',
      tag: 'Eventos en vivo',
      summary: 'Eventos en vivo de la empresa (Server-Sent Events)',
      description:
        'Flujo text/event-stream: `message.new`, `message.status`, `order.new`, `order.status`, `handoff` (solo ids: la pantalla vuelve a leer lo que cambió), ' +
        '`ready` al conectar y `resync` cuando pudo perderse algo (recargar). Cada evento lleva `id`; al reconectar, `Last-Event-ID` reenvía lo que este servidor aún recuerde. ' +
        'Límite de conexiones abiertas por empresa y por usuario (o clave de API): más allá, 429 `RATE_LIMITED` con `Retry-After`.',
      access: 'member',
      params: z.object({ slug: z.string() }),
      query: eventsQuery,
      raw: { responseContentType: 'text/event-stream' },
    },
    async ({ req, res, query, company, auth }) => {
      const companyKey = `company:${company.id}`;
      const callerKey = callerOf(auth);
      if (streams.count(companyKey) >= maxPerCompany) {
        throw new AppError('RATE_LIMITED', `Esta empresa ya tiene ${maxPerCompany} pantallas conectadas a los eventos en vivo. Cierra alguna pestaña o ventana y vuelve a intentar.`, { retryAfterSeconds: RETRY_AFTER_SECONDS, limit: maxPerCompany, scope: 'company' });
      }
      if (streams.count(callerKey) >= maxPerCaller) {
        throw new AppError('RATE_LIMITED', `Ya tienes ${maxPerCaller} pantallas conectadas a los eventos en vivo. Cierra alguna pestaña o ventana y vuelve a intentar.`, { retryAfterSeconds: RETRY_AFTER_SECONDS, limit: maxPerCaller, scope: 'user' });
      }
      streams.add(companyKey);
      streams.add(callerKey);
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('x-accel-buffering', 'no'); // nginx: do not buffer the stream
      res.setHeader('connection', 'keep-alive');
      res.flushHeaders();
      req.socket.setNoDelay(true);

      let open = true;
      const pending: Delivery[] = [];
      let ready = false;
      const write = (text: string) => {
        if (!open) return;
        res.write(text);
        if (res.writableLength > maxBuffered) {
          req.log.warn({ company: company.slug, buffered: res.writableLength }, 'live events client too slow; stream closed');
          close();
        }
      };
      const send = (d: Delivery) => {
        if (!ready) {
          pending.push(d);
          return;
        }
        write(d.kind === 'event' ? frame(d.event) : `event: resync\ndata: {}\n\n`);
      };
      // Subscribed before anything is replayed, so nothing published meanwhile falls in between.
      const unsubscribe = deps.hub.subscribe(company.id, send, company.connection.url);
      const heartbeat = setInterval(() => write(`: ping\n\n`), heartbeatMs);
      const lifetime = setTimeout(() => close(), maxStreamMs);
      function close() {
        if (!open) return;
        open = false;
        streams.remove(companyKey);
        streams.remove(callerKey);
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        res.end();
      }
      // The response closes when the client goes away (or the stream ends): never keep a subscriber after it.
      res.on('close', close);
      res.on('error', close);

      write(`retry: 3000\n\n`);
      await Promise.all([deps.hub.listening(), deps.hub.listening(company.connection.url)]);
      const lastId = req.get('last-event-id') ?? query.lastEventId;
      const replayed = new Set<string>();
      if (lastId) {
        const missed = deps.hub.replaySince(company.id, lastId);
        if (missed) for (const e of missed) (replayed.add(e.id), write(frame(e)));
        else write(`event: resync\ndata: {}\n\n`);
      }
      write(`event: ready\ndata: {}\n\n`);
      ready = true;
      // Events that arrived while connecting, minus those the replay already sent.
      for (const d of pending.splice(0)) if (d.kind === 'resync' || !replayed.has(d.event.id)) send(d);
    },
  );
  return router;
}
