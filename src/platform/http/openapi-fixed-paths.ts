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

const channelId = { name: 'channelId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The Twilio channel (company.channels[].id)' };
const twilioPost = {
  content: {
    'application/x-www-form-urlencoded': {
      schema: {
        type: 'object',
        description: 'Twilio\'s parameters as Twilio posts them; every one is covered by the signature',
        properties: {
          MessageSid: { type: 'string', example: 'SM0123456789abcdef0123456789abcdef' },
          AccountSid: { type: 'string' },
          From: { type: 'string', example: 'whatsapp:+5215512345678' },
          To: { type: 'string', example: 'whatsapp:+14155238886' },
          WaId: { type: 'string', example: '5215512345678' },
          ProfileName: { type: 'string' },
          Body: { type: 'string' },
          ButtonPayload: { type: 'string', description: 'quick-reply tap of a Content template' },
          NumMedia: { type: 'string' },
          MediaUrl0: { type: 'string' },
          MediaContentType0: { type: 'string' },
          Latitude: { type: 'string' },
          Longitude: { type: 'string' },
          Address: { type: 'string' },
          Label: { type: 'string' },
          MessageStatus: { type: 'string', description: 'status callbacks: queued, sent, delivered, read, failed, undelivered' },
          ErrorCode: { type: 'string' },
        },
      },
    },
  },
};
const twilioSignature = {
  name: 'X-Twilio-Signature',
  in: 'header',
  required: true,
  schema: { type: 'string' },
  description: 'base64 HMAC-SHA1 (key: the channel\'s Auth Token) of PUBLIC_URL + the request path and query, followed by each POST parameter sorted by name, name + value',
};
const metaChannel = {
  type: 'object',
  required: ['phoneNumberId', 'accessToken'],
  properties: {
    provider: { const: 'meta', description: 'optional: Meta is the default' },
    phoneNumberId: { type: 'string', pattern: '^\\d{5,20}$' },
    accessToken: { type: 'string', description: 'encrypted at rest' },
    displayPhoneNumber: { type: 'string' },
    wabaId: { type: 'string' },
    throughputPerSecond: { type: 'integer', minimum: 1, maximum: 1000, default: 80 },
  },
  additionalProperties: false,
};
const twilioChannel = {
  type: 'object',
  required: ['provider', 'accountSid', 'authToken', 'whatsappNumber'],
  properties: {
    provider: { const: 'twilio' },
    accountSid: { type: 'string', pattern: '^AC[0-9a-fA-F]{32}$' },
    authToken: { type: 'string', description: 'encrypted at rest, like Meta\'s tokens' },
    whatsappNumber: { type: 'string', description: 'the WhatsApp sender, +E.164 (or whatsapp:+…)', example: '+14155238886' },
    messagingServiceSid: { type: 'string', pattern: '^MG[0-9a-fA-F]{32}$' },
    contentSids: {
      type: 'object',
      description: 'template name (adminOrderTemplate, statusUpdateTemplate) → Twilio Content SID; templates go out as ContentSid + ContentVariables',
      additionalProperties: { type: 'string', pattern: '^HX[0-9a-fA-F]{32}$' },
    },
    throughputPerSecond: { type: 'integer', minimum: 1, maximum: 1000, default: 80 },
  },
  additionalProperties: false,
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
    '/webhook/twilio/{channelId}': {
      post: {
        summary: 'Twilio WhatsApp webhook of one channel (the sender\'s "A message comes in" URL): messages, and statuses posted here',
        parameters: [channelId, twilioSignature],
        requestBody: twilioPost,
        responses: {
          200: { description: 'stored durably (deduplicated on MessageSid), processed asynchronously; empty TwiML (text/xml <Response/>)' },
          403: { description: 'missing or invalid signature, or another Twilio account' },
          404: { description: 'no active Twilio channel with this id' },
          503: { description: 'PUBLIC_URL not configured (production): the signature cannot be checked' },
        },
      },
    },
    '/webhook/twilio/{channelId}/status': {
      post: {
        summary: 'Status callbacks of Twilio sends (each send\'s StatusCallback, ?ref=<message-log row>; statuses never move down)',
        parameters: [channelId, twilioSignature, { name: 'ref', in: 'query', required: false, schema: { type: 'string' }, description: 'the row the send named: settles a send whose answer was lost' }],
        requestBody: twilioPost,
        responses: { 200: { description: 'stored durably' }, 403: { description: 'missing or invalid signature' }, 404: { description: 'no active Twilio channel with this id' } },
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
              schema: {
                type: 'object',
                required: ['slug', 'name'],
                properties: {
                  channel: { description: 'The company\'s WhatsApp number: Meta (default) or Twilio', oneOf: [metaChannel, twilioChannel] },
                },
              },
              examples: {
                meta: {
                  value: {
                    slug: 'agua-pura',
                    name: 'Agua Pura del Valle',
                    plan: 'completo',
                    currency: 'MXN',
                    adminPhone: '5215511112222',
                    adminOrderTemplate: 'nuevo_pedido',
                    channel: { phoneNumberId: '106540352242922', accessToken: 'EAAG…', displayPhoneNumber: '5215550001111' },
                  },
                },
                twilio: {
                  value: {
                    slug: 'panaderia-la-espiga',
                    name: 'Panadería La Espiga',
                    adminOrderTemplate: 'nuevo_pedido',
                    channel: {
                      provider: 'twilio',
                      accountSid: 'AC0123456789abcdef0123456789abcdef',
                      authToken: '…',
                      whatsappNumber: '+14155238886',
                      contentSids: { nuevo_pedido: 'HX0123456789abcdef0123456789abcdef' },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          ...apiErrors,
          201: { description: 'created (apiKey shown once); a Twilio channel carries its webhookPath (/webhook/twilio/<id>, under PUBLIC_URL)' },
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
      get: {
        summary: 'Companies and numbers for the simulator page, read fresh (only with the emulator: EMULATOR=true, or development without WHATSAPP_GRAPH_URL)',
        responses: { 200: { description: '[{ slug, name, provider: meta | twilio, phoneNumberId (Twilio: the sender, +E.164), displayPhoneNumber }]' } },
      },
    },
  },
} as const;
