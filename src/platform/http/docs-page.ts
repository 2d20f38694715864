import { createRequire } from 'node:module';
import { Router } from 'express';

// The interactive API reference at /docs: Scalar's standalone bundle served by this server from
// node_modules, configured to load nothing from the internet (no web fonts, no request proxy),
// and a Content-Security-Policy that would block it if it tried.
const bundle = createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');

const page = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mostrador API</title>
</head>
<body>
<div id="app"></div>
<script src="/docs/scalar.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const init = `Scalar.createApiReference('#app', {
  url: '/openapi.json',
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  persistAuth: false,
});
`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Scalar's components insert their styles at runtime.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function createDocsRouter(): Router {
  const router = Router();
  router.get('/docs', (_req, res) => {
    res.setHeader('content-security-policy', CSP);
    res.type('html').send(page);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(init);
  });
  router.get('/docs/scalar.js', (_req, res) => {
    res.sendFile(bundle, { maxAge: '1d' });
  });
  return router;
}
