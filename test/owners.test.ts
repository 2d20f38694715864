import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompany, customer, startTestPlatform, waitFor, type TestCompany } from './helpers/platform.ts';
import type { Platform } from '../src/composition.ts';
import { insertStaffReply, listConversation } from '../src/modules/messages/index.ts';
import { findCustomerByWaId } from '../src/modules/customers/index.ts';
import { scheduleConversationSend } from '../src/modules/inbox/index.ts';
import { createUsage, usagePeriod } from '../src/modules/usage/index.ts';

// The owners of the message log and of the usage counters, through what their callers use:
// the staff reads and replies of the messages module, and the usage module's counts.

let platform: Platform;
let a: TestCompany;
let b: TestCompany;

beforeAll(async () => {
  platform = await startTestPlatform();
  a = await createTestCompany(platform);
  b = await createTestCompany(platform);
});
afterAll(async () => {
  await platform.stop();
});

const sentTo = (shop: TestCompany, waId: string) => platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId);

describe('the message log', () => {
  it("reads a conversation newest first, a page at a time, with each message's status; a staff reply is sent in order", async () => {
    const c = customer(platform, a);
    await c.send('hola');
    await waitFor(async () => sentTo(a, c.waId).length > 0, 15_000, 'welcome reply');
    const person = (await findCustomerByWaId(a.db, c.waId))!;
    const all = await waitFor(async () => {
      const page = await listConversation(a.db, person.id, { limit: 50 });
      return page.messages.some((m) => m.direction === 'outbound' && m.status !== 'pending' && m.status !== 'sending') ? page : undefined;
    }, 10_000, 'reply recorded as accepted');
    expect(all.nextBefore).toBeNull();
    expect(all.messages.at(-1)).toMatchObject({ direction: 'inbound', body: 'hola', status: 'received' });
    expect(all.messages.map((m) => m.id)).toEqual([...all.messages.map((m) => m.id)].sort((x, y) => (x > y ? -1 : 1)));

    // Pages of one: newest first, each page ending where the next begins.
    const first = await listConversation(a.db, person.id, { limit: 1 });
    expect(first.messages.map((m) => m.id)).toEqual([all.messages[0]!.id]);
    expect(first.nextBefore).toBe(all.messages[0]!.id);
    const second = await listConversation(a.db, person.id, { limit: 1, before: first.nextBefore! });
    expect(second.messages.map((m) => m.id)).toEqual([all.messages[1]!.id]);

    // A person of the shop writes: the row waits in the log, the conversation's send job sends it.
    const { schemaName } = await platform.companies.getCompany(a.slug);
    const reply = await a.db.$transaction((tx) => insertStaffReply({ tx, schema: schemaName }, person, { kind: 'text', body: 'Hola María, ¿le ayudo?' }));
    await scheduleConversationSend(platform.pool, { channelId: a.channelId, companyId: a.id, waId: c.waId });
    const sent = await waitFor(async () => sentTo(a, c.waId).find((m) => JSON.stringify(m.body).includes('¿le ayudo?')), 15_000, 'staff reply sent');
    const newest = await waitFor(async () => {
      const page = await listConversation(a.db, person.id, { limit: 1 });
      return page.messages[0]?.providerMessageId ? page.messages[0] : undefined;
    }, 10_000, 'staff reply accepted');
    expect(newest).toMatchObject({ id: reply.id, direction: 'outbound', body: 'Hola María, ¿le ayudo?', providerMessageId: sent.wamid });
  }, 60_000);

  it("another company's conversation is not found in this company's log", async () => {
    const c = customer(platform, a);
    await c.send('hola');
    await waitFor(async () => sentTo(a, c.waId).length > 0, 15_000, 'reply');
    const person = (await findCustomerByWaId(a.db, c.waId))!;
    expect((await listConversation(b.db, person.id, { limit: 10 })).messages).toEqual([]);
  }, 30_000);
});

describe('usage counters', () => {
  it("counts a company's messages this month, and every company's in a month, busiest first", async () => {
    const usage = createUsage(platform.pool);
    const before = await usage.monthlyUsage(b.id);
    const c = customer(platform, b);
    await c.send('hola');
    const after = await waitFor(async () => {
      const u = await usage.monthlyUsage(b.id);
      return u.total > before.total ? u : undefined;
    }, 15_000, 'usage counted');
    expect(after.period).toBe(usagePeriod());
    expect(after.inbound).toBe(before.inbound + 1);
    expect(after.outbound).toBeGreaterThan(before.outbound);

    // A month nobody else writes in: exactly what was recorded, summed per company.
    const month = '2001-02';
    await usage.recordMessages([{ companyId: a.id, inbound: 2, outbound: 3 }, { companyId: b.id, inbound: 1, outbound: 1 }], month);
    await usage.recordMessages([{ companyId: a.id, inbound: 1, outbound: 0 }, { companyId: a.id, inbound: 1, outbound: 1 }], month);
    expect(await usage.usageAcrossCompanies(month)).toEqual([
      { companyId: a.id, inbound: 4, outbound: 4, total: 8 },
      { companyId: b.id, inbound: 1, outbound: 1, total: 2 },
    ]);
    expect(await usage.monthlyUsage(a.id, month)).toEqual({ period: month, inbound: 4, outbound: 4, total: 8, ai: { tokens: 0, promptTokens: 0, completionTokens: 0, costUsd: '0.000000' } });
    expect(await usage.monthlyUsage(a.id, '2001-03')).toEqual({ period: '2001-03', inbound: 0, outbound: 0, total: 0, ai: { tokens: 0, promptTokens: 0, completionTokens: 0, costUsd: '0.000000' } });
  }, 30_000);
});
