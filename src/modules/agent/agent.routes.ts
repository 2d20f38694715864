import { Router } from 'express';
import { z } from 'zod';
import { apiRoute, type ApiAuth } from '../../platform/http/api-route.ts';
import type { AgentService } from './agent.service.ts';
import { agentConfigInput, agentConfigView, agentTurnsView, previewInput, previewView, promptVersionsView } from './agent.schemas.ts';

const TAG = 'Asistente IA';
const slugParams = z.object({ slug: z.string() });
const actorOf = (auth: ApiAuth) => ({ userId: auth.kind === 'user' ? auth.userId : null });

export function createAgentRouter(deps: { service: AgentService }): Router {
  const router = Router();
  const s = deps.service;

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/agent', tag: TAG, access: 'owner',
    summary: 'Configuración del asistente con IA: modo, estilo, modelos, prompt y por qué no está disponible',
    description: 'La clave de API nunca se devuelve: solo "configurado ••••últimos4". `effectiveMode` es lo que reciben los clientes ahora; si es `menu` aunque `mode` diga otra cosa, `unavailableReason` explica por qué.',
    params: slugParams, response: agentConfigView,
  }, async ({ params }) => s.get(params.slug));

  apiRoute(router, {
    method: 'put', path: '/api/companies/:slug/agent', tag: TAG, access: 'owner',
    summary: 'Cambia la configuración del asistente (aplica al instante)',
    description: 'Solo los campos enviados. `apiKey` se verifica con el proveedor antes de guardarse (422 si no funciona) y se guarda cifrada; `null` la borra. `prompt` distinto del activo crea una nueva versión.',
    params: slugParams, body: agentConfigInput, response: agentConfigView,
  }, async ({ params, body, auth }) => s.update(params.slug, body, actorOf(auth)));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/agent/prompts', tag: TAG, access: 'owner',
    summary: 'Versiones del prompt maestro (quién y cuándo), la activa marcada',
    params: slugParams, response: promptVersionsView,
  }, async ({ params }) => s.prompts(params.slug));

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/agent/prompts', tag: TAG, access: 'owner', status: 201,
    summary: 'Guarda una nueva versión del prompt maestro y la activa',
    params: slugParams, body: z.strictObject({ prompt: z.string().trim().min(1, 'prompt: no puede estar vacío').max(8000, 'prompt: máximo 8000 caracteres') }), response: z.object({ version: z.number() }),
  }, async ({ params, body, auth }) => s.addPrompt(params.slug, body.prompt, actorOf(auth)));

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/agent/prompts/:version/restore', tag: TAG, access: 'owner', status: 201,
    summary: 'Restaura una versión anterior del prompt (se guarda como versión nueva)',
    params: z.object({ slug: z.string(), version: z.coerce.number('version: un número').int().min(1) }), response: z.object({ version: z.number(), restoredFrom: z.number() }),
  }, async ({ params, auth }) => s.restorePrompt(params.slug, params.version, actorOf(auth)));

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/agent/preview', tag: TAG, access: 'owner',
    summary: 'Prueba una conversación con una configuración en borrador, sin guardar ni enviar nada por WhatsApp',
    description: '`messages` son los mensajes del cliente, en orden; `draft` cambia lo que se quiera probar (prompt, estilo, modelos, clave). Devuelve cada respuesta y las herramientas que usó el asistente. Los pedidos no se registran.',
    params: slugParams, body: previewInput, response: previewView,
  }, async ({ params, body }) => s.preview(params.slug, body));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/agent/turns', tag: TAG, access: 'owner',
    summary: 'Registro del asistente: herramientas, tokens, latencia y resultado de cada turno (y por qué respondió el menú)',
    params: slugParams, query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: agentTurnsView,
  }, async ({ params, query }) => s.turns(params.slug, query.limit));

  return router;
}
