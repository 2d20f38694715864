import { Router } from 'express';
import { z } from 'zod';
import type pg from 'pg';
import { AppError } from '../../platform/errors.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import { apiRoute, type ApiCompany } from '../../platform/http/api-route.ts';
import { companyProfile, type CompaniesService } from '../companies/index.ts';
import { findCustomerByWaId, listCustomerMessages, listHandoffs, releaseHandoff } from '../customers/index.ts';
import { companyContext, type OutboundRow } from '../conversations/index.ts';
import { scheduleConversationSend } from '../inbox/enqueue-outbound.ts';

const WA_ID = 'waId: número de WhatsApp del cliente, solo dígitos (5 a 20)';
const waIdParams = z.object({ waId: z.string(WA_ID).regex(/^\d{5,20}$/, WA_ID) });
// A company's own data through the admin API: products, orders, handoffs, usage. Thin
// controllers: parse, call one module function, shape the response.
export function createBackofficeRouter(deps: { companies: CompaniesService; tenants: TenantClients; pool: pg.Pool }): Router {
  const router = Router();

  // Until each module registers its own routes (products → catalog, orders → orders, handoffs
  // and messages → the inbox API, usage → plans): the same answers, through apiRoute.
  async function tenantOf(c: ApiCompany) {
    const company = await deps.companies.getCompany(c.slug);
    return { company, db: deps.tenants.get(c.connection) };
  }

  async function send(company: Awaited<ReturnType<typeof tenantOf>>['company'], waId: string, rows: OutboundRow[]) {
    const channel = company.channels.find((c) => c.status === 'active');
    if (!channel || rows.length === 0) return;
    // The rows wait in the message log; the conversation's send job sends them in order.
    await scheduleConversationSend(deps.pool, { channelId: channel.id, companyId: company.id, waId });
  }

  const tag = 'Back office';
  const slugParams = z.object({ slug: z.string() });

  apiRoute(router, { method: 'get', path: '/api/companies/:slug/handoffs', tag, summary: 'Customers waiting for a person (bot paused)', access: 'member', params: slugParams }, async ({ company }) => {
    const { db } = await tenantOf(company);
    return { handoffs: await listHandoffs(db) };
  });

  apiRoute(router, { method: 'post', path: '/api/companies/:slug/handoffs/:waId/release', tag, summary: 'Return the chat to the bot', access: 'member', params: slugParams.extend(waIdParams.shape) }, async ({ company: c, params }) => {
    const { company, db } = await tenantOf(c);
    const result = await releaseHandoff(db, contextOf(company), params.waId);
    if (result.outbound) await send(company, params.waId, [result.outbound]);
    return { released: true, customerNotified: Boolean(result.outbound) };
  });

  apiRoute(router, { method: 'get', path: '/api/companies/:slug/messages', tag, summary: 'Message log of one customer (?waId=)', access: 'member', params: slugParams, query: waIdParams }, async ({ company, query }) => {
    const { db } = await tenantOf(company);
    const customer = await findCustomerByWaId(db, query.waId);
    if (!customer) throw new AppError('NOT_FOUND', 'Cliente no encontrado');
    return { customer, messages: await listCustomerMessages(db, customer.id, 500) };
  });

  return router;
}

/** Staff actions: the plan's message volume limit never stops them. */
const contextOf = (c: Parameters<typeof companyProfile>[0]) => companyContext(companyProfile(c), null);
