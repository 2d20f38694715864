// Company B's owner, staff and API key probe every inbox and live-event route on company A's
// conversation: each answer is 404 (as for a conversation that does not exist) and A is unchanged.
// Within A, staff answer customers but only owners switch the bot; assignees are A's members only.
import { beforeAll, describe, expect, it } from 'vitest';
import { customer, startTestPlatform, waitFor } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;
let conversationId: string;
let messageId: string;
let waId: string;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
});
beforeAll(async () => {
  const c = customer(platform, h.a);
  waId = c.waId;
  await c.send('hola, soy cliente de A');
  const conv = await waitFor(async () => (await h.call(`/api/companies/${h.a.slug}/conversations`, { token: h.a.apiKey })).json.conversations?.[0], 15_000, 'conversation');
  conversationId = conv.customerId;
  messageId = (await h.call(`/api/companies/${h.a.slug}/conversations/${conversationId}/messages`, { token: h.a.apiKey })).json.messages.at(-1).id;
}, 120_000);

const stateOfA = async () => ({
  messages: await h.a.db.message.count(),
  conversation: await h.a.db.conversation.findUnique({ where: { customerId: conversationId } }),
  customer: await h.a.db.customer.findUnique({ where: { id: conversationId }, select: { botPausedUntil: true, handoffAt: true } }),
  bot: (await platform.pool.query('SELECT bot_enabled FROM companies WHERE id = $1', [h.a.id])).rows[0],
});

describe('inbox across companies and roles', () => {
  it("B's owner, staff and API key get 404 on every inbox route of A's conversation, and A is unchanged", async () => {
    const before = await stateOfA();
    const a = `/api/companies/${h.a.slug}`;
    const conv = `${a}/conversations/${conversationId}`;
    const probes = [
      { path: `${a}/conversations` },
      { path: conv },
      { path: `${conv}/messages` },
      { path: `${conv}/messages`, method: 'POST', body: { kind: 'text', text: 'soy de B' } },
      { path: `${conv}/read`, method: 'POST', body: {} },
      { path: `${conv}/assignee`, method: 'PUT', body: { userId: 'me' } },
      { path: `${conv}/takeover`, method: 'POST' },
      { path: `${conv}/release`, method: 'POST' },
      { path: `${conv}/messages/${messageId}/media` },
      { path: `${a}/inbox/uploads`, method: 'POST' },
      { path: `${a}/bot` },
      { path: `${a}/bot`, method: 'PUT', body: { enabled: false } },
      { path: `${a}/events` },
      { path: `${a}/handoffs` },
      { path: `${a}/handoffs/${waId}/release`, method: 'POST' },
      { path: `${a}/messages?waId=${waId}` },
    ];
    for (const caller of h.outsiders()) {
      for (const p of probes) {
        const res = await h.call(p.path, { method: p.method, token: caller.token, body: p.body });
        expect({ who: caller.label, path: `${p.method ?? 'GET'} ${p.path}`, status: res.status }).toEqual({ who: caller.label, path: `${p.method ?? 'GET'} ${p.path}`, status: 404 });
        expect(res.text).not.toContain('hola, soy cliente de A');
      }
      // A's conversation id under B's own company: B has no such conversation.
      for (const path of [`/api/companies/${h.b.slug}/conversations/${conversationId}`, `/api/companies/${h.b.slug}/conversations/${conversationId}/messages/${messageId}/media`]) {
        expect((await h.call(path, { token: caller.token })).status).toBe(404);
      }
      const reply = await h.call(`/api/companies/${h.b.slug}/conversations/${conversationId}/messages`, { method: 'POST', token: caller.token, body: { kind: 'text', text: 'soy de B' } });
      expect(reply.status).toBe(404);
    }
    expect(await stateOfA()).toEqual(before);
  });

  it("A's staff answer, take over and assign within A; switching the bot is the owner's, and assignees must be A's members", async () => {
    const a = `/api/companies/${h.a.slug}`;
    const conv = `${a}/conversations/${conversationId}`;
    const staff = h.a.staff.token;
    const reply = await h.call(`${conv}/messages`, { method: 'POST', token: staff, body: { kind: 'text', text: 'Te atiende el equipo' } });
    expect(reply.status).toBe(201);
    const after = await h.call(conv, { token: staff });
    expect(after.json.conversation).toMatchObject({ needsPerson: true, assignedTo: { userId: h.a.staff.userId, name: h.a.staff.name } });

    const before = await stateOfA();
    const bot = await h.call(`${a}/bot`, { method: 'PUT', token: staff, body: { enabled: false } });
    expect(bot.status).toBe(403);
    expect(bot.json.error.code).toBe('FORBIDDEN');
    const outsider = await h.call(`${conv}/assignee`, { method: 'PUT', token: staff, body: { userId: h.b.staff.userId } });
    expect(outsider.status).toBe(400);
    expect(await stateOfA()).toEqual(before);

    const toOwner = await h.call(`${conv}/assignee`, { method: 'PUT', token: staff, body: { userId: h.a.owner.userId } });
    expect(toOwner.json.conversation.assignedTo).toMatchObject({ userId: h.a.owner.userId });
    const mine = await h.call(`${a}/conversations?assignedTo=me`, { token: h.a.owner.token });
    expect(mine.json.conversations.map((c: { customerId: string }) => c.customerId)).toEqual([conversationId]);
    expect((await h.call(`${a}/conversations?assignedTo=me`, { token: staff })).json.conversations).toEqual([]);

    const off = await h.call(`${a}/bot`, { method: 'PUT', token: h.a.owner.token, body: { enabled: false } });
    expect(off.json).toEqual({ enabled: false });
    expect((await h.call(`${a}/bot`, { method: 'PUT', token: h.a.owner.token, body: { enabled: true } })).json).toEqual({ enabled: true });
  });

  it('forged or signed-out sessions are 401 on the inbox and its stream', async () => {
    const a = `/api/companies/${h.a.slug}`;
    for (const token of ['forged-session-token', `${h.a.staff.token}x`]) {
      expect((await h.call(`${a}/conversations`, { token })).status).toBe(401);
      expect((await h.call(`${a}/events`, { token })).status).toBe(401);
    }
  });
});
