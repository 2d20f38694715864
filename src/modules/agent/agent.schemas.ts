// The agent API's bodies and answers (zod: validation and the OpenAPI document).
import { z } from 'zod';
import { AGENT_MODES } from './agent.config.ts';

const mode = z.enum(AGENT_MODES, 'mode: menu, ai o hybrid');
const style = z.strictObject({
  tone: z.string().trim().max(200, 'style.tone: máximo 200 caracteres').optional(),
  emojis: z.enum(['ninguno', 'pocos', 'muchos'], 'style.emojis: ninguno, pocos o muchos').optional(),
  maxLength: z.number('style.maxLength: un número').int().min(80, 'style.maxLength: al menos 80').max(4096, 'style.maxLength: hasta 4096 (límite de WhatsApp)').optional(),
  callToAction: z.string().trim().max(300, 'style.callToAction: máximo 300 caracteres').optional(),
});
const modelParams = z.strictObject({
  model: z.string().trim().min(1, 'model: el nombre del modelo').max(120).nullable().optional(),
  temperature: z.number('temperature: un número').min(0, 'temperature: entre 0 y 2').max(2, 'temperature: entre 0 y 2').optional(),
});
const models = z.strictObject({ understanding: modelParams.optional(), reply: modelParams.optional() });
const baseUrl = z.url({ protocol: /^https?$/, error: 'baseUrl: una URL http(s), p. ej. https://api.openai.com/v1' }).max(500).nullable();
const apiKey = z.string().trim().min(8, 'apiKey: la clave completa del proveedor').max(500).nullable();
const prompt = z.string().trim().min(1, 'prompt: no puede estar vacío').max(8000, 'prompt: máximo 8000 caracteres');

export const agentConfigInput = z.strictObject({
  mode: mode.optional(),
  enabled: z.boolean('enabled: true o false').optional(),
  style: style.optional(),
  models: models.optional(),
  baseUrl: baseUrl.optional(),
  /** Write-only: a new key (verified with the provider before it is saved), or null to remove it. */
  apiKey: apiKey.optional(),
  /** A new master prompt: saved as a new version when it differs from the active one. */
  prompt: prompt.optional(),
});
export type AgentConfigInput = z.infer<typeof agentConfigInput>;

export const previewInput = z.strictObject({
  messages: z.array(z.string().trim().min(1, 'messages: mensajes no vacíos').max(2000), 'messages: una lista de mensajes del cliente').min(1, 'messages: al menos un mensaje').max(20, 'messages: hasta 20 mensajes'),
  draft: z.strictObject({ mode: z.enum(['ai', 'hybrid']).optional(), style: style.optional(), models: models.optional(), baseUrl: baseUrl.optional(), apiKey: z.string().trim().min(8).max(500).optional(), prompt: prompt.optional() }).optional(),
});
export type PreviewInput = z.infer<typeof previewInput>;

const modelParamsOut = z.object({ model: z.string().nullable(), temperature: z.number() });
export const agentConfigView = z.object({
  mode,
  /** What customers get now: the mode, or `menu` when the agent is unavailable (see unavailableReason). */
  effectiveMode: mode,
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  enabled: z.boolean(),
  style: z.object({ tone: z.string(), emojis: z.string(), maxLength: z.number(), callToAction: z.string() }),
  models: z.object({ understanding: modelParamsOut, reply: modelParamsOut }),
  baseUrl: z.string().nullable(),
  /** "configurado ••••abcd" or null: the key itself is never returned. */
  apiKey: z.string().nullable(),
  apiKeyCheckedAt: z.string().nullable(),
  /** The model customers' messages go to (own: the business's key; else the platform's). */
  model: z.object({ name: z.string(), own: z.boolean() }).nullable(),
  prompt: z.object({ version: z.number().nullable(), text: z.string() }),
  plan: z.object({ code: z.string(), name: z.string(), aiIncluded: z.boolean(), monthlyTokens: z.number() }),
  usage: z.object({ tokens: z.number(), promptTokens: z.number(), completionTokens: z.number(), costUsd: z.string() }),
  updatedAt: z.string().nullable(),
});

export const promptVersionsView = z.object({
  active: z.number().nullable(),
  versions: z.array(z.object({ version: z.number(), prompt: z.string(), createdAt: z.string(), createdBy: z.object({ userId: z.string(), name: z.string().nullable() }).nullable(), restoredFrom: z.number().nullable(), active: z.boolean() })),
});

const toolCall = z.object({ name: z.string(), args: z.unknown(), ok: z.boolean(), error: z.string().optional(), result: z.unknown() });
export const previewView = z.object({
  turns: z.array(z.object({
    customer: z.string(),
    reply: z.unknown().nullable(),
    answeredBy: z.enum(['ai', 'menu']),
    outcome: z.string(),
    reason: z.string().nullable(),
    toolCalls: z.array(toolCall),
    events: z.array(z.string()),
    /** The model's tokens for this message and how long it took to answer (ms). */
    tokens: z.object({ prompt: z.number(), completion: z.number() }),
    latencyMs: z.number(),
  })),
  cart: z.array(z.unknown()),
});

export const agentTurnsView = z.object({
  turns: z.array(z.object({
    id: z.string(), inboxId: z.string().nullable(), customerId: z.string().nullable(), mode: z.string(), outcome: z.string(), reason: z.string().nullable(), model: z.string().nullable(),
    toolCalls: z.unknown(), promptTokens: z.number(), completionTokens: z.number(), latencyMs: z.number(), createdAt: z.string(),
  })),
});
