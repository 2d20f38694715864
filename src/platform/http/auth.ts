import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';
import { httpMessages as m } from './http.messages.ts';

// RFC 9110: the scheme is case-insensitive ("bearer", "BEARER").
const bearer = (req: Request) => /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.header('authorization') ?? '')?.[1];

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export type Principal = { kind: 'platform' } | { kind: 'company'; companyId: string };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/**
 * Platform admin token (PLATFORM_ADMIN_TOKEN) or a company API key. A company key only reaches
 * its own company: routes check `canAccess`, and another company's data answers 404 exactly as
 * if it did not exist.
 */
export function authenticate(opts: { adminToken: string; companyForKey: (key: string) => Promise<{ id: string; status: string } | null> }) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) return next(new AppError('UNAUTHORIZED', m.missingToken));
    if (sameSecret(token, opts.adminToken)) {
      req.principal = { kind: 'platform' };
      return next();
    }
    const company = token.startsWith('mst_') ? await opts.companyForKey(token) : null;
    if (!company) return next(new AppError('UNAUTHORIZED', m.invalidToken));
    if (company.status !== 'active') {
      return next(new AppError('FORBIDDEN', m.companySuspended));
    }
    req.principal = { kind: 'company', companyId: company.id };
    next();
  };
}

export function requirePlatformAdmin(req: Request, _res: Response, next: NextFunction) {
  if (req.principal?.kind !== 'platform') return next(new AppError('FORBIDDEN', m.platformAdminOnly));
  next();
}

export const canAccess = (principal: Principal | undefined, companyId: string) =>
  principal?.kind === 'platform' || (principal?.kind === 'company' && principal.companyId === companyId);

/**
 * A route for whoever holds `token` (Bearer), e.g. /metrics for the Prometheus scraper. Compared
 * in constant time, like the admin token.
 */
export function requireToken(token: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const given = bearer(req);
    if (!given) return next(new AppError('UNAUTHORIZED', m.missingToken));
    if (!sameSecret(given, token)) return next(new AppError('UNAUTHORIZED', m.invalidToken));
    next();
  };
}
