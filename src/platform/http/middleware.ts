import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError, httpStatusOf } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { databaseRefusalOf, type DatabaseRefusal } from '../db/db-errors.ts';
import { httpMessages as m } from './http.messages.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
    }
  }
}

const QUIET_PATHS = new Set(['/webhook', '/healthz', '/readyz', '/metrics']);

/** Request id (from X-Request-Id or new) and a request-scoped pino logger. */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    req.id = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.id });
    res.setHeader('x-request-id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Probes, scrapes and webhooks are frequent: debug. A 503 from /readyz (while starting or
      // stopping) is its answer, not an error.
      const quiet = QUIET_PATHS.has(req.path) || req.path.startsWith('/_emulator');
      const failed = res.statusCode >= 500 && req.path !== '/readyz';
      const level = failed ? 'error' : quiet ? 'debug' : 'info';
      req.log[level]({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

export function notFound(_req: Request, _res: Response, next: NextFunction) {
  next(new AppError('NOT_FOUND', m.routeNotFound));
}

type ErrorBody = { status: number; code: string; message: string; issues?: { path: string; message: string }[]; details?: unknown };

/** One place maps errors to HTTP. 500s never leak internals; every message is Spanish. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction) {
  const known = describeError(err);
  if (known) {
    if (databaseRefusalOf(err)) req.log.warn({ err }, 'the database refused the request data');
    const { status, ...error } = known;
    const retryAfter = (known.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number') res.setHeader('retry-after', String(retryAfter));
    res.status(status).json({ error });
    return;
  }
  req.log.error({ err }, 'unhandled error');
  res.status(500).json({ error: { code: 'INTERNAL', message: m.internal, requestId: req.id } });
}

function describeError(err: unknown): ErrorBody | undefined {
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    // Each issue once, with its field unless the message already names it.
    const summary = [...new Set(issues.map((i) => (namesItsField(i.path, i.message) ? i.message : `${i.path}: ${i.message}`)))];
    // issues: as before; details: the one error shape's place for them.
    return { status: 400, code: 'VALIDATION', message: `${m.invalidData}: ${summary.join('; ')}`, issues, details: { issues } };
  }
  if (err instanceof AppError) {
    return { status: httpStatusOf[err.code], code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) };
  }
  const refusal = databaseRefusalOf(err);
  if (refusal) return fromDatabase(refusal);
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : 500;
  if (status >= 400 && status < 500) return fromHttpParser(err as { type?: string; limit?: number }, status);
  return undefined;
}

/** Our own messages start with the field ("slug: …"); zod's defaults do not. */
const namesItsField = (path: string, message: string) => !path || message.startsWith(`${path}:`) || message.startsWith(`${path.split('.').at(-1)}:`);

/** body-parser and the router (their `type` says what failed). */
function fromHttpParser(err: { type?: string; limit?: number }, status: number): ErrorBody {
  switch (err.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'VALIDATION', message: m.bodyNotJson };
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: m.bodyTooLarge(err.limit ? `${Math.round(err.limit / 1024 / 1024)} MB` : '5 MB') };
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: m.charsetUnsupported };
    case 'encoding.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: m.encodingUnsupported };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, code: 'VALIDATION', message: m.bodyUnreadable };
    default:
      // The router: a path segment that is not valid percent-encoding. zlib: a body whose
      // Content-Encoding does not match its bytes.
      if (err instanceof URIError) return { status: 400, code: 'VALIDATION', message: m.badPathEncoding };
      if (/^Z_/.test(String((err as { code?: unknown }).code))) return { status: 400, code: 'VALIDATION', message: m.bodyUnreadable };
      return { status, code: 'VALIDATION', message: m.invalidRequest };
  }
}

/**
 * PostgreSQL refused the data (a value out of range, a duplicate): the request was wrong, not
 * the server. Edges validate first; this is the net under them, so it is a 4xx, never a 500.
 */
function fromDatabase(refusal: DatabaseRefusal): ErrorBody | undefined {
  const { sqlState } = refusal;
  if (sqlState.startsWith('22')) return { status: 400, code: 'VALIDATION', message: m.database.invalidValue };
  if (sqlState === '23505') return { status: 409, code: 'CONFLICT', message: m.database.duplicate(refusal.field) };
  if (sqlState === '23503') return { status: 409, code: 'CONFLICT', message: m.database.missingReference };
  if (sqlState === '23502' || sqlState === '23514') return { status: 400, code: 'VALIDATION', message: m.database.ruleBroken };
  return undefined;
}
