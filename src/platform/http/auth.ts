import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';
import { httpMessages as m } from './http.messages.ts';

// RFC 9110: the scheme is case-insensitive ("bearer", "BEARER").
export const bearerToken = (req: Request) => /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.header('authorization') ?? '')?.[1];

/** Equal secrets, compared in constant time. */
export const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A route for whoever holds `token` (Bearer), e.g. /metrics for the Prometheus scraper. Compared
 * in constant time. (API routes authenticate through apiRoute and the accounts module.)
 */
export function requireToken(token: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const given = bearerToken(req);
    if (!given) return next(new AppError('UNAUTHORIZED', m.missingToken));
    if (!sameSecret(given, token)) return next(new AppError('UNAUTHORIZED', m.invalidToken));
    next();
  };
}
