import { Router } from 'express';
import { z } from 'zod';
import { apiRoute } from '../../platform/http/api-route.ts';
import type { SettingsService } from './settings.service.ts';
import { deliveryQuoteQuerySchema, deliveryQuoteSchema, settingsInputSchema, settingsSchema } from './settings.schemas.ts';

const TAG = 'Configuración';
const slugParams = z.object({ slug: z.string() });

export function createSettingsRouter(deps: { settings: SettingsService }): Router {
  const router = Router();

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/settings', tag: TAG, access: 'member',
    summary: 'Datos del negocio y lo que el bot responde: horario, entregas, pagos, políticas, textos',
    params: slugParams, response: settingsSchema,
  }, async ({ company }) => deps.settings.getSettings(company.id));

  apiRoute(router, {
    method: 'put', path: '/api/companies/:slug/settings', tag: TAG, access: 'owner',
    summary: 'Cambia los datos del negocio (businessInfo se reemplaza completo)',
    description: 'Solo la persona dueña. `company` cambia nombre, moneda, idioma, zona horaria y teléfono del administrador; `businessInfo` reemplaza el horario, las entregas, los pagos, las políticas, el texto de bienvenida, las etiquetas del menú y los textos del bot.',
    params: slugParams, body: settingsInputSchema, response: settingsSchema,
  }, async ({ company, body }) => deps.settings.updateSettings(company.id, body));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/settings/delivery-quote', tag: TAG, access: 'member',
    summary: 'Costo de envío, mínimo y total de un pedido según las reglas del negocio',
    params: slugParams, query: deliveryQuoteQuerySchema, response: deliveryQuoteSchema,
  }, async ({ company, query }) => deps.settings.quoteDelivery(company.id, query.subtotal, query.method));

  return router;
}
