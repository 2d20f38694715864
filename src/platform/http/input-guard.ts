import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';
import { httpMessages as m } from './http.messages.ts';

const NUL = /\u0000/;
// With the u flag a surrogate range matches only unpaired halves: valid pairs are one code point.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function textProblem(text: string, where: () => string): AppError | undefined {
  if (NUL.test(text)) return new AppError('VALIDATION', m.nulCharacter(where()));
  if (LONE_SURROGATE.test(text)) return new AppError('VALIDATION', m.loneSurrogate(where()));
  return undefined;
}

/**
 * The first string (value or key) in a parsed JSON value that PostgreSQL cannot store as text:
 * NUL, which it refuses, or a lone UTF-16 surrogate, which UTF-8 cannot encode (it would be
 * silently replaced). Walked with a stack: a deeply nested body must not overflow the call stack.
 */
export function findUnstorableText(value: unknown, where: (path: string) => string, whereKey: (path: string) => string): AppError | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v, () => where(path));
      if (problem) return problem;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: path ? `${path}.${i}` : String(i) }));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const problem = textProblem(key, () => whereKey(path));
        if (problem) return problem;
        stack.push({ value: item, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return undefined;
}

/**
 * API input that could never be stored is refused with a 400 naming where it is, before any
 * route sees it: the path (each segment as Express will decode it), the query and the JSON body.
 */
export function rejectUnstorableInput(req: Request, _res: Response, next: NextFunction) {
  const pathname = req.originalUrl.split('?', 1)[0] ?? '';
  for (const segment of pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return next(new AppError('VALIDATION', m.badPathEncoding));
    }
    const problem = textProblem(decoded, () => m.where.path);
    if (problem) return next(problem);
  }
  const problem =
    findUnstorableText(req.query, m.where.query, () => m.where.queryKey) ??
    findUnstorableText(req.body, m.where.body, m.where.bodyKey);
  next(problem);
}

/**
 * A request that carries a body must send it as JSON: express.json() leaves any other type
 * unparsed, and the route would then report every field as missing instead of the real problem.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction) {
  const hasBody = Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) return next(new AppError('UNSUPPORTED_MEDIA_TYPE', m.bodyNotJsonType));
  next();
}
