// The OpenAPI document of the HTTP API, served at /openapi.json. Hand-written and small on
// purpose; test/api.test.ts checks every documented path answers.
const bearer = [{ bearerAuth: [] }];
const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const err = { description: 'Error: { error: { code, message } } (mensajes en español)' };
// Every route under /api/companies: the token is checked before the body is read.
const apiErrors = {
  400: { description: 'Invalid input (also NUL characters or malformed Unicode anywhere in the path, query or body)' },
  401: { description: 'Missing or invalid token' },
  403: { description: 'Not allowed (a company key on a platform route, or a suspended company)' },
  413: { description: 'Body over 5 MB' },
  415: { description: 'Body that is not JSON (Content-Type: application/json), or not UTF-8' },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Mostrador API', version: '0.1.0', description: 'Multi-tenant WhatsApp commerce platform' },
  components: {
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description: 'PLATFORM_ADMIN_TOKEN, or a company API key (mst_…) for its own company; a suspended company\'s key is refused (403)',
      },
      metricsAuth: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
    },
  },
  paths: {
    '/webhook': {
      get: { summary: 'Meta webhook verification (hub.mode, hub.verify_token, hub.challenge)', responses: { 200: { description: 'challenge echoed' }, 403: err } },
      post: {
        summary: 'Meta WhatsApp Cloud API webhook (X-Hub-Signature-256 over the raw body)',
        responses: { 200: { description: 'stored durably, processed asynchronously' }, 401: err, 400: err },
      },
    },
    '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'ok' } } } },
    '/readyz': { get: { summary: 'Readiness: database, migrations, queue', responses: { 200: { description: 'ready' }, 503: err } } },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics. With METRICS_TOKEN set, Bearer METRICS_TOKEN is required; in production without it, not served (404)',
        security: [{ metricsAuth: [] }],
        responses: { 200: { description: 'text exposition format' }, 401: err, 404: err },
      },
    },
    '/api/companies': {
      get: { summary: 'List companies (platform admin)', security: bearer, responses: { ...apiErrors, 200: { description: 'companies' } } },
      post: {
        summary: 'Create a company: schema, migrations, statuses, channel (idempotent on slug)',
        security: bearer,
        requestBody: {
          content: {
            'application/json': {
              example: {
                slug: 'agua-pura',
                name: 'Agua Pura del Valle',
                plan: 'completo',
                currency: 'MXN',
                adminPhone: '5215511112222',
                adminOrderTemplate: 'nuevo_pedido',
                channel: { phoneNumberId: '106540352242922', accessToken: 'EAAG…', displayPhoneNumber: '5215550001111' },
              },
            },
          },
        },
        responses: {
          ...apiErrors,
          201: { description: 'created (apiKey shown once)' },
          200: { description: 'already existed' },
          409: err,
          422: { description: 'databaseUrl unreachable or unusable: nothing was created' },
        },
      },
    },
    '/api/companies/{slug}': {
      get: { summary: 'A company', security: bearer, parameters: [slug], responses: { ...apiErrors, 200: { description: 'company' }, 404: err } },
      patch: {
        summary:
          'Change name, plan, currency, locale, time zone, business type, admin phone, message templates, bot on/off, ' +
          'status (platform admin). status "suspended": the company API key is refused and the bot stops answering; "active" undoes it',
        security: bearer,
        parameters: [slug],
        requestBody: {
          content: {
            'application/json': {
              examples: {
                templates: { value: { adminOrderTemplate: 'nuevo_pedido', statusUpdateTemplate: 'estado_pedido', botEnabled: true } },
                settings: { value: { currency: 'COP', locale: 'es-CO', timezone: 'America/Bogota' } },
                suspend: { value: { status: 'suspended' } },
              },
            },
          },
        },
        responses: { ...apiErrors, 200: { description: 'company' }, 404: err },
      },
    },
    '/api/companies/{slug}/api-key/rotate': {
      post: {
        summary: 'A new company API key (platform admin, or the company itself); shown once, the old key is refused at once',
        security: bearer,
        parameters: [slug],
        responses: { ...apiErrors, 200: { description: '{ company, apiKey }' }, 404: err },
      },
    },
    '/api/companies/{slug}/products': {
      get: { summary: 'Products', security: bearer, parameters: [slug], responses: { ...apiErrors, 200: { description: 'products' }, 404: err } },
      post: {
        summary: 'Create or update products (by sku, else by name); plan limit on active products',
        security: bearer,
        parameters: [slug],
        requestBody: { content: { 'application/json': { example: { products: [{ sku: 'GAR-20', name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 30 }] } } } },
        responses: { ...apiErrors, 200: { description: '{ created, updated }' }, 400: err, 402: err, 404: err },
      },
    },
    '/api/companies/{slug}/orders': {
      get: { summary: 'Latest orders', security: bearer, parameters: [slug], responses: { ...apiErrors, 200: { description: 'orders' } } },
    },
    '/api/companies/{slug}/orders/{code}': {
      get: { summary: 'An order with items and history', security: bearer, parameters: [slug, { name: 'code', in: 'path', required: true, schema: { type: 'string' } }], responses: { ...apiErrors, 200: { description: 'order' }, 404: err } },
      patch: {
        summary: 'Change the order status (the customer is told on WhatsApp)',
        security: bearer,
        parameters: [slug, { name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { example: { status: 'en_camino', note: 'Sale con Juan' } } } },
        responses: { ...apiErrors, 200: { description: 'order' }, 400: err, 404: err, 409: err },
      },
    },
    '/api/companies/{slug}/handoffs': {
      get: { summary: 'Customers waiting for a person (bot paused)', security: bearer, parameters: [slug], responses: { ...apiErrors, 200: { description: 'handoffs' } } },
    },
    '/api/companies/{slug}/handoffs/{waId}/release': {
      post: { summary: 'Return the chat to the bot', security: bearer, parameters: [slug, { name: 'waId', in: 'path', required: true, schema: { type: 'string' } }], responses: { ...apiErrors, 200: { description: 'released' }, 404: err } },
    },
    '/api/companies/{slug}/messages': {
      get: { summary: 'Message log of one customer (?waId=)', security: bearer, parameters: [slug, { name: 'waId', in: 'query', required: true, schema: { type: 'string' } }], responses: { ...apiErrors, 200: { description: 'messages' }, 404: err } },
    },
    '/api/companies/{slug}/usage': {
      get: { summary: 'Messages used this month against the plan', security: bearer, parameters: [slug], responses: { ...apiErrors, 200: { description: 'usage' } } },
    },
    '/api/simulator/companies': {
      get: { summary: 'Companies and numbers for the simulator page (only with the emulator: EMULATOR=true, or development without WHATSAPP_GRAPH_URL)', responses: { 200: { description: 'companies' } } },
    },
  },
} as const;
