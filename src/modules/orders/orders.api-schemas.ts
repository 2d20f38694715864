// The orders' wire shapes for the staff API.
import { z } from 'zod';

export const slugParams = z.object({ slug: z.string() });
const CODE = 'code: código del pedido, p. ej. P-1001';
export const orderParams = z.object({ slug: z.string(), code: z.string(CODE).trim().min(1, CODE).max(40, CODE) });

const LIMIT = 'limit: número entero entre 1 y 200';
const STATUS = 'status: códigos de estado separados por coma, p. ej. pendiente,confirmado';
const WHEN = 'una fecha AAAA-MM-DD (día completo en la zona horaria del negocio) o una fecha y hora ISO 8601';
const when = (name: string) => z.union([z.iso.date(`${name}: ${WHEN}`), z.iso.datetime({ offset: true, error: `${name}: ${WHEN}` })], `${name}: ${WHEN}`).optional();

export const orderListQuery = z.object({
  status: z
    .string(STATUS)
    .max(400, STATUS)
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9_]{2,40}$/, STATUS)).max(20, STATUS))
    .optional(),
  from: when('from'),
  to: when('to'),
  customerId: z.uuid('customerId: identificador (UUID) del cliente').optional(),
  waId: z.string('waId: número de WhatsApp del cliente, solo dígitos').regex(/^\d{5,20}$/, 'waId: número de WhatsApp del cliente, solo dígitos (5 a 20)').optional(),
  q: z.string('q: texto a buscar').trim().min(1, 'q: texto a buscar').max(100, 'q: máximo 100 caracteres').optional(),
  cursor: z.string('cursor: el nextCursor de la página anterior').max(200, 'cursor: no es válido').optional(),
  limit: z.coerce.number(LIMIT).int(LIMIT).min(1, LIMIT).max(200, LIMIT).default(50),
});

export const orderCountQuery = orderListQuery.omit({ cursor: true, limit: true });
export const orderCountsSchema = z.object({
  counts: z.array(z.object({ status: z.string(), count: z.number().int() })).describe('Pedidos por estado con los mismos filtros que la lista (todos los estados, también los que tienen 0)'),
});

export const orderStatusBody = z.strictObject({
  status: z.string('status: código del nuevo estado, p. ej. en_camino').trim().min(2, 'status: código del nuevo estado, p. ej. en_camino').max(40, 'status: máximo 40 caracteres'),
  note: z.string('note: texto').max(500, 'note: máximo 500 caracteres').nullish(),
});

const customer = z.object({ id: z.string(), waId: z.string(), name: z.string().nullable() });

const charges = {
  subtotal: z.string().describe('Suma de las líneas'),
  deliveryFee: z.string().describe('Costo de envío cobrado (0.00: gratis o recoge en tienda)'),
  deliveryMethod: z.enum(['delivery', 'pickup']).describe('delivery: a domicilio; pickup: recoge en la tienda'),
};

const requested = {
  requestedFrom: z.string().nullable().describe('Inicio de la ventana de entrega que pidió el cliente (ISO 8601), o null'),
  requestedTo: z.string().nullable().describe('Fin de esa ventana (ISO 8601), o null'),
  requestedText: z.string().nullable().describe('Cómo la pidió el cliente, p. ej. «mañana en la tarde»'),
};

export const orderListItemSchema = z.object({
  id: z.string(), orderCode: z.string(), status: z.string(), statusLabel: z.string(), isFinal: z.boolean(),
  total: z.string().describe('Lo que paga el cliente: líneas + envío'), currency: z.string(), itemCount: z.number(), customer,
  ...charges,
  deliveryAddress: z.string().nullable(), hasLocation: z.boolean(), createdAt: z.string(), statusChangedAt: z.string(),
  ...requested,
});
export const orderListSchema = z.object({
  orders: z.array(orderListItemSchema),
  nextCursor: z.string().nullable().describe('Para la página siguiente: ?cursor=…; null si no hay más'),
});

export const orderDetailSchema = z.object({
  id: z.string(), orderCode: z.string(), status: z.string(), statusLabel: z.string(), isFinal: z.boolean(),
  nextStatuses: z.array(z.object({ code: z.string(), label: z.string() })).describe('Estados a los que puede pasar ahora'),
  total: z.string().describe('Lo que paga el cliente: líneas + envío'), currency: z.string(), notes: z.string().nullable(),
  ...charges,
  customer: customer.extend({ phoneNumber: z.string().nullable() }),
  delivery: z.object({
    address: z.string().nullable(), latitude: z.string().nullable(), longitude: z.string().nullable(),
    mapUrl: z.string().nullable().describe('Enlace al mapa cuando el cliente mandó su ubicación'),
  }),
  items: z.array(z.object({ productId: z.string(), productName: z.string(), unit: z.string(), unitPrice: z.string(), quantity: z.string(), lineTotal: z.string() })),
  history: z.array(z.object({
    id: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), toLabel: z.string(), at: z.string(), note: z.string().nullable(),
    by: z.object({ kind: z.string().describe('user | api_key | platform | bot | customer'), id: z.string().nullable(), name: z.string().nullable() }),
  })),
  createdAt: z.string(), statusChangedAt: z.string(),
  ...requested,
});

export const orderStatusesSchema = z.object({
  statuses: z.array(z.object({ code: z.string(), label: z.string(), isFinal: z.boolean(), next: z.array(z.string()) })),
});

const STATUS_CODE = 'código de estado, p. ej. en_camino';
export const transitionsBody = z.strictObject({
  transitions: z
    .array(z.strictObject({ from: z.string(STATUS_CODE).min(1).max(40), to: z.string(STATUS_CODE).min(1).max(40) }))
    .max(400)
    .describe('La tabla completa: reemplaza la anterior. Cada par dice que un pedido en `from` puede pasar a `to`.'),
});
