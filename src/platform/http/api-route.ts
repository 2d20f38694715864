/*
 * The one way to declare a business-API route: access, validation and its OpenAPI entry in one
 * place. Usage (engineers B, C, D — your module's routes file):
 *
 *   export function createProductsRouter(deps: { … }): Router {
 *     const router = Router();
 *     apiRoute(router, {
 *       method: 'get', path: '/api/companies/:slug/products/:id',
 *       tag: 'Catálogo', summary: 'Un producto',
 *       access: 'member',                        // owner, staff, the company's API key, or platform admin
 *       params: z.object({ slug: z.string(), id: z.uuid() }),   // optional; :slug is checked anyway
 *       response: z.object({ product: productSchema }),          // the JSON on the wire (dates as strings)
 *     }, async ({ params, company, auth }) => {
 *       const db = deps.tenants.get(company.connection);          // company: after the membership check
 *       return { product: await getProduct(db, params.id) };      // returned value → res.json (status: spec.status ?? 200)
 *     });
 *     return router;
 *   }
 *
 * and hand the router to createApp (src/app.ts, A wires it): it is mounted and documented in
 * /openapi.json from the same spec.
 *
 * * What happens, in order: who is asking (session cookie, Bearer session token, Bearer company API
 *   key, Bearer PLATFORM_ADMIN_TOKEN) → CSRF header on unsafe methods for cookie sessions → for a
 *   path with `:slug`, the company and the caller's role in it (not a member: 404 "Empresa no
 *   encontrada", exactly like a missing company; staff or an API key on an `owner` route: 403) →
 *   the JSON body is read only now (unauthenticated bodies are never parsed) → params, query and
 *   body parsed with the zod schemas (400 VALIDATION with the issues) → your handler.
 * * Throw `new AppError(code, spanishMessage, details)` (src/platform/errors.ts); a row of another
 *   company is `NOT_FOUND`, exactly as a row that does not exist.
 * * `status: 201` for creations, `status: 204` with a handler returning undefined for no body;
 *   `ctx.setStatus(200)` when one answer differs (an idempotent create that found the row).
 *   Raw requests/answers (multipart upload, CSV, images, SSE): set `raw` and write to `ctx.res`
 *   yourself; `raw.requestContentType` skips the JSON parser (read `ctx.req`).
 * * Outside production the returned value is checked against `response` (as JSON: BigInt and Date
 *   become strings) and a mismatch is a 500 with the issues in the log: the documentation cannot
 *   drift from what is sent. Production sends without checking.
 * * Company id for tenant data: `ctx.company.connection` (schema and optional database URL).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z, type ZodType } from 'zod';
import { AppError } from '../errors.ts';
import { sameSecret } from './auth.ts';
import { rejectUnstorableInput, requireJsonBody } from './input-guard.ts';
import { httpMessages as m } from './http.messages.ts';

export type Access =
  | 'public'
  | 'user' /* any signed-in user; the platform admin token too (not a company API key) */
  | 'member' /* owner|staff|API key of :slug, or platform admin */
  | 'owner' /* owner of :slug or platform admin */
  | 'platform' /* platform admin */;

export type ApiRouteSpec = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express style: '/api/companies/:slug/products/:id'. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  /** The JSON answer, documented and checked outside production. */
  response?: ZodType;
  status?: number;
  /** JSON body limit (express.json syntax). Default 5mb. */
  bodyLimit?: string;
  /** Multipart upload, SSE, CSV, images: the handler reads `req` / writes `res` itself. */
  raw?: { requestContentType?: string; responseContentType?: string };
};

export type ApiAuth =
  | { kind: 'user'; userId: string; platformAdmin: boolean; sessionId: string; via: 'cookie' | 'bearer' }
  | { kind: 'api_key'; keyId: string; companyId: string }
  | { kind: 'platform_token' };

export type CompanyRole = 'owner' | 'staff' | 'api_key' | 'platform';

export type ApiCompany = {
  id: string;
  slug: string;
  name: string;
  schema: string;
  /** For the tenant client: TenantClients.get(company.connection). */
  connection: { schema: string; url?: string };
  role: CompanyRole;
};

/** Who is asking, resolved by the accounts module; handed to every request by the app. */
export type ApiAccess = {
  /**
   * The caller's identity from the request's credentials: null when there are none; throws 401 for
   * credentials that are wrong, expired or revoked. `csrfToken` is set for cookie sessions.
   */
  authenticate(req: Request): Promise<{ auth: ApiAuth; csrfToken?: string } | null>;
  /** The company and the caller's role in it; null when the caller may not see it (→ 404). */
  companyFor(auth: ApiAuth, slug: string): Promise<ApiCompany | null>;
};

type Out<T> = T extends ZodType ? z.output<T> : undefined;
type HasSlug<P extends string> = P extends `${string}/:slug${string}` ? true : false;

export type ApiContext<S extends ApiRouteSpec> = {
  req: Request;
  res: Response;
  params: S['params'] extends ZodType ? z.output<S['params']> : Record<string, string>;
  query: Out<S['query']>;
  body: Out<S['body']>;
  auth: S['access'] extends 'public' ? ApiAuth | null : ApiAuth;
  company: HasSlug<S['path']> extends true ? ApiCompany : undefined;
  /** Another success status than spec.status for this answer (e.g. 200 for "already existed"). */
  setStatus: (code: number) => void;
};

