import { Router } from 'express';
import { z } from 'zod';
import type { TenantClients } from '../../platform/db/clients.ts';
import { apiRoute, type ApiAuth, type ApiCompany } from '../../platform/http/api-route.ts';
import { toCompany, type CompaniesService } from '../companies/index.ts';
import { changeOrderStatus, type OrderActor } from './change-order-status.ts';
import { orderCountQuery, orderCountsSchema, orderDetailSchema, orderListQuery, orderListSchema, orderParams, orderStatusBody, orderStatusesSchema, slugParams, transitionsBody } from './orders.api-schemas.ts';
import { listTransitions, replaceTransitions } from './order-transitions.ts';
import { orderTicket } from './order-ticket.ts';
import { countStaffOrders, getStaffOrder, listStaffOrders } from './staff-orders.ts';

const TAG = 'Pedidos';

export type OrdersRouterDeps = {
  companies: CompaniesService;
  tenants: TenantClients;
  /** Wakes the conversation's send job (inbox), which sends the pending notice in order. */
  scheduleSend: (ref: { channelId: string; companyId: string; waId: string }) => Promise<void>;
  /** A signed-in user's name for the order history (accounts module); none: the id only. */
  userName?: (userId: string) => Promise<string | null>;
};

// A company's orders for owner, staff and API keys: list, detail, status changes, ticket.
export function createOrdersRouter(deps: OrdersRouterDeps): Router {
  const router = Router();
  const db = (c: ApiCompany) => deps.tenants.get(c.connection);

  async function actorOf(auth: ApiAuth): Promise<OrderActor> {
    if (auth.kind === 'user') return { kind: 'user', id: auth.userId, name: (await deps.userName?.(auth.userId).catch(() => null)) ?? null };
    if (auth.kind === 'api_key') return { kind: 'api_key', id: auth.keyId };
    return { kind: 'platform' };
  }

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/order-statuses', tag: TAG, access: 'member',
    summary: 'Estados de pedido del negocio y a cuáles puede pasar cada uno',
    params: slugParams, response: orderStatusesSchema,
  }, async ({ company }) => ({ statuses: await listTransitions(db(company)) }));

  apiRoute(router, {
    method: 'put', path: '/api/companies/:slug/order-statuses/transitions', tag: TAG, access: 'owner',
    summary: 'Cambia a qué estados puede pasar cada estado (solo el dueño)',
    description: 'Reemplaza la tabla completa. Se rechaza entera (400, `details.problems`) si nombra estados que no existen, sale de un estado final, deja un estado al que ningún pedido puede llegar desde `pendiente`, o un estado abierto sin camino a uno final. Los cambios de estado de los pedidos la usan desde ese momento.',
    params: slugParams, body: transitionsBody, response: orderStatusesSchema,
  }, async ({ company, body }) => ({ statuses: await replaceTransitions(db(company), body.transitions) }));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/orders', tag: TAG, access: 'member',
    summary: 'Pedidos, del más nuevo al más viejo, con filtros y cursor',
    description: '`status` (uno o varios separados por coma), `from`/`to` (día AAAA-MM-DD en la zona del negocio, `to` incluido, o fecha y hora ISO), `customerId` o `waId`, `q` (código de pedido, nombre o número del cliente, dirección), `limit` (1–200, 50) y `cursor` (el `nextCursor` de la página anterior).',
    params: slugParams, query: orderListQuery, response: orderListSchema,
  }, async ({ company, query }) => {
    const shop = await deps.companies.getCompany(company.slug);
    return listStaffOrders(db(company), query, { timezone: shop.timezone });
  });

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/order-counts', tag: TAG, access: 'member',
    summary: 'Cuántos pedidos hay en cada estado (con los mismos filtros que la lista)',
    description: 'Para las columnas del tablero: `status`, `from`/`to`, `customerId` o `waId` y `q` como en `GET /orders`.',
    params: slugParams, query: orderCountQuery, response: orderCountsSchema,
  }, async ({ company, query }) => {
    const shop = await deps.companies.getCompany(company.slug);
    return countStaffOrders(db(company), query, { timezone: shop.timezone });
  });

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/orders/:code', tag: TAG, access: 'member',
    summary: 'Un pedido: productos, cliente, entrega (con mapa si mandó ubicación) e historial con quién hizo cada cambio',
    params: orderParams, response: z.object({ order: orderDetailSchema }),
  }, async ({ company, params }) => ({ order: await getStaffOrder(db(company), params.code) }));

  apiRoute(router, {
    method: 'patch', path: '/api/companies/:slug/orders/:code', tag: TAG, access: 'member',
    summary: 'Cambia el estado de un pedido y se lo avisa al cliente por WhatsApp',
    description: 'Solo a los estados permitidos desde el actual (`nextStatuses` del pedido); otro cambio responde 409 con los estados posibles. Queda en el historial con quién lo hizo. Cancelar devuelve las existencias. Al cliente se le avisa por texto dentro de las 24 h de su último mensaje, o con la plantilla aprobada del negocio fuera de ellas.',
    params: orderParams, body: orderStatusBody, response: z.object({ order: orderDetailSchema, customerNotified: z.boolean() }),
  }, async ({ company, params, body, auth }) => {
    const shop = await deps.companies.getCompany(company.slug);
    const tenant = db(company);
    const result = await changeOrderStatus(tenant, toCompany(shop), { orderCode: params.code, toStatus: body.status, note: body.note ?? null, actor: await actorOf(auth) });
    const channel = shop.channels.find((c) => c.status === 'active');
    // The notice waits in the message log; the conversation's send job sends it in order.
    if (result.outbound && channel) await deps.scheduleSend({ channelId: channel.id, companyId: company.id, waId: result.outbound.to });
    return { order: await getStaffOrder(tenant, params.code), customerNotified: Boolean(result.outbound && channel) };
  });

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/orders/:code/ticket', tag: TAG, access: 'member',
    summary: 'Ticket para imprimir (texto de 40 columnas, impresora térmica)',
    params: orderParams, raw: { responseContentType: 'text/plain' },
  }, async ({ company, params, res }) => {
    const shop = await deps.companies.getCompany(company.slug);
    const order = await getStaffOrder(db(company), params.code);
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.setHeader('content-disposition', `inline; filename="ticket-${order.orderCode}.txt"`);
    res.send(orderTicket(order, { name: shop.name, currency: shop.currency, locale: shop.locale, timezone: shop.timezone }));
  });

  return router;
}
