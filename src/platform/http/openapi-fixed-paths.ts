// The routes that are not business-API routes (apiRoute): provider webhooks (raw bodies, their
// own signatures), probes, metrics and the simulator. Written by hand; every apiRoute is
// generated from its zod schemas (openapi.ts), and test/api/openapi.test.ts checks both halves.
const err = { description: 'Error: { error: { code, message } } (mensajes en español)' };
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
export const fixedPaths: Record<string, Record<string, unknown>> = {
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
  '/media/{key}': {
    get: {
      summary: 'Product photos for anyone (WhatsApp fetches them by link) when stored on local disk; keys start with public/ and hold a random id. Customer media is private: staff read it through the inbox API',
      parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' }, example: 'public/<company>/products/<id>.jpg' }],
      responses: { 200: { description: 'the image (immutable, cached a year)' }, 404: err },
    },
  },
  '/openapi.json': { get: { summary: 'This document (OpenAPI 3.1), generated from the zod schemas that validate the API', responses: { 200: { description: 'OpenAPI document' } } } },
  '/docs': { get: { summary: 'Interactive API reference (Scalar, served from this server)', responses: { 200: { description: 'text/html' } } } },
  '/api/simulator/companies': {
    get: {
      summary: 'Companies and numbers for the simulator page, read fresh (only with the emulator: EMULATOR=true, or development without WHATSAPP_GRAPH_URL)',
      responses: { 200: { description: '[{ slug, name, provider: meta | twilio, phoneNumberId (Twilio: the sender, +E.164), displayPhoneNumber, adminPhone }]' } },
    },
  },
};

export const fixedSecuritySchemes = {
  metricsAuth: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
};
