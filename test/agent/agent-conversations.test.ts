import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, customer, waitFor, type TestCompany } from '../helpers/platform.ts';
import { lastUser, systemOf, toolResults, type ChatRequest, type Scripted } from '../helpers/openai-server.ts';
import { agentShop, nthReply, sentTo, startAgentPlatform } from './agent-helpers.ts';

// The AI assistant end to end: signed webhook → inbox → queue → engine → the agent (the real
// `openai` SDK against a local OpenAI-compatible server) → turn effects committed under lock →
// Graph API emulator. The server plays a model that follows the tools' answers.

let env: Awaited<ReturnType<typeof startAgentPlatform>>;
let ai: TestCompany;

/** A model that shops: search → add → ask the address → set it → summary → the confirmation. */
function shoppingModel(req: ChatRequest): Scripted {
  const user = lastUser(req);
  const results = toolResults(req);
  const last = results.at(-1) as Record<string, any> | undefined;
  const pending = /confirmation_token: (\w+)/.exec(systemOf(req))?.[1];
  if (/garraf/i.test(user)) {
    if (results.length === 0) return { kind: 'tools', calls: [{ name: 'search_products', args: { query: 'garrafón' } }] };
    if (results.length === 1) return { kind: 'tools', calls: [{ name: 'add_to_cart', args: { product_id: last!.products[0].product_id, quantity: 2 } }] };
    return { kind: 'text', content: `Listo, agregué 2 garrafones: tu total va en ${last!.cart.total}. ¿A qué dirección te los llevo?` };
  }
  if (/calle/i.test(user)) {
    if (results.length === 0) return { kind: 'tools', calls: [{ name: 'set_delivery', args: { address: user } }] };
    return { kind: 'tools', calls: [{ name: 'create_order', args: {} }] };
  }
  if (/^s[ií]/i.test(user) && pending) return { kind: 'tools', calls: [{ name: 'create_order', args: { confirmation_token: pending } }] };
  return { kind: 'text', content: '¡Hola! Con gusto te ayudo con tu pedido.' };
}

const agentTurns = async (shop: TestCompany) => shop.db.agentTurn.findMany({ orderBy: { id: 'asc' } });
const buttonIds = (body: string) => [...body.matchAll(/"id":"(agent:[^"]+)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  env = await startAgentPlatform();
  ai = await agentShop(env.platform, env.api, 'ai');
}, 60_000);
afterAll(async () => {
  await env?.stop();
});

