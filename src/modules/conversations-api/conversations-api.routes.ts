import express, { Router, type Request, type Response } from 'express';
import { apiRoute, type ApiAuth } from '../../platform/http/api-route.ts';
import { PHOTO_UPLOAD_MAX_MB } from '../catalog/index.ts';
import { storeReplyImage } from './compose-reply.ts';
import type { ConversationsService, SenderRef } from './conversations.service.ts';
import type { Storage } from '../storage/index.ts';
import {
  assigneeBody,
  botBody,
  botResponse,
  conversationListResponse,
  conversationParams,
  conversationResponse,
  conversationsQuery,
  messageListResponse,
  messageParams,
  messagesQuery,
  readBody,
  releaseResponse,
  replyBody,
  replyResponse,
  slugParams,
  templatesResponse,
  uploadResponse,
  waIdParams,
  waIdQuery,
} from './conversations-api.schemas.ts';

// The inbox's API: thin controllers over the conversations service.

const tag = 'Conversaciones';
const userOf = (auth: ApiAuth): string | null => (auth.kind === 'user' ? auth.userId : null);
const senderOf = (auth: ApiAuth): SenderRef =>
  auth.kind === 'user' ? { kind: 'user', id: auth.userId } : auth.kind === 'api_key' ? { kind: 'api_key', id: auth.keyId } : { kind: 'platform', id: null };

const rawImage = express.raw({ type: () => true, limit: `${PHOTO_UPLOAD_MAX_MB}mb` });
const readRaw = (req: Request, res: Response) =>
  new Promise<Buffer>((resolve, reject) => rawImage(req, res, (err?: unknown) => (err ? reject(err) : resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)))));

