// The whole conversations of eval/conversations/*.json, each run end to end as a customer would
// write it — signed webhook → inbox → queue → engine → the provider's emulator — on Meta and, where
// the script says so, on Twilio (options typed back as numbers). After each script the rows it
// must leave are checked: the order's items, quantities and total, the requested delivery window,
// the address or pin, the status. Every conversation must pass.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Platform } from '../../src/composition.ts';
import { createTestCompany, startTestPlatform, waitFor, type TestCompany } from '../helpers/platform.ts';
import { inboundPayload, postWebhook } from '../helpers/meta-client.ts';
import { providerChat, type Provider, type Seen } from '../helpers/provider-chat.ts';

const DIR = join(import.meta.dirname, '../../eval/conversations');

const text = z.union([z.string(), z.array(z.string())]);
const check = { expect: text.optional(), not: text.optional() };
const step = z.union([
  z.object({ say: z.string(), ...check }).strict(),
  z.object({ choose: z.string(), ...check }).strict(),
  z.object({ location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string() }), ...check }).strict(),
  z.object({ burst: z.array(z.string()).min(2), ...check }).strict(),
  // Staff move the customer's last order to a status (as the panel would).
  z.object({ staff: z.string() }).strict(),
]);
const orderRows = z.object({
  items: z.array(z.tuple([z.string(), z.string()])),
  total: z.string(),
  status: z.string().default('pendiente'),
  address: z.string().optional(),
  pin: z.boolean().optional(),
  // Days from today (shop time) of the requested window's start, and words its text keeps.
  requested: z.object({ day: z.number().int(), text: z.string(), fromHour: z.number().optional(), toHour: z.number().optional() }).nullable().optional(),
  // The stored delivery charge and how the customer gets the order (total includes the fee).
  deliveryFee: z.string().optional(),
  deliveryMethod: z.enum(['delivery', 'pickup']).optional(),
});
const conversation = z.object({
  name: z.string(),
  providers: z.array(z.enum(['meta', 'twilio'])).default(['meta']),
  steps: z.array(step).min(1),
  orders: z.array(orderRows).default([]),
  // What the shop's admin must have been told (substrings, in order of the notices).
  admin: z.array(z.string()).optional(),
  // A shop of its own for this conversation: the file's shop with these business settings instead.
  businessInfo: z.record(z.string(), z.unknown()).optional(),
});
const file = z.object({
  region: z.enum(['mx', 'ar', 'co', 'pe', 'cl', 'ca']),
  shop: z.object({
    currency: z.string(),
    locale: z.string(),
    timezone: z.string(),
    products: z.array(z.record(z.string(), z.unknown())),
    businessInfo: z.record(z.string(), z.unknown()).optional(),
  }),
  conversations: z.array(conversation),
});
type ConversationFile = z.infer<typeof file>;
type Conversation = z.infer<typeof conversation>;

const files: ConversationFile[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => file.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8'))));

const ADMIN = '5215519998888';
let platform: Platform;
const shops = new Map<string, TestCompany>();

// The conversations happen on a Wednesday at 17:00 UTC (the coming one; time runs on from there):
// every region's shop is open then (11:00 in Mexico, 14:00 in Buenos Aires), so what a script
// expects never depends on the hour the suite runs. A conversation about a closed shop gives
// its own hours.
const WEDNESDAY = 3;
const shift = (() => {
  const now = new Date();
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17, 0, 0));
  target.setUTCDate(target.getUTCDate() + ((WEDNESDAY - target.getUTCDay() + 7) % 7));
  if (target.getTime() < now.getTime()) target.setUTCDate(target.getUTCDate() + 7);
  return target.getTime() - now.getTime();
})();
const clock = () => new Date(Date.now() + shift);

const shopKey = (f: ConversationFile, provider: Provider, conv?: Conversation) => (conv?.businessInfo ? `${f.region}:${provider}:${conv.name}` : `${f.region}:${provider}`);

async function createShop(f: ConversationFile, provider: Provider, businessInfo: Record<string, unknown> | undefined) {
  const shop = await createTestCompany(platform, { products: f.shop.products, provider, adminPhone: ADMIN });
  await platform.pool.query('UPDATE companies SET currency = $1, locale = $2, timezone = $3, business_info = $4 WHERE id = $5', [
    f.shop.currency, f.shop.locale, f.shop.timezone, JSON.stringify(businessInfo ?? {}), shop.id,
  ]);
  return shop;
}

