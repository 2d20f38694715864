// Staff replies record who of the shop sent them (the member with the name they had, the API key,
// or the platform), through the real path: a customer writes (signed webhook → engine), staff
// answer through the inbox API, and the conversation's messages show each sender.
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, customer, startTestPlatform, waitFor } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
});

describe('who sent a staff reply', () => {
  it('each reply names its sender; the bot\'s replies and the customer\'s messages name none', async () => {
    const c = customer(platform, h.a);
    await c.send('hola');
    const conv = await waitFor(async () => {
      const res = await h.call(`/api/companies/${h.a.slug}/conversations`, { token: h.a.staff.token });
      return (res.json.conversations as { customerId: string; customer: { waId: string } }[] | undefined)?.find((x) => x.customer.waId === c.waId);
    }, 15_000, 'conversation');
    const path = `/api/companies/${h.a.slug}/conversations/${conv.customerId}/messages`;
    const say = (token: string, text: string) => h.call(path, { method: 'POST', token, body: { kind: 'text', text } });

    const byStaff = await say(h.a.staff.token, 'Hola, te atiende el equipo');
    expect(byStaff.status).toBe(201);
    expect(byStaff.json.message.sentBy).toEqual({ kind: 'user', id: h.a.staff.userId, name: h.a.staff.name });
    const byKey = await say(h.a.apiKey, 'Mensaje de la integración');
    expect(byKey.json.message.sentBy).toMatchObject({ kind: 'api_key', id: expect.any(String), name: null });
    const byPlatform = await say(ADMIN_TOKEN, 'Mensaje de soporte');
    expect(byPlatform.json.message.sentBy).toEqual({ kind: 'platform', id: null, name: null });

    // The member's name is the one they had: a later rename does not rewrite it.
    await platform.pool.query('UPDATE public.users SET name = $1 WHERE id = $2', ['Otro Nombre', h.a.staff.userId]);
    const list = await h.call(`${path}?limit=50`, { token: h.a.owner.token });
    const messages = list.json.messages as { id: string; direction: string; text: string | null; sentBy: unknown }[];
    expect(messages.find((m) => m.id === byStaff.json.message.id)?.sentBy).toEqual({ kind: 'user', id: h.a.staff.userId, name: h.a.staff.name });
    expect(messages.find((m) => m.id === byKey.json.message.id)?.sentBy).toMatchObject({ kind: 'api_key' });
    const others = messages.filter((m) => ![byStaff, byKey, byPlatform].some((r) => r.json.message.id === m.id));
    expect(others.some((m) => m.direction === 'inbound')).toBe(true);
    expect(others.some((m) => m.direction === 'outbound')).toBe(true);
    expect(others.every((m) => m.sentBy === null)).toBe(true);
  });
});
