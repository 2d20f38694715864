import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Router } from 'express';
import type pg from 'pg';
import { requireToken } from './platform/http/auth.ts';
import { errorHandler, notFound, requestContext } from './platform/http/middleware.ts';
import { documentedRoutes, provideApiAccess, type ApiAccess } from './platform/http/api-route.ts';
import { buildOpenApiDocument } from './platform/http/openapi.ts';
import { createDocsRouter } from './platform/http/docs-page.ts';
import { useSpanishValidationMessages } from './platform/validation.ts';
import type { MetricsAccess } from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import type { Metrics } from './platform/metrics.ts';
import { pendingMigrations } from './platform/db/migrator.ts';
import type { CompaniesService } from './modules/companies/index.ts';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export type AppDeps = {
  logger: Logger;
  pool: pg.Pool;
  metrics: Metrics;
  companies: CompaniesService;
  /** Who is asking on API routes (accounts module): sessions, API keys, the platform token. */
  access: ApiAccess;
  /** The business API: routers whose routes are declared with apiRoute (documented in /openapi.json). */
  apiRouters: Router[];
  webhookRouter: Router;
  emulatorRouter?: Router;
  isWorkerHealthy: () => boolean;
  /** Express "trust proxy" (TRUST_PROXY): which proxies' X-Forwarded-For gives the client IP. */
  trustProxy?: string;
  /** Who may read /metrics (config.metricsAccess). Default: open, as in development. */
  metricsAccess?: MetricsAccess;
};

/** The Express app, without listen(). */
export function createApp(deps: AppDeps): Express {
  useSpanishValidationMessages();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (deps.trustProxy) app.set('trust proxy', /^\d+$/.test(deps.trustProxy) ? Number(deps.trustProxy) : deps.trustProxy === 'true' ? true : deps.trustProxy);
  // Ids of BIGSERIAL tables (messages, order history) come from Prisma as BigInt, which JSON
  // cannot carry: they are sent as strings.
  app.set('json replacer', (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  app.use(requestContext(deps.logger));

  // Raw body: mounted before any JSON parser so the signature is checked on the exact bytes.
  app.use(deps.webhookRouter);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      await deps.pool.query('SELECT 1');
      checks.database = 'ok';
      const pending = await pendingMigrations(deps.pool, 'central', 'public');
      checks.migrations = pending.length === 0 ? 'ok' : `pending: ${pending.join(', ')}`;
      const q = await deps.pool.query(`SELECT to_regnamespace('graphile_worker') AS s`);
      checks.queue = q.rows[0]?.s ? 'ok' : 'not installed';
    } catch (err) {
      checks.database = `unreachable: ${(err as Error).message}`;
    }
    checks.worker = deps.isWorkerHealthy() ? 'ok' : 'not running';
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  const metricsAccess = deps.metricsAccess ?? { kind: 'open' };
  if (metricsAccess.kind !== 'off') {
    const guard = metricsAccess.kind === 'token' ? [requireToken(metricsAccess.token)] : [];
    app.get('/metrics', ...guard, async (_req, res) => {
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    });
  }
  const openApiDocument = buildOpenApiDocument(deps.apiRouters.flatMap((r) => documentedRoutes(r)));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use(createDocsRouter());

  if (deps.emulatorRouter) {
    app.use('/_emulator', express.json({ limit: '3mb' }), deps.emulatorRouter);
    // Read fresh on every call: a company created while the server runs is listed at once.
    app.get('/api/simulator/companies', async (_req, res) => {
      const companies = await deps.companies.listCompanies();
      res.json(
        companies.flatMap((c) =>
          c.channels.filter((ch) => ch.status === 'active').map((ch) => ({
            slug: c.slug,
            name: c.name,
            // meta: chat through the Graph API emulator; twilio: through the Twilio emulator
            // (phoneNumberId is then the WhatsApp sender, +E.164).
            provider: ch.provider,
            phoneNumberId: ch.phoneNumberId,
            displayPhoneNumber: ch.displayPhoneNumber,
            // The simulator can show what the shop's admin WhatsApp receives (new-order notices).
            adminPhone: c.adminPhone,
          })),
        ),
      );
    });
  }

  // Each API route checks who is asking before its body is read (apiRoute): an unauthenticated
  // request is refused (401) without its body ever being parsed, whatever its size or content.
  app.use(provideApiAccess(deps.access));
  for (const router of deps.apiRouters) app.use(router);

  // The web UI (simulator now, staff panel later): built by `npm run build:web`. The simulator
  // pages (also the home page for now) only exist with the emulator.
  if (existsSync(webDist)) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    const pages = deps.emulatorRouter ? ['/', '/simulador', '/simulador/*rest', '/panel', '/panel/*rest'] : ['/panel', '/panel/*rest'];
    app.get(pages, (_req, res) => {
      res.sendFile(path.join(webDist, 'index.html'));
    });
  }

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