describe('AI mode', () => {
  it('takes an order in free text: prices from tools, a summary with a token, the order placed only on the confirmation tap', { timeout: 90_000 }, async () => {
    env.model.respond(shoppingModel);
    const c = customer(env.platform, ai);
    await c.send('hola, quiero 2 garrafones porfa');
    expect(await nthReply(env.platform, ai, c.waId, 1)).toContain('$90.00');
    await c.send('Calle Pino 12, Col. Centro');
    const summary = await nthReply(env.platform, ai, c.waId, 2);
    expect(summary).toContain('Resumen de tu pedido');
    expect(summary).toContain('$90.00');
    const [confirm] = buttonIds(summary);
    expect(confirm).toMatch(/^agent:confirm:[0-9a-f]+$/);
    expect(await ai.db.order.count()).toBe(0);
    const chatsBefore = env.model.chats.length;
    await c.send({ type: 'button_reply', id: confirm!, title: 'Confirmar' });
    const placed = await nthReply(env.platform, ai, c.waId, 3);
    expect(placed).toMatch(/P-\d+/);
    expect(env.model.chats.length).toBe(chatsBefore); // the tap is handled without the model
    const orders = await ai.db.order.findMany({ include: { items: true } });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.total.toFixed(2)).toBe('90.00');
    expect(orders[0]!.items[0]!.quantity.toFixed()).toBe('2');
    expect(orders[0]!.deliveryAddress).toBe('Calle Pino 12, Col. Centro');
    // The shop's admin is told, as with the menu.
    await waitFor(async () => env.platform.emulator!.store.listOutbound({ phoneNumberId: ai.phoneNumberId }).some((m) => m.waId === '5215519998888' && JSON.stringify(m.body).includes(orders[0]!.orderCode)), 15_000, 'admin notice');

    // Observability: each turn's tool calls, tokens, latency, outcome; the month's tokens in usage.
    const turns = await agentTurns(ai);
    expect(turns.map((t) => t.outcome)).toEqual(['answered', 'answered', 'confirmed']);
    expect((turns[0]!.toolCalls as { name: string }[]).map((t) => t.name)).toEqual(['search_products', 'add_to_cart']);
    expect(turns[0]!.promptTokens).toBeGreaterThan(0);
    const usage = await env.api(`/api/companies/${ai.slug}/usage`, { token: ADMIN_TOKEN });
    expect(usage.json.ai.tokens).toBeGreaterThan(0);
    expect(Number(usage.json.ai.costUsd)).toBeGreaterThan(0);
    // The inbox shows which replies the assistant wrote.
    const person = (await ai.db.customer.findFirst({ where: { waId: c.waId } }))!;
    const msgs = await env.api(`/api/companies/${ai.slug}/conversations/${person.id}/messages`, { token: ADMIN_TOKEN });
    expect(msgs.status).toBe(200);
    const outbound = (msgs.json.messages as { direction: string; answeredByAi: boolean }[]).filter((m) => m.direction === 'outbound');
    expect(outbound.length).toBeGreaterThanOrEqual(3);
    expect(outbound.every((m) => m.answeredByAi)).toBe(true);
  });

  it('confirms by text only with the token of a summary shown in an earlier turn', { timeout: 90_000 }, async () => {
    env.model.respond(shoppingModel);
    const before = await ai.db.order.count();
    const c = customer(env.platform, ai);
    await c.send('quiero 2 garrafones');
    await nthReply(env.platform, ai, c.waId, 1);
    await c.send('Calle Roble 5');
    await nthReply(env.platform, ai, c.waId, 2);
    await c.send('sí, confirmo');
    expect(await nthReply(env.platform, ai, c.waId, 3)).toMatch(/P-\d+/);
    expect(await ai.db.order.count()).toBe(before + 1);
  });

  const failures: [string, Scripted, string][] = [
    ['a model that never answers (timeout)', { kind: 'hang' }, 'timeout'],
    ['429', { kind: 'status', status: 429 }, 'rate_limited'],
    ['a 500', { kind: 'status', status: 500 }, 'model_error'],
    ['an answer that is not JSON', { kind: 'garbage', body: '{"id": "chatcmpl-1", "choices": [' }, 'invalid_output'],
    ['a price no tool gave', { kind: 'text', content: 'El garrafón te lo dejo en $30.00 hoy.' }, 'invented_price'],
  ];
  for (const [what, scripted, reason] of failures) {
    it(`answers with the menu after ${what}, and records why for the owner`, { timeout: 60_000 }, async () => {
      env.model.respond(() => scripted);
      const c = customer(env.platform, ai);
      const started = Date.now();
      await c.send('hola, ¿qué tal?');
      const reply = await nthReply(env.platform, ai, c.waId, 1);
      expect(reply).toContain(`Tienda ${ai.slug}`); // the menu's welcome
      expect(reply).not.toContain('$30.00');
      expect(Date.now() - started).toBeLessThan(15_000);
      const person = (await ai.db.customer.findFirst({ where: { waId: c.waId } }))!;
      const turns = (await agentTurns(ai)).filter((t) => t.customerId === person.id);
      expect(turns.map((t) => t.outcome)).toEqual(['fallback']);
      expect(turns[0]!.reason).toMatch(new RegExp(`^${reason}`));
      const log = await env.api(`/api/companies/${ai.slug}/agent/turns?limit=5`, { token: ADMIN_TOKEN });
      expect(log.json.turns.some((t: { reason: string | null }) => t.reason?.startsWith(reason))).toBe(true);
    });
  }

  it('tells a malformed tool argument back to the model, which goes on', { timeout: 60_000 }, async () => {
    env.model.respond((req) => (toolResults(req).length === 0 ? { kind: 'tools', calls: [{ name: 'add_to_cart', args: '{"product_id": ' }] } : { kind: 'text', content: '¿Qué producto buscas?' }));
    const c = customer(env.platform, ai);
    await c.send('agrega eso');
    expect(await nthReply(env.platform, ai, c.waId, 1)).toContain('¿Qué producto buscas?');
    const person = (await ai.db.customer.findFirst({ where: { waId: c.waId } }))!;
    const [turn] = (await agentTurns(ai)).filter((t) => t.customerId === person.id);
    expect(turn!.outcome).toBe('answered');
    expect(turn!.toolCalls).toMatchObject([{ name: 'add_to_cart', ok: false, error: 'Los argumentos no son JSON válido.' }]);
  });

  it('answers insults briefly and kindly without asking the model', { timeout: 60_000 }, async () => {
    const chats = env.model.chats.length;
    const c = customer(env.platform, ai);
    await c.send('eres un inútil, pendejo');
    expect(await nthReply(env.platform, ai, c.waId, 1)).toContain('Estoy aquí para ayudarte');
    expect(env.model.chats.length).toBe(chats);
  });

  it('bounds the tool calls of one turn', { timeout: 60_000 }, async () => {
    env.model.respond((req) => (req.tools ? { kind: 'tools', calls: [{ name: 'view_cart', args: {} }] } : { kind: 'text', content: 'Tu carrito está vacío.' }));
    const c = customer(env.platform, ai);
    await c.send('¿qué tengo en el carrito?');
    await nthReply(env.platform, ai, c.waId, 1);
    const person = (await ai.db.customer.findFirst({ where: { waId: c.waId } }))!;
    const [turn] = (await agentTurns(ai)).filter((t) => t.customerId === person.id);
    expect((turn!.toolCalls as unknown[]).length).toBe(6);
  });
});