beforeAll(async () => {
  platform = await startTestPlatform({}, { now: clock });
  for (const f of files) {
    for (const provider of new Set(f.conversations.flatMap((c) => c.providers))) shops.set(shopKey(f, provider), await createShop(f, provider, f.shop.businessInfo));
    for (const c of f.conversations) {
      if (c.businessInfo) for (const provider of c.providers) shops.set(shopKey(f, provider, c), await createShop(f, provider, c.businessInfo));
    }
  }
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function checkSeen(seen: Seen, s: { expect?: string | string[]; not?: string | string[] }, label: string) {
  const all = `${seen.text}\n${seen.options.map((o) => o.title).join('\n')}`;
  for (const e of list(s.expect)) expect(all, `${label}: expected «${e}»`).toContain(e);
  for (const n of list(s.not)) expect(all, `${label}: not «${n}»`).not.toContain(n);
  // Never the plain "No entendí" with the whole menu for something a customer said in earnest.
}

function adminNotices(shop: TestCompany): string[] {
  if (shop.provider === 'meta') {
    return platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === ADMIN).map((m) => JSON.stringify(m.body));
  }
  return platform.twilioEmulator!.store.listMessages({ from: shop.phoneNumberId, to: ADMIN }).map((m) => m.body ?? '');
}

const lastCode = (replies: Seen[]): string => [...replies].reverse().map((r) => /P-\d+/.exec(r.text)?.[0]).find(Boolean) ?? 'P-0';

const dayFormat = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourIn = (d: Date, tz: string) => Number(new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' }).format(d));

async function run(f: ConversationFile, conv: Conversation, provider: Provider) {
  const shop = shops.get(shopKey(f, provider, conv))!;
  // A busy machine (the suite shares two cores) can take well over 10 s for a reply: wait longer.
  const chat = providerChat(platform, shop, 'Cliente Prueba', { replyTimeoutMs: 60_000 });
  for (const [i, s] of conv.steps.entries()) {
    const label = `${conv.name} [${provider}] step ${i + 1}`;
    if ('staff' in s) {
      const [last] = await shop.db.order.findMany({ where: { customer: { waId: chat.waId } }, orderBy: { createdAt: 'desc' }, take: 1 });
      await shop.db.order.update({ where: { id: last!.id }, data: { status: s.staff } });
      continue;
    }
    let seen: Seen;
    // "{code}": the code of the customer's last order, as they would copy it from the confirmation.
    if ('say' in s) seen = await chat.say(s.say.replace('{code}', lastCode(chat.replies())));
    else if ('choose' in s) seen = await chat.choose(s.choose);
    else if ('location' in s) seen = await chat.shareLocation(s.location.latitude, s.location.longitude, s.location.name);
    else {
      // Messages written in a row: posted together, answered as the customer meant them.
      const before = chat.replies().length;
      if (provider === 'meta') {
        // Meta delivers messages written in a row in one webhook when they pile up: stored and drained together.
        const base = Math.floor(Date.now() / 1000);
        const parts = s.burst.map((m, j) => inboundPayload({ phoneNumberId: shop.phoneNumberId, from: chat.waId, name: 'Cliente Prueba', message: { type: 'text', text: m }, timestamp: base + j }));
        const res = await postWebhook(platform.url, { object: 'whatsapp_business_account', entry: parts.map((p) => p.payload.entry[0]) });
        expect(res.status).toBe(200);
      } else {
        for (const m of s.burst) expect((await chat.delivery({ type: 'text', text: m }).post()).status).toBe(200);
      }
      // Done when a reply says what the step expects (or, without expectations, when replies stop).
      let count = 0;
      let stableSince = Date.now();
      const wanted = list(s.expect);
      await waitFor(async () => {
        const now = chat.replies().length;
        if (now !== count) {
          count = now;
          stableSince = Date.now();
        }
        const latest = chat.replies().slice(before).at(-1);
        // Messages the drain did not take together are answered one by one: wait for the last answer.
        const said = latest !== undefined && wanted.every((w) => `${latest.text}\n${latest.options.map((o) => o.title).join('\n')}`.includes(w));
        return now > before && said && Date.now() - stableSince > (wanted.length > 0 ? 2000 : 3000);
      }, 60_000, `${label} burst replies`);
      const replies = chat.replies().slice(before);
      for (const r of replies) expect(r.text, `${label}: a burst never gets "No entendí"`).not.toContain('No entendí');
      seen = replies[replies.length - 1]!;
    }
    checkSeen(seen, s, label);
  }
  const orders = await shop.db.order.findMany({ where: { customer: { waId: chat.waId } }, orderBy: { createdAt: 'asc' }, include: { items: { orderBy: { position: 'asc' } } } });
  expect(orders.length, `${conv.name}: orders`).toBe(conv.orders.length);
  const today = dayFormat(f.shop.timezone).format(clock());
  for (const [i, want] of conv.orders.entries()) {
    const got = orders[i]!;
    expect(got.items.map((it) => [it.productName, it.quantity.toString()]), `${conv.name}: items`).toEqual(want.items);
    expect(got.total.toFixed(2), `${conv.name}: total`).toBe(Number(want.total).toFixed(2));
    expect(got.status, `${conv.name}: status`).toBe(want.status);
    if (want.deliveryFee !== undefined) expect(got.deliveryFee.toFixed(2), `${conv.name}: delivery fee`).toBe(Number(want.deliveryFee).toFixed(2));
    if (want.deliveryMethod !== undefined) expect(got.deliveryMethod, `${conv.name}: delivery method`).toBe(want.deliveryMethod);
    if (want.address !== undefined) expect(got.deliveryAddress ?? '', `${conv.name}: address`).toContain(want.address);
    if (want.pin !== undefined) expect(got.latitude !== null, `${conv.name}: pin`).toBe(want.pin);
    if (want.requested === null) expect(got.requestedFrom, `${conv.name}: no requested window`).toBeNull();
    if (want.requested) {
      expect(got.requestedFrom, `${conv.name}: requested window`).not.toBeNull();
      const expectedDay = dayFormat('UTC').format(new Date(Date.parse(`${today}T12:00:00Z`) + want.requested.day * 86_400_000));
      expect(dayFormat(f.shop.timezone).format(got.requestedFrom!), `${conv.name}: requested day`).toBe(expectedDay);
      expect(got.requestedTo!.getTime()).toBeGreaterThanOrEqual(got.requestedFrom!.getTime());
      expect(got.requestedText ?? '', `${conv.name}: requested text`).toContain(want.requested.text);
      if (want.requested.fromHour !== undefined) expect(hourIn(got.requestedFrom!, f.shop.timezone)).toBe(want.requested.fromHour);
      if (want.requested.toHour !== undefined) expect(hourIn(got.requestedTo!, f.shop.timezone)).toBe(want.requested.toHour);
      // The shop's API shows the window with the order.
      const res = await fetch(`${platform.url}/api/companies/${shop.slug}/orders/${got.orderCode}`, { headers: { authorization: `Bearer ${shop.apiKey}` } });
      const body = (await res.json()) as { order: { requestedFrom: string; requestedTo: string; requestedText: string } };
      expect(body.order).toMatchObject({ requestedFrom: got.requestedFrom!.toISOString(), requestedTo: got.requestedTo!.toISOString(), requestedText: got.requestedText });
    }
  }
  // Twilio delivers free text to the admin only within 24 h of the admin writing (63016): Meta's emulator shows the notices.
  if (conv.admin && provider === 'meta') {
    // The shop's notices about this customer (they name the customer's number), sent after the reply.
    const about = () => adminNotices(shop).filter((n) => n.includes(chat.waId)).join('\n');
    await waitFor(async () => conv.admin!.every((a) => about().includes(a)), 10_000, `${conv.name}: admin notices`).catch(() => undefined);
    for (const a of conv.admin) expect(about(), `${conv.name}: admin told «${a}»`).toContain(a);
  }
}

const cases = files.flatMap((f) => f.conversations.flatMap((c) => c.providers.map((p) => ({ f, c, p }))));

describe.concurrent('whole conversations (eval/conversations)', () => {
  it('there are at least 40, in the six regions', () => {
    expect(files.reduce((n, f) => n + f.conversations.length, 0)).toBeGreaterThanOrEqual(40);
    expect(new Set(files.map((f) => f.region))).toEqual(new Set(['mx', 'ar', 'co', 'pe', 'cl', 'ca']));
  });
  it.each(cases.map((x) => [`${x.f.region} · ${x.c.name} · ${x.p}`, x] as const))('%s', async (_name, x) => {
    await run(x.f, x.c, x.p);
  }, 300_000);
});
