import { z, type ZodType } from 'zod';
import type { ApiRouteSpec } from './api-route.ts';
import { fixedPaths, fixedSecuritySchemes } from './openapi-fixed-paths.ts';

// The OpenAPI document, generated from the same zod schemas that validate each business-API
// route (apiRoute), plus the hand-written entries of the routes outside it (webhooks, probes).

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: ZodType, io: 'input' | 'output'): JsonSchema => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
};

/** '/api/companies/:slug/orders/:code' → '/api/companies/{slug}/orders/{code}'; '/media/*key' → '/media/{key}' */
export const openApiPath = (expressPath: string) => expressPath.replace(/[:*](\w+)/g, '{$1}');

const pathParamsOf = (expressPath: string) => [...expressPath.matchAll(/[:*](\w+)/g)].map((m) => m[1]!);

function parametersOf(spec: ApiRouteSpec) {
  const params: JsonSchema[] = [];
  const pathSchema = spec.params ? toSchema(spec.params, 'input') : undefined;
  const pathProps = (pathSchema?.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of pathParamsOf(spec.path)) {
    params.push({ name, in: 'path', required: true, schema: pathProps[name] ?? { type: 'string' } });
  }
  if (spec.query) {
    const q = toSchema(spec.query, 'input');
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      params.push({ name, in: 'query', required: required.has(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  return params;
}

const errorRef = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function responsesOf(spec: ApiRouteSpec) {
  const status = String(spec.status ?? 200);
  const responses: Record<string, unknown> = {};
  if (spec.raw?.responseContentType) {
    responses[status] = { description: 'OK', content: { [spec.raw.responseContentType]: { schema: spec.response ? toSchema(spec.response, 'output') : {} } } };
  } else if (status === '204') {
    responses[status] = { description: 'Hecho, sin cuerpo' };
  } else {
    responses[status] = { description: 'OK', ...(spec.response ? { content: { 'application/json': { schema: toSchema(spec.response, 'output') } } } : {}) };
  }
  responses['400'] = errorRef('VALIDATION: datos inválidos (con los campos en details/issues)');
  if (spec.access !== 'public') responses['401'] = errorRef('UNAUTHORIZED: sin sesión o token, o inválido/vencido');
  if (spec.access !== 'public') responses['403'] = errorRef('FORBIDDEN: rol insuficiente, CSRF, o empresa suspendida (clave de API)');
  if (spec.path.includes(':')) responses['404'] = errorRef('NOT_FOUND: no existe o es de otra empresa');
  if (spec.body) {
    responses['413'] = errorRef('PAYLOAD_TOO_LARGE');
    responses['415'] = errorRef('UNSUPPORTED_MEDIA_TYPE: el cuerpo debe ser JSON');
  }
  return responses;
}

function operationOf(spec: ApiRouteSpec) {
  const requestType = spec.raw?.requestContentType ?? 'application/json';
  return {
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    operationId: `${spec.method}${openApiPath(spec.path).replace(/[{}]/g, '').split(/[/-]/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}`,
    'x-access': spec.access,
    security: spec.access === 'public' ? [] : [{ sessionCookie: [] }, { bearerAuth: [] }],
    parameters: parametersOf(spec),
    ...(spec.body || spec.raw?.requestContentType
      ? { requestBody: { required: true, content: { [requestType]: { schema: spec.body ? toSchema(spec.body, 'input') : {} } } } }
      : {}),
    responses: responsesOf(spec),
  };
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: ['VALIDATION', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PLAN_LIMIT', 'UNPROCESSABLE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED', 'UPSTREAM', 'INTERNAL'],
        },
        message: { type: 'string', description: 'En español, para mostrar a la persona' },
        details: { description: 'Lo que ayuda a corregir: campos con problema, límites del plan…' },
        issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

const ACCESS_TEXT =
  'Access per operation (x-access): public; user (a signed-in user); member (owner, staff or API key of the company in the path, or the platform admin); ' +
  'owner (owner of that company, or the platform admin); platform (platform admin: a user with the platform_admin flag, or PLATFORM_ADMIN_TOKEN). ' +
  'A company you are not a member of answers 404, exactly like one that does not exist. Errors: { error: { code, message, details } }, messages in Spanish.';

/** The whole document for the routes given (generated once per app: specs do not change). */
export function buildOpenApiDocument(specs: readonly ApiRouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = openApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method]: operationOf(spec) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Mostrador API', version: '0.2.0', description: `Multi-tenant WhatsApp commerce platform. ${ACCESS_TEXT}` },
    tags: [...new Set(specs.map((s) => s.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'mostrador_session',
          description: 'Set by POST /auth/login (httpOnly, SameSite=Lax). POST/PUT/PATCH/DELETE with the cookie must send x-csrf-token (from login or GET /auth/me).',
        },
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token (mss_… from POST /auth/login), a company API key (mst_…, its own company only), or PLATFORM_ADMIN_TOKEN',
        },
        ...fixedSecuritySchemes,
      },
      schemas: { Error: errorSchema },
    },
    paths: { ...fixedPaths, ...paths },
  };
}
