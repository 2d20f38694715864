import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestCompany, type TestCompany } from '../helpers/platform.ts';
import { lastUser, systemOf, toolResults, type ChatRequest, type Scripted } from '../helpers/openai-server.ts';
import { agentShop, PRODUCTS, startAgentPlatform } from './agent-helpers.ts';

// The agent's configuration API as a business owner uses it: modes and why one is unavailable,
// the write-only key verified with the provider, prompt versions with restore, and the preview.

let env: Awaited<ReturnType<typeof startAgentPlatform>>;
let shop: TestCompany;
const put = (slug: string, body: unknown) => env.api(`/api/companies/${slug}/agent`, { method: 'PUT', token: ADMIN_TOKEN, body });

beforeAll(async () => {
  env = await startAgentPlatform();
  shop = await agentShop(env.platform, env.api, 'menu');
}, 60_000);
afterAll(async () => {
  await env?.stop();
});

describe('agent configuration', () => {
  it('is plan-gated: Básico stays in menu mode and says why', async () => {
    const basic = await createTestCompany(env.platform, { plan: 'basico', products: PRODUCTS });
    const res = await put(basic.slug, { mode: 'ai' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ mode: 'ai', effectiveMode: 'menu', available: false });
    expect(res.json.unavailableReason).toContain('Premium');
  });

  it('verifies a key before saving it, never returns it, and switches at once', async () => {
    const bad = await put(shop.slug, { apiKey: 'sk-no-sirve-0000', baseUrl: env.model.url });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain('la clave fue rechazada');
    const ok = await put(shop.slug, { apiKey: 'sk-negocio-propia-1234', baseUrl: env.model.url, mode: 'hybrid', style: { tone: 'formal', emojis: 'ninguno' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ mode: 'hybrid', effectiveMode: 'hybrid', apiKey: 'configurado ••••1234', model: { own: true }, style: { tone: 'formal', emojis: 'ninguno' } });
    expect(ok.text).not.toContain('sk-negocio-propia');
    const got = await env.api(`/api/companies/${shop.slug}/agent`, { token: ADMIN_TOKEN });
    expect(got.text).not.toContain('sk-negocio-propia');
    const row = await shop.db.agentConfig.findUnique({ where: { id: 1 } });
    expect(row!.apiKeyEnc).toMatch(/^v1:/);
    expect(row!.apiKeyEnc).not.toContain('sk-negocio');
    const invalid = await put(shop.slug, { mode: 'robot', style: { maxLength: 10 } });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('mode: menu, ai o hybrid');
  });

  it('keeps prompt versions (who, when) and restores an old one as a new version', async () => {
    expect((await put(shop.slug, { prompt: 'Versión uno: saluda con "¡Qué onda!"' })).status).toBe(200);
    const second = await env.api(`/api/companies/${shop.slug}/agent/prompts`, { method: 'POST', token: ADMIN_TOKEN, body: { prompt: 'Versión dos: habla de usted.' } });
    expect(second.status).toBe(201);
    const list = await env.api(`/api/companies/${shop.slug}/agent/prompts`, { token: ADMIN_TOKEN });
    expect(list.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.json.active).toBe(2);
    const restored = await env.api(`/api/companies/${shop.slug}/agent/prompts/1/restore`, { method: 'POST', token: ADMIN_TOKEN });
    expect(restored.json).toEqual({ version: 3, restoredFrom: 1 });
    const after = await env.api(`/api/companies/${shop.slug}/agent`, { token: ADMIN_TOKEN });
    expect(after.json.prompt).toEqual({ version: 3, text: 'Versión uno: saluda con "¡Qué onda!"' });
    expect((await env.api(`/api/companies/${shop.slug}/agent/prompts/99/restore`, { method: 'POST', token: ADMIN_TOKEN })).status).toBe(404);
  });

  it('previews a conversation through a draft without saving or sending anything', { timeout: 60_000 }, async () => {
    env.model.respond((req: ChatRequest): Scripted => {
      const user = lastUser(req);
      const results = toolResults(req);
      if (/garraf/.test(user) && results.length === 0) return { kind: 'tools', calls: [{ name: 'search_products', args: { query: 'garrafón' } }] };
      if (/garraf/.test(user)) return { kind: 'text', content: `El garrafón cuesta ${(results[0] as any).products[0].price}.` };
      return { kind: 'text', content: systemOf(req).includes('BORRADOR-XYZ') ? 'Hola desde el borrador' : 'Hola desde lo guardado' };
    });
    const sentBefore = env.platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).length;
    const res = await env.api(`/api/companies/${shop.slug}/agent/preview`, {
      method: 'POST', token: ADMIN_TOKEN,
      body: { messages: ['hola', '¿cuánto cuesta el garrafón?'], draft: { prompt: 'BORRADOR-XYZ: responde breve.' } },
    });
    expect(res.status).toBe(200);
    expect(res.json.turns).toHaveLength(2);
    expect(res.json.turns[0]).toMatchObject({ answeredBy: 'ai', reply: { kind: 'text', body: 'Hola desde el borrador' } });
    expect(res.json.turns[1].reply.body).toBe('El garrafón cuesta $45.00.');
    expect(res.json.turns[1].toolCalls[0]).toMatchObject({ name: 'search_products', ok: true });
    // The business's own key went to its own URL.
    expect(env.model.chats.at(-1)!.auth).toBe('Bearer sk-negocio-propia-1234');
    // Nothing saved, nothing sent.
    expect((await env.api(`/api/companies/${shop.slug}/agent`, { token: ADMIN_TOKEN })).json.prompt.text).not.toContain('BORRADOR');
    expect(env.platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).length).toBe(sentBefore);
    expect(await shop.db.customer.count()).toBe(0);
    expect(await shop.db.agentTurn.count()).toBe(0);
    expect((await env.api(`/api/companies/${shop.slug}/agent/preview`, { method: 'POST', token: ADMIN_TOKEN, body: { messages: [] } })).status).toBe(400);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await env.api('/openapi.json');
    for (const p of ['/api/companies/{slug}/agent', '/api/companies/{slug}/agent/preview', '/api/companies/{slug}/agent/prompts', '/api/companies/{slug}/agent/prompts/{version}/restore']) expect(Object.keys(doc.json.paths)).toContain(p);
  });
});