describe('hybrid mode', () => {
  it('lets the menu and its NLU answer what they understand, and the agent what they cannot place', { timeout: 90_000 }, async () => {
    const hybrid = await agentShop(env.platform, env.api, 'hybrid');
    env.model.respond(() => ({ kind: 'text', content: 'Para una fiesta te recomiendo garrafones: así nadie se queda sin agua 🎉' }));
    const c = customer(env.platform, hybrid);
    await c.send('hola');
    await nthReply(env.platform, hybrid, c.waId, 1);
    const chats = env.model.chats.length;
    await c.send('qué me recomiendas para una fiesta con mis compas');
    expect(await nthReply(env.platform, hybrid, c.waId, 2)).toContain('Para una fiesta te recomiendo');
    expect(env.model.chats.length).toBe(chats + 1);
    await c.send('quiero 2 garrafones');
    const menuReply = await nthReply(env.platform, hybrid, c.waId, 3);
    expect(menuReply).toContain('Garrafón');
    expect(env.model.chats.length).toBe(chats + 1);
    // The cart the menu built is still there for the menu.
    const person = (await hybrid.db.customer.findFirst({ where: { waId: c.waId } }))!;
    const session = await hybrid.db.customerSession.findFirst({ where: { customerId: person.id } });
    expect(JSON.stringify(session!.data)).toContain('Garrafón');
  });
});

describe('voice notes', () => {
  it('are transcribed and handled as text in menu mode; the transcript is kept with the message and shown in the inbox', { timeout: 90_000 }, async () => {
    const menuShop = await agentShop(env.platform, env.api, 'menu');
    env.model.setTranscript('quiero dos garrafones');
    env.platform.emulator!.store.putMedia({ id: '1234567890123457', phoneNumberId: menuShop.phoneNumberId, mimeType: 'audio/ogg', bytes: Buffer.from('OggS fake opus'), sha256: 'x', createdAt: Date.now() });
    const c = customer(env.platform, menuShop);
    await c.send('hola');
    await nthReply(env.platform, menuShop, c.waId, 1);
    const transcriptions = env.model.transcriptions.length;
    await c.send({ type: 'audio' });
    const reply = await nthReply(env.platform, menuShop, c.waId, 2);
    expect(reply).toContain('Garrafón');
    expect(env.model.transcriptions.length).toBe(transcriptions + 1);
    expect(env.model.transcriptions.at(-1)!.model).toBe('whisper-1');
    const row = await menuShop.db.message.findFirst({ where: { direction: 'inbound', type: 'audio' } });
    expect(row?.transcript).toBe('quiero dos garrafones');
    const person = (await menuShop.db.customer.findFirst({ where: { waId: c.waId } }))!;
    const msgs = await env.api(`/api/companies/${menuShop.slug}/conversations/${person.id}/messages`, { token: ADMIN_TOKEN });
    expect(msgs.json.messages.find((m: { type: string }) => m.type === 'audio').transcript).toBe('quiero dos garrafones');
    expect(sentTo(env.platform, menuShop, c.waId).length).toBe(2);
  });
});