export function createConversationsRouter(deps: { conversations: ConversationsService; storage: Storage }): Router {
  const router = Router();
  const svc = deps.conversations;
  const base = '/api/companies/:slug/conversations';

  apiRoute(router, {
    method: 'get', path: base, tag, access: 'member', params: slugParams, query: conversationsQuery, response: conversationListResponse,
    summary: 'Conversaciones por último mensaje',
    description: 'Con mensajes sin leer, si necesitan una persona (bot en pausa), vista previa del último mensaje, quién la atiende y si la ventana de 24 h sigue abierta. Paginado con `cursor` (el `nextCursor` anterior).',
  }, async ({ company, query, auth }) => svc.list(company, query, userOf(auth)));

  apiRoute(router, {
    method: 'get', path: `${base}/:customerId`, tag, access: 'member', params: conversationParams, response: conversationResponse,
    summary: 'Una conversación',
  }, async ({ company, params }) => ({ conversation: await svc.get(company, params.customerId) }));

  apiRoute(router, {
    method: 'get', path: `${base}/:customerId/messages`, tag, access: 'member', params: conversationParams, query: messagesQuery, response: messageListResponse,
    summary: 'Mensajes de una conversación (más recientes primero)',
    description: 'Con su estado de entrega (pending, sent, delivered, read, failed…), archivos del cliente (`media.url`, solo para el equipo) y ubicaciones. `before`: el `nextCursor` anterior.',
  }, async ({ company, params, query }) => svc.messages(company, params.customerId, query));

  apiRoute(router, {
    method: 'post', path: `${base}/:customerId/messages`, tag, access: 'member', params: conversationParams, body: replyBody, response: replyResponse, status: 201,
    summary: 'Responder como persona (texto, imagen, tarjeta de producto o plantilla)',
    description:
      'Se envía por el número de la empresa con los mismos reintentos y estados que las respuestas del bot, y pausa el bot para este cliente. ' +
      'Fuera de la ventana de 24 h solo se puede enviar una plantilla aprobada: cualquier otro mensaje responde 409 con `details.reason = "WINDOW_CLOSED"` y `details.templates`. ' +
      'Imagen: primero `POST /api/companies/{slug}/inbox/uploads`, luego `{ "kind": "image", "uploadId": … }`.',
  }, async ({ company, params, body, auth }) => svc.reply(company, params.customerId, body, userOf(auth), senderOf(auth)));

  apiRoute(router, {
    method: 'post', path: `${base}/:customerId/read`, tag, access: 'member', params: conversationParams, body: readBody, response: conversationResponse,
    summary: 'Marcar como leída (hasta un mensaje, o toda)',
  }, async ({ company, params, body }) => ({ conversation: await svc.markRead(company, params.customerId, body.upTo) }));

  apiRoute(router, {
    method: 'put', path: `${base}/:customerId/assignee`, tag, access: 'member', params: conversationParams, body: assigneeBody, response: conversationResponse,
    summary: 'Asignar a un miembro del equipo (o a nadie)',
  }, async ({ company, params, body, auth }) => {
    const userId = body.userId === 'me' ? userOf(auth) : body.userId;
    return { conversation: await svc.assign(company, params.customerId, body.userId === 'me' && !userId ? null : userId) };
  });

  apiRoute(router, {
    method: 'post', path: `${base}/:customerId/takeover`, tag, access: 'member', params: conversationParams, response: conversationResponse,
    summary: 'Tomar la conversación (el bot se pausa para este cliente)',
  }, async ({ company, params, auth }) => ({ conversation: await svc.takeOver(company, params.customerId, userOf(auth)) }));

  apiRoute(router, {
    method: 'post', path: `${base}/:customerId/release`, tag, access: 'member', params: conversationParams, response: releaseResponse,
    summary: 'Devolver al bot (se avisa al cliente)',
  }, async ({ company, params }) => svc.returnToBot(company, params.customerId));

  apiRoute(router, {
    method: 'get', path: `${base}/:customerId/messages/:messageId/media`, tag, access: 'member', params: messageParams,
    raw: { responseContentType: 'application/octet-stream' },
    summary: 'Archivo que envió el cliente (foto, audio, documento, video, sticker)',
    description: 'Solo para el equipo de la empresa. 409 `MEDIA_PENDING` mientras se descarga.',
  }, async ({ company, params, res }) => {
    const blob = await svc.media(company, params.customerId, params.messageId);
    res.setHeader('content-type', blob.contentType);
    res.setHeader('x-content-type-options', 'nosniff');
    // Never rendered inline as a page of ours (an HTML or SVG "photo" cannot run script here).
    res.setHeader('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
    res.setHeader('cache-control', 'private, max-age=3600');
    res.status(200).send(blob.bytes);
  });

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/inbox/uploads', tag, access: 'member', params: slugParams, response: uploadResponse, status: 201,
    raw: { requestContentType: 'image/jpeg, image/png, image/webp' },
    summary: 'Subir una imagen para responder',
    description: `Cuerpo: los bytes de la imagen (máx. ${PHOTO_UPLOAD_MAX_MB} MB). Se comprueba por su contenido y se convierte a JPEG para WhatsApp; devuelve el \`uploadId\` para la respuesta.`,
  }, async ({ company, req, res }) => storeReplyImage(deps.storage, company.id, await readRaw(req, res)));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/inbox/templates', tag, access: 'member', params: slugParams, response: templatesResponse,
    summary: 'Plantillas aprobadas para escribir fuera de la ventana de 24 h',
    description: 'Las mismas que lista el 409 `WINDOW_CLOSED` de una respuesta: la plantilla de estado del negocio y, en Twilio, sus plantillas de contenido.',
  }, async ({ company }) => deps.conversations.templates(company));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/bot', tag, access: 'member', params: slugParams, response: botResponse,
    summary: 'Si el bot responde a los clientes',
  }, async ({ company }) => svc.bot(company));

  apiRoute(router, {
    method: 'put', path: '/api/companies/:slug/bot', tag, access: 'owner', params: slugParams, body: botBody, response: botResponse,
    summary: 'Encender o apagar el bot (solo dueños)',
    description: 'Apagado: los mensajes se registran y aparecen en las conversaciones sin respuesta automática.',
  }, async ({ company, body }) => svc.setBot(company, body.enabled));

  // The first admin API's routes, by WhatsApp number: same paths and answers as before the inbox.
  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/handoffs', tag, access: 'member', params: slugParams,
    summary: 'Clientes esperando a una persona (bot en pausa)',
  }, async ({ company }) => svc.handoffs(company));

  apiRoute(router, {
    method: 'post', path: '/api/companies/:slug/handoffs/:waId/release', tag, access: 'member', params: waIdParams,
    summary: 'Devolver al bot por número de WhatsApp',
  }, async ({ company, params }) => svc.releaseByWaId(company, params.waId));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/messages', tag, access: 'member', params: slugParams, query: waIdQuery,
    summary: 'Registro de mensajes de un cliente (?waId=), del más antiguo al más reciente',
  }, async ({ company, query }) => svc.customerLog(company, query.waId));

  return router;
}
