import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import { canAccess } from '../../platform/http/auth.ts';
import { toCompany, type CompaniesService } from '../companies/index.ts';
import { listProducts, upsertProducts, productInputSchema } from '../catalog/index.ts';
import { changeOrderStatus, findOrderByCode, listLatestOrders } from '../orders/index.ts';
import { findCustomerByWaId, listHandoffs, releaseHandoff } from '../customers/index.ts';
import { listCustomerMessages, type OutboundRow } from '../messages/index.ts';
import type { Usage } from '../usage/index.ts';

const WA_ID = 'waId: número de WhatsApp del cliente, solo dígitos (5 a 20)';
const waIdParams = z.object({ waId: z.string(WA_ID).regex(/^\d{5,20}$/, WA_ID) });
const latestOrdersQuery = z.object({
  limit: z.coerce.number('limit: número entero entre 1 y 200').int('limit: número entero entre 1 y 200').min(1, 'limit: número entero entre 1 y 200').max(200, 'limit: número entero entre 1 y 200').default(50),
});
const PRODUCTS = 'products: una lista de productos, o un objeto { "products": [ … ] }';
const productsBody = z.union([z.array(z.unknown()), z.object({ products: z.array(z.unknown(), PRODUCTS) }, PRODUCTS)], PRODUCTS);
const productList = z
  .array(productInputSchema)
  .min(1, 'products: al menos un producto')
  .max(5000, 'products: máximo 5000 productos por envío');
const orderStatusBody = z.strictObject({
  status: z.string('status: código del nuevo estado, p. ej. en_camino').trim().min(2, 'status: código del nuevo estado, p. ej. en_camino').max(40, 'status: máximo 40 caracteres'),
  note: z.string('note: texto').max(500, 'note: máximo 500 caracteres').nullish(),
});

/** Makes sure a conversation's send job runs: the replies written for it wait in the message log. */
export type ScheduleSend = (conversation: { channelId: string; companyId: string; waId: string }) => Promise<void>;

// A company's own data through the admin API: products, orders, handoffs, usage. Thin
// controllers: parse, call one module function, shape the response.
export function createBackofficeRouter(deps: { companies: CompaniesService; tenants: TenantClients; usage: Usage; scheduleSend: ScheduleSend }): Router {
  const router = Router();

  async function tenantOf(req: Request<{ slug: string }>) {
    const company = await deps.companies.getCompany(req.params.slug);
    if (!canAccess(req.principal, company.id)) throw new AppError('NOT_FOUND', 'Empresa no encontrada');
    const db = deps.tenants.get(company.dbConnectionConfig as { schema: string; url?: string });
    return { company, db };
  }

  async function send(company: Awaited<ReturnType<typeof tenantOf>>['company'], waId: string, rows: OutboundRow[]) {
    const channel = company.channels.find((c) => c.status === 'active');
    if (!channel || rows.length === 0) return;
    // The rows wait in the message log; the conversation's send job sends them in order.
    await deps.scheduleSend({ channelId: channel.id, companyId: company.id, waId });
  }

  router.get('/api/companies/:slug/products', async (req, res) => {
    const { db } = await tenantOf(req);
    res.json({ products: await listProducts(db) });
  });

  router.post('/api/companies/:slug/products', async (req, res) => {
    const { company, db } = await tenantOf(req);
    const body = productsBody.parse(req.body);
    const items = productList.parse(Array.isArray(body) ? body : body.products);
    const result = await upsertProducts(db, items, { activeProductLimit: company.plan.activeProductLimit, schema: company.schemaName });
    res.status(200).json(result);
  });

  router.get('/api/companies/:slug/orders', async (req, res) => {
    const { db } = await tenantOf(req);
    const { limit } = latestOrdersQuery.parse(req.query);
    res.json({ orders: await listLatestOrders(db, limit) });
  });

  router.get('/api/companies/:slug/orders/:code', async (req, res) => {
    const { db } = await tenantOf(req);
    const order = await findOrderByCode(db, String(req.params.code));
    if (!order) throw new AppError('NOT_FOUND', 'Pedido no encontrado');
    res.json({ order });
  });

  router.patch('/api/companies/:slug/orders/:code', async (req, res) => {
    const { company, db } = await tenantOf(req);
    const body = orderStatusBody.parse(req.body ?? {});
    const changedBy = req.principal?.kind === 'platform' ? 'staff:platform' : 'staff:company';
    const result = await changeOrderStatus(db, toCompany(company), { orderCode: req.params.code, toStatus: body.status, changedBy, note: body.note });
    if (result.outbound) await send(company, result.outbound.to, [result.outbound]);
    res.json({ order: result.order, customerNotified: Boolean(result.outbound) });
  });

  router.get('/api/companies/:slug/handoffs', async (req, res) => {
    const { db } = await tenantOf(req);
    res.json({ handoffs: await listHandoffs(db) });
  });

  router.post('/api/companies/:slug/handoffs/:waId/release', async (req, res) => {
    const { company, db } = await tenantOf(req);
    const { waId } = waIdParams.parse(req.params);
    const result = await releaseHandoff(db, toCompany(company), waId);
    if (result.outbound) await send(company, waId, [result.outbound]);
    res.json({ released: true, customerNotified: Boolean(result.outbound) });
  });

  router.get('/api/companies/:slug/messages', async (req, res) => {
    const { db } = await tenantOf(req);
    const { waId } = waIdParams.parse(req.query);
    const customer = await findCustomerByWaId(db, waId);
    if (!customer) throw new AppError('NOT_FOUND', 'Cliente no encontrado');
    res.json({ customer, messages: await listCustomerMessages(db, customer.id, 500) });
  });

  router.get('/api/companies/:slug/usage', async (req, res) => {
    const { company } = await tenantOf(req);
    const used = await deps.usage.monthlyUsage(company.id);
    res.json({ period: used.period, plan: company.planCode, messagesUsed: used.total, messageLimit: company.plan.monthlyMessageLimit });
  });

  return router;
}
