import { Router } from 'express';
import { z } from 'zod';
import { apiRoute } from '../../platform/http/api-route.ts';
import type { PlansService } from './plans.service.ts';

const TAG = 'Planes';
const slugParams = z.object({ slug: z.string() });

const limitsSchema = z.object({
  code: z.string(),
  name: z.string(),
  monthlyMessages: z.number().int(),
  activeProducts: z.number().int(),
  staffSeats: z.number().int(),
  features: z.object({ ai: z.boolean(), bookings: z.boolean(), shortlinks: z.boolean(), analytics: z.boolean() }),
  priceMonthly: z.string(),
  /** The AI agent's tokens a month (0: none). */
  aiMonthlyTokens: z.number().int(),
});

const usageSchema = z.object({
  period: z.string(),
  /** The plan's code (basico | completo | premium). */
  plan: z.string(),
  messagesUsed: z.number().int(),
  messageLimit: z.number().int(),
  inboundMessages: z.number().int(),
  outboundMessages: z.number().int(),
  remaining: z.number().int(),
  limitReached: z.boolean(),
  limits: limitsSchema,
  /** The AI agent this month: tokens against the plan's budget, and their cost in US dollars. */
  ai: z.object({ promptTokens: z.number().int(), completionTokens: z.number().int(), tokens: z.number().int(), limit: z.number().int(), limitReached: z.boolean(), costUsd: z.string() }),
});

const tenantSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  status: z.string(),
  botEnabled: z.boolean(),
  createdAt: z.string(),
  plan: z.object({ code: z.string(), name: z.string() }),
  usage: z.object({ period: z.string(), messages: z.number().int(), limit: z.number().int(), limitReached: z.boolean() }),
  channels: z.array(z.object({
    id: z.string(),
    provider: z.string(),
    phoneNumberId: z.string(),
    displayPhoneNumber: z.string().nullable(),
    status: z.string(),
    health: z.enum(['ok', 'failing', 'disabled']),
    lastCheckAt: z.string().nullable(),
    lastCheckError: z.string().nullable(),
    /** What to paste in Meta's or Twilio's console (null without PUBLIC_URL in production). */
    webhookUrl: z.string().nullable(),
  })),
});

export function createPlansRouter(deps: { plans: PlansService }): Router {
  const router = Router();

  apiRoute(router, {
    method: 'get', path: '/api/plans', tag: TAG, access: 'public',
    summary: 'Los planes (Básico, Completo, Premium) con sus límites y precio mensual',
    response: z.object({ plans: z.array(limitsSchema) }),
  }, async () => ({ plans: await deps.plans.listPlans() }));

  apiRoute(router, {
    method: 'get', path: '/api/companies/:slug/usage', tag: TAG, access: 'member',
    summary: 'El plan de la empresa y los mensajes usados este mes contra su límite',
    params: slugParams, response: usageSchema,
  }, async ({ company }) => {
    const { plan, usage, ai } = await deps.plans.entitlements(company.id);
    return {
      period: usage.period,
      plan: plan.code,
      messagesUsed: usage.messages,
      messageLimit: plan.monthlyMessages,
      inboundMessages: usage.inboundMessages,
      outboundMessages: usage.outboundMessages,
      remaining: usage.remaining,
      limitReached: usage.limitReached,
      limits: plan,
      ai,
    };
  });

  apiRoute(router, {
    method: 'put', path: '/api/companies/:slug/plan', tag: TAG, access: 'platform',
    summary: 'Cambia el plan de una empresa (administración de la plataforma)',
    params: slugParams,
    body: z.strictObject({ plan: z.string('plan: basico, completo o premium').trim().min(1, 'plan: basico, completo o premium').max(40, 'plan: basico, completo o premium') }),
    response: z.object({ slug: z.string(), previousPlan: z.string(), plan: limitsSchema, usage: z.object({ period: z.string(), messages: z.number().int(), remaining: z.number().int(), limitReached: z.boolean() }) }),
  }, async ({ company, body }) => {
    const r = await deps.plans.changePlan(company.slug, body.plan);
    return { slug: r.slug, previousPlan: r.previousPlan, plan: r.plan, usage: { period: r.usage.period, messages: r.usage.messages, remaining: r.usage.remaining, limitReached: r.usage.limitReached } };
  });

  apiRoute(router, {
    method: 'get', path: '/api/platform/tenants', tag: TAG, access: 'platform',
    summary: 'Todas las empresas con su plan, uso del mes, salud de sus números y la URL de webhook de cada uno',
    response: z.object({ tenants: z.array(tenantSchema) }),
  }, async () => ({ tenants: await deps.plans.listTenants() }));

  return router;
}
