import { z } from 'zod';

// The inbox API's edge: what requests may carry and what answers look like (also its OpenAPI).

const ID = 'customerId: el id de la conversación (UUID del cliente)';
const MESSAGE_ID = 'messageId: id numérico del mensaje';
const yesNo = (name: string) =>
  z.enum(['true', 'false'], `${name}: true o false`).transform((v) => v === 'true');

export const slugParams = z.object({ slug: z.string() });
export const conversationParams = z.object({ slug: z.string(), customerId: z.uuid(ID) });
export const messageParams = conversationParams.extend({ messageId: z.string(MESSAGE_ID).regex(/^\d{1,18}$/, MESSAGE_ID) });

const WA_ID = 'waId: número de WhatsApp del cliente, solo dígitos (5 a 20)';
const waId = z.string(WA_ID).regex(/^\d{5,20}$/, WA_ID);
export const waIdParams = z.object({ slug: z.string(), waId });
export const waIdQuery = z.object({ waId });

export const conversationsQuery = z.strictObject({
  limit: z.coerce.number('limit: número entero entre 1 y 100').int('limit: número entero entre 1 y 100').min(1, 'limit: número entero entre 1 y 100').max(100, 'limit: número entero entre 1 y 100').default(30),
  cursor: z.string().max(200, 'cursor: no es válido').optional(),
  needsPerson: yesNo('needsPerson').optional(),
  unread: yesNo('unread').optional(),
  assignedTo: z.union([z.literal('me'), z.literal('nobody'), z.uuid()], 'assignedTo: me, nobody o el id de un usuario').optional(),
  q: z.string().trim().min(1, 'q: escribe al menos un carácter').max(100, 'q: máximo 100 caracteres').optional(),
});

export const messagesQuery = z.strictObject({
  limit: z.coerce.number('limit: número entero entre 1 y 200').int('limit: número entero entre 1 y 200').min(1, 'limit: número entero entre 1 y 200').max(200, 'limit: número entero entre 1 y 200').default(50),
  before: z.string().regex(/^\d{1,18}$/, 'before: id numérico de un mensaje (el nextCursor de la página anterior)').optional(),
});

const caption = z.string('caption: texto').trim().min(1, 'caption: no puede estar vacío').max(1024, 'caption: máximo 1024 caracteres').optional();

export const replyBody = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('text'), text: z.string('text: el mensaje').trim().min(1, 'text: escribe el mensaje').max(4096, 'text: máximo 4096 caracteres') }),
    z.strictObject({ kind: z.literal('image'), uploadId: z.uuid('uploadId: el id que devolvió la subida de la imagen'), caption }),
    z.strictObject({ kind: z.literal('product'), productId: z.uuid('productId: el id de un producto'), caption }),
    z.strictObject({
      kind: z.literal('template'),
      name: z.string('name: el nombre de una plantilla aprobada').min(1).max(512),
      params: z.array(z.string().max(1024, 'params: máximo 1024 caracteres cada uno'), 'params: lista de textos').max(20, 'params: máximo 20').default([]),
    }),
  ],
  'kind: text, image, product o template',
);

export const readBody = z.strictObject({
  upTo: z.string().regex(/^\d{1,18}$/, 'upTo: id numérico del último mensaje leído').optional(),
});

export const assigneeBody = z.strictObject({
  userId: z.union([z.literal('me'), z.uuid(), z.null()], 'userId: me, el id de un miembro, o null para nadie'),
});

export const botBody = z.strictObject({ enabled: z.boolean('enabled: true o false') });

// Answers

const isoTime = z.string();
const conversation = z.object({
  customerId: z.string(),
  customer: z.object({ waId: z.string(), name: z.string().nullable() }),
  lastMessageAt: isoTime,
  lastMessage: z.object({ id: z.string(), direction: z.string(), type: z.string(), preview: z.string().nullable(), status: z.string() }).nullable(),
  unreadCount: z.number().int(),
  needsPerson: z.boolean(),
  handoff: z.object({ since: isoTime.nullable(), until: isoTime.nullable() }).nullable(),
  assignedTo: z.object({ userId: z.string(), name: z.string().nullable(), since: isoTime.nullable() }).nullable(),
  window: z.object({ open: z.boolean(), closesAt: isoTime.nullable() }),
});

const message = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  type: z.string(),
  text: z.string().nullable(),
  status: z.string(),
  error: z.object({ code: z.number().nullable(), title: z.string().nullable() }).nullable(),
  createdAt: isoTime,
  sentAt: isoTime.nullable(),
  deliveredAt: isoTime.nullable(),
  readAt: isoTime.nullable(),
  media: z.object({ kind: z.string(), status: z.string(), mimeType: z.string().nullable(), sizeBytes: z.number().nullable(), url: z.string().nullable() }).nullable(),
  imageUrl: z.string().nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().nullable(), address: z.string().nullable(), mapUrl: z.string() }).nullable(),
  sentBy: z
    .object({ kind: z.enum(['user', 'api_key', 'platform']), id: z.string().nullable(), name: z.string().nullable() })
    .nullable()
    .describe('Quién del negocio envió esta respuesta (miembro, clave de API o plataforma, con el nombre que tenía entonces); null en los mensajes del bot y del cliente'),
  /** A voice note's words, transcribed when the business has an AI model configured. */
  transcript: z.string().nullable(),
  /** An outbound message the AI assistant wrote. */
  answeredByAi: z.boolean(),
});

export const conversationListResponse = z.object({ conversations: z.array(conversation), nextCursor: z.string().nullable() });
export const conversationResponse = z.object({ conversation });
export const messageListResponse = z.object({ messages: z.array(message), nextCursor: z.string().nullable() });
export const replyResponse = z.object({ message });
export const releaseResponse = z.object({ conversation, customerNotified: z.boolean() });
export const uploadResponse = z.object({ uploadId: z.string(), url: z.string(), width: z.number(), height: z.number(), sizeBytes: z.number() });
export const templatesResponse = z.object({
  templates: z.array(z.object({ name: z.string(), language: z.string() })).describe('Plantillas aprobadas que se pueden enviar fuera de la ventana de 24 h (vacía si el negocio no configuró ninguna)'),
});
export const botResponse = z.object({ enabled: z.boolean() });
