import { Router } from 'express';
import { z } from 'zod';
import type { TenantClients } from '../../platform/db/clients.ts';
import { apiRoute } from '../../platform/http/api-route.ts';
import type { PlansService } from '../plans/index.ts';
import type { SettingsRepository } from '../settings/index.ts';
import { AppError } from '../../platform/errors.ts';
import { buildReport } from './reports.service.ts';
import { reportQuerySchema, reportSchema } from './reports.schemas.ts';

export function createReportsRouter(deps: { tenants: TenantClients; plans: PlansService; settings: SettingsRepository }): Router {
  const router = Router();

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/reports', tag: 'Reportes', access: 'member',
    summary: 'Pedidos, ventas, conversaciones, conversión, productos más vendidos y clientes nuevos o recurrentes de un periodo',
    description: 'Días del calendario de la tienda (su zona horaria), ambos extremos incluidos; sin fechas, los últimos 30 días. ' +
      'Los pedidos cancelados no cuentan como ventas. Requiere un plan con reportes (402 PLAN_LIMIT si no).',
    params: z.object({ slug: z.string() }), query: reportQuerySchema, response: reportSchema,
  }, async ({ company, query }) => {
    await deps.plans.assertFeature(company.id, 'analytics');
    const info = await deps.settings.read(company.id);
    if (!info) throw new AppError('NOT_FOUND', 'Empresa no encontrada');
    return buildReport(deps.tenants.get(company.connection), { schema: company.schema, timezone: info.timezone, currency: info.currency }, query);
  });

  return router;
}
