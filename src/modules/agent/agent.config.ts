// The agent's settings per company: mode, style, models, the bring-your-own model endpoint and the
// master prompt's version — validated with zod, with the defaults a new company starts with.
import { z } from 'zod';

export const AGENT_MODES = ['menu', 'ai', 'hybrid'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

export const styleSchema = z.object({
  tone: z.string().trim().max(200, 'tone: máximo 200 caracteres').default('amable y cercano'),
  emojis: z.enum(['ninguno', 'pocos', 'muchos'], 'emojis: ninguno, pocos o muchos').default('pocos'),
  maxLength: z.number('maxLength: un número').int().min(80, 'maxLength: al menos 80').max(4096, 'maxLength: hasta 4096 (límite de WhatsApp)').default(700),
  callToAction: z.string().trim().max(300, 'callToAction: máximo 300 caracteres').default(''),
});
export type AgentStyle = z.infer<typeof styleSchema>;

const modelParams = (temperature: number) =>
  z.object({
    model: z.string().trim().min(1).max(120, 'model: máximo 120 caracteres').nullable().default(null),
    temperature: z.number('temperature: un número').min(0, 'temperature: entre 0 y 2').max(2, 'temperature: entre 0 y 2').default(temperature),
  });

/** Understanding: the calls that read the customer and use tools. Replies: the final wording — a separate call, without tools, only when the owner sets it apart from understanding. */
export const modelsSchema = z.object({ understanding: modelParams(0.3).default({ model: null, temperature: 0.3 }), reply: modelParams(0.3).default({ model: null, temperature: 0.3 }) });
export type AgentModels = z.infer<typeof modelsSchema>;

export const DEFAULT_PROMPT = 'Atiende a los clientes de la tienda con amabilidad, ayúdalos a encontrar productos y a hacer su pedido.';

/** What the decider uses for one company: read from agent_config and the prompt's version, with the key decrypted. */
export type AgentSettings = {
  mode: AgentMode;
  enabled: boolean;
  style: AgentStyle;
  models: AgentModels;
  baseUrl: string | null;
  apiKey: string | null;
  apiKeyLast4: string | null;
  prompt: string;
  promptVersion: number | null;
};

export const defaultSettings = (): AgentSettings => ({
  mode: 'menu',
  enabled: true,
  style: styleSchema.parse({}),
  models: modelsSchema.parse({}),
  baseUrl: null,
  apiKey: null,
  apiKeyLast4: null,
  prompt: DEFAULT_PROMPT,
  promptVersion: null,
});

/** The platform's default model (env): used when a company brings no key of its own. */
export type PlatformModel = { apiKey: string | undefined; baseUrl: string | undefined; model: string; transcriptionModel: string; timeoutMs: number; maxToolCalls: number; pricePerMTok: { input: number; output: number } };

/** The endpoint one company's calls go to: its own key and base URL, else the platform's. */
export type ModelEndpoint = { apiKey: string; baseUrl: string | undefined; model: string; own: boolean };

export function endpointOf(s: Pick<AgentSettings, 'apiKey' | 'baseUrl' | 'models'>, platform: PlatformModel): ModelEndpoint | null {
  if (s.apiKey) return { apiKey: s.apiKey, baseUrl: s.baseUrl ?? undefined, model: s.models.understanding.model ?? platform.model, own: true };
  // The platform's key only ever goes to the platform's URL (a company's base URL would receive it).
  if (platform.apiKey) return { apiKey: platform.apiKey, baseUrl: platform.baseUrl, model: s.models.understanding.model ?? platform.model, own: false };
  return null;
}
