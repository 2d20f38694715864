import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';

const bearer = (req: Request) => {
  const h = req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
};

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
export function authenticate(opts: { adminToken: string; companyForKey: (key: string) => Promise<{ id: string } | null> }) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) return next(new AppError('UNAUTHORIZED', 'Falta el token de acceso (Authorization: Bearer …)'));
    if (sameSecret(token, opts.adminToken)) {
      req.principal = { kind: 'platform' };
      return next();
    }
    const company = token.startsWith('mst_') ? await opts.companyForKey(token) : null;
    if (!company) return next(new AppError('UNAUTHORIZED', 'Token de acceso inválido'));
    req.principal = { kind: 'company', companyId: company.id };
    next();
  };
}

export function requirePlatformAdmin(req: Request, _res: Response, next: NextFunction) {
  if (req.principal?.kind !== 'platform') return next(new AppError('FORBIDDEN', 'Solo el operador de la plataforma puede hacer esto'));
  next();
}

export const canAccess = (principal: Principal | undefined, companyId: string) =>
  principal?.kind === 'platform' || (principal?.kind === 'company' && principal.companyId === companyId);