export type ApiHandler<S extends ApiRouteSpec> = (ctx: ApiContext<S>) => Promise<unknown>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      apiAccess?: ApiAccess;
      apiAuth?: ApiAuth | null;
      apiCompany?: ApiCompany;
    }
  }
}

/** Mounted once by the app, before the API routers: how apiRoute resolves callers. */
export const provideApiAccess =
  (access: ApiAccess) =>
  (req: Request, _res: Response, next: NextFunction): void => {
    req.apiAccess = access;
    next();
  };

const specsByRouter = new WeakMap<Router, ApiRouteSpec[]>();

/** The specs registered on a router, in order (for /openapi.json and the route tests). */
export const documentedRoutes = (router: Router): readonly ApiRouteSpec[] => specsByRouter.get(router) ?? [];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_BODY_LIMIT = '5mb';

export function apiRoute<const S extends ApiRouteSpec>(router: Router, spec: S, handler: ApiHandler<S>): void {
  const slugged = spec.path.includes('/:slug');
  if ((spec.access === 'member' || spec.access === 'owner') && !slugged) {
    throw new Error(`${spec.method.toUpperCase()} ${spec.path}: access "${spec.access}" needs a :slug in the path`);
  }
  const list = specsByRouter.get(router) ?? [];
  list.push(spec);
  specsByRouter.set(router, list);

  // The path and query are checked for text PostgreSQL cannot hold before the membership lookup
  // uses the slug; the body once it is read.
  const steps: express.RequestHandler[] = [whoIsAsking(spec), rejectUnstorableInput, ...(slugged ? [whichCompany(spec)] : [])];
  if (spec.body && !spec.raw?.requestContentType) {
    steps.push(requireJsonBody, express.json({ limit: spec.bodyLimit ?? DEFAULT_BODY_LIMIT }), rejectUnstorableInput);
  }
  steps.push(async (req, res) => {
    let status = spec.status ?? 200;
    const ctx = {
      req,
      res,
      setStatus: (code: number) => {
        status = code;
      },
      params: spec.params ? spec.params.parse(req.params) : { ...req.params },
      query: spec.query ? spec.query.parse(req.query) : undefined,
      body: spec.body && !spec.raw?.requestContentType ? spec.body.parse(req.body ?? {}) : undefined,
      auth: req.apiAuth ?? null,
      company: req.apiCompany,
    } as ApiContext<S>;
    const result = await handler(ctx);
    if (res.headersSent) return;
    if (result === undefined) {
      res.status(status === 200 ? 204 : status).end();
      return;
    }
    if (spec.response && !spec.raw?.responseContentType && process.env.NODE_ENV !== 'production') checkResponse(req, spec, result);
    res.status(status).json(result);
  });
  router[spec.method](spec.path, ...steps);
}

function whoIsAsking(spec: ApiRouteSpec): express.RequestHandler {
  return async (req, _res, next) => {
    const access = req.apiAccess;
    if (!access) throw new Error('provideApiAccess is not mounted before the API routers');
    let found: Awaited<ReturnType<ApiAccess['authenticate']>>;
    try {
      found = await access.authenticate(req);
    } catch (err) {
      // A stale cookie must not stop anyone from signing in again or reading public pages.
      if (spec.access === 'public' && err instanceof AppError && err.code === 'UNAUTHORIZED') found = null;
      else throw err;
    }
    req.apiAuth = found?.auth ?? null;
    if (spec.access === 'public') return next();
    if (!found) throw new AppError('UNAUTHORIZED', m.missingCredentials);
    // Cookies ride along on cross-site requests; the header proves the page is ours. Bearer
    // credentials are never sent by a browser on its own, so they need no such proof.
    if (found.csrfToken !== undefined && UNSAFE.has(req.method) && !sameText(req.header('x-csrf-token'), found.csrfToken)) {
      throw new AppError('FORBIDDEN', m.csrfMismatch);
    }
    const auth = found.auth;
    if (spec.access === 'user' && auth.kind === 'api_key') throw new AppError('FORBIDDEN', m.userOnly);
    if (spec.access === 'platform' && !isPlatformAdmin(auth)) throw new AppError('FORBIDDEN', m.platformAdminOnly);
    next();
  };
}

function whichCompany(spec: ApiRouteSpec): express.RequestHandler {
  return async (req, _res, next) => {
    const auth = req.apiAuth;
    // A public route with :slug (none today) would see no company.
    if (!auth) return next();
    const company = await req.apiAccess!.companyFor(auth, String(req.params.slug ?? ''));
    if (!company) throw new AppError('NOT_FOUND', m.companyNotFound);
    if (spec.access === 'owner' && company.role !== 'owner' && company.role !== 'platform') {
      throw new AppError('FORBIDDEN', company.role === 'api_key' ? m.apiKeyNotForOwners : m.ownerOnly);
    }
    req.apiCompany = company;
    next();
  };
}

export const isPlatformAdmin = (auth: ApiAuth | null | undefined): boolean =>
  auth?.kind === 'platform_token' || (auth?.kind === 'user' && auth.platformAdmin);

const sameText = (given: string | undefined, expected: string) => given !== undefined && sameSecret(given, expected);

const toWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

function checkResponse(req: Request, spec: ApiRouteSpec, result: unknown) {
  const checked = spec.response!.safeParse(toWire(result));
  if (checked.success) return;
  const issues = checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  req.log.error({ route: `${spec.method.toUpperCase()} ${spec.path}`, issues }, 'the answer does not match its documented response schema');
  throw new Error(`${spec.method.toUpperCase()} ${spec.path}: response does not match its schema`);
}
