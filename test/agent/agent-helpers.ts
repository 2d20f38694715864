// Shared set-up for the agent's tests: a platform whose default model is the local
// OpenAI-compatible server, a shop with products, and the agent's API.
import { ADMIN_TOKEN, createTestCompany, startTestPlatform, waitFor } from '../helpers/platform.ts';
import { apiClient } from '../helpers/api-client.ts';
import { startOpenAiServer, type OpenAiServer } from '../helpers/openai-server.ts';
import type { Platform } from '../../src/composition.ts';

export const PRODUCTS = [
  { name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón', stock: 30 },
  { name: 'Agua natural 1 L', price: '12.50', unit: 'botella', stock: 100 },
];

export async function startAgentPlatform(env: Record<string, string> = {}) {
  const model = await startOpenAiServer({ apiKeys: ['sk-test-platform', 'sk-negocio-propia-1234'] });
  const platform = await startTestPlatform({ RECONCILE_INTERVAL_MS: '600000', OPENAI_API_KEY: 'sk-test-platform', OPENAI_BASE_URL: model.url, AI_TIMEOUT_MS: '1500', ...env });
  const api = apiClient(() => platform.url);
  return { model, platform, api, async stop() {
    await platform.stop();
    await model.close();
  } };
}

export async function agentShop(platform: Platform, api: ReturnType<typeof apiClient>, mode: 'menu' | 'ai' | 'hybrid', plan: 'basico' | 'completo' | 'premium' = 'premium') {
  const shop = await createTestCompany(platform, { products: PRODUCTS, plan });
  const res = await api(`/api/companies/${shop.slug}/agent`, { method: 'PUT', token: ADMIN_TOKEN, body: { mode } });
  if (res.status !== 200) throw new Error(`agent config: ${res.status} ${res.text}`);
  return shop;
}

export const sentTo = (platform: Platform, shop: { phoneNumberId: string }, waId: string) =>
  platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);

export const bodyOf = (m: { body: Record<string, unknown> }) => JSON.stringify(m.body);

/** Waits for the customer's n-th reply and returns it as text. */
export async function nthReply(platform: Platform, shop: { phoneNumberId: string }, waId: string, n: number, timeoutMs = 20_000): Promise<string> {
  const all = await waitFor(async () => {
    const got = sentTo(platform, shop, waId);
    return got.length >= n ? got : undefined;
  }, timeoutMs, `reply ${n} to ${waId}`);
  return bodyOf(all[n - 1]!);
}

export type { OpenAiServer };
