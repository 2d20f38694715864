// Drives the conversation engine directly against a fresh tenant schema, one customer at a time.
import { expect } from 'vitest';
import type { InboundContent, OutboundContent } from '../../src/modules/messages/index.ts';
import { createConversationEngine, type HandleResult } from '../../src/modules/conversations/index.ts';
import type { Company } from '../../src/modules/companies/index.ts';
import { upsertProducts, type ProductInput } from '../../src/modules/catalog/index.ts';
import { createTestTenantDb, testCompany, testLogger } from '../helpers/db.ts';

export type TestTenant = Awaited<ReturnType<typeof createTestTenantDb>>;


export const BASE_PRODUCTS: ProductInput[] = [
  { sku: 'GAR', name: 'Garrafón de agua 20 L', price: '45.00', unit: 'garrafón', stock: 10, imageUrl: 'https://img.example.com/garrafon.jpg' },
  { sku: 'TOM', name: 'Tomate saladet', price: '28.50', unit: 'kg', stock: 50 },
  { sku: 'CEB', name: 'Cebolla blanca', price: '24.00', unit: 'kg', stock: 40 },
  { sku: 'PAP', name: 'Papa', price: '32.00', unit: 'kg', stock: null },
  { sku: 'QUE', name: 'Queso Oaxaca', price: '160.00', unit: 'kg', stock: 5 },
  { sku: 'PAN', name: 'Pan de caja', price: '48.00', unit: 'pieza', stock: 2 },
];

let inboxSeq = 1000n;
let waSeq = 0;

export async function createHarness(opts: { products?: ProductInput[]; company?: Partial<Company>; ttl?: number; handoff?: number } = {}) {
  const tenant = await createTestTenantDb();
  await upsertProducts(tenant.db, opts.products ?? BASE_PRODUCTS, { activeProductLimit: null });
  let now = new Date('2026-11-23T18:00:00Z');
  const engine = createConversationEngine({
    logger: testLogger(),
    sessionTtlMinutes: opts.ttl ?? 120,
    handoffTimeoutMinutes: opts.handoff ?? 60,
    now: () => now,
  });
  const company = testCompany(tenant.schema, opts.company);
  return {
    tenant,
    db: tenant.db,
    company,
    engine,
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
    now: () => now,
    customer(name = 'Ana') {
      waSeq++;
      const waId = `5215512${String(process.pid % 1000).padStart(3, '0')}${String(waSeq).padStart(3, '0')}`;
      return createChatter({ engine, db: tenant.db, company }, waId, name);
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export type Sent = HandleResult & { inboxId: bigint; providerMessageId: string; reply: OutboundContent | undefined };

type Wiring = { engine: ReturnType<typeof createConversationEngine>; db: TestTenant['db']; company: Company };

function createChatter(h: Wiring, waId: string, name: string) {
  return {
    waId,
    async send(content: InboundContent | string, ids: { inboxId?: bigint; providerMessageId?: string } = {}): Promise<Sent> {
      const c: InboundContent = typeof content === 'string' ? { type: 'text', text: content } : content;
      const inboxId = ids.inboxId ?? ++inboxSeq;
      const providerMessageId = ids.providerMessageId ?? `wamid.${inboxId}.${Math.random().toString(36).slice(2)}`;
      const result = await h.engine.handleInbound(h.db, h.company, {
        inboxId,
        providerMessageId,
        waId,
        profileName: name,
        timestamp: new Date(),
        content: c,
      });
      for (const row of result.outbound) assertWithinLimits(row.content);
      // Exactly one reply to the customer per message at most; anything else goes to the shop.
      expect(result.outbound.filter((r) => r.to === waId).length).toBeLessThanOrEqual(1);
      const reply = result.outbound.find((r) => r.to === waId)?.content;
      return { ...result, inboxId, providerMessageId, reply };
    },
    tap(replyId: string, title = replyId): Promise<Sent> {
      return this.send({ type: 'interactive', replyId, title });
    },
  };
}

/** WhatsApp's interactive limits (reference §5.3–5.5). */
export function assertWithinLimits(c: OutboundContent): void {
  switch (c.kind) {
    case 'text':
      expect(c.body.length).toBeLessThanOrEqual(4096);
      expect(c.body.trim().length).toBeGreaterThan(0);
      break;
    case 'buttons': {
      expect(c.body.length).toBeLessThanOrEqual(1024);
      expect(c.buttons.length).toBeGreaterThanOrEqual(1);
      expect(c.buttons.length).toBeLessThanOrEqual(3);
      for (const b of c.buttons) {
        expect(b.title.length).toBeLessThanOrEqual(20);
        expect(b.id.length).toBeLessThanOrEqual(256);
      }
      expect(new Set(c.buttons.map((b) => b.title)).size).toBe(c.buttons.length);
      expect(new Set(c.buttons.map((b) => b.id)).size).toBe(c.buttons.length);
      if (c.footer) expect(c.footer.length).toBeLessThanOrEqual(60);
      break;
    }
    case 'list': {
      expect(c.body.length).toBeLessThanOrEqual(4096);
      expect(c.button.length).toBeLessThanOrEqual(20);
      expect(c.sections.length).toBeGreaterThanOrEqual(1);
      expect(c.sections.length).toBeLessThanOrEqual(10);
      const rows = c.sections.flatMap((s) => s.rows);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.length).toBeLessThanOrEqual(10);
      for (const s of c.sections) expect(s.title.length).toBeLessThanOrEqual(24);
      for (const r of rows) {
        expect(r.title.length).toBeLessThanOrEqual(24);
        expect(r.id.length).toBeLessThanOrEqual(200);
        if (r.description) expect(r.description.length).toBeLessThanOrEqual(72);
      }
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      break;
    }
    case 'image':
      if (c.caption) expect(c.caption.length).toBeLessThanOrEqual(1024);
      break;
  }
}

/** Every tappable id of a message. */
export function optionIds(c: OutboundContent | undefined): string[] {
  if (!c) return [];
  if (c.kind === 'buttons') return c.buttons.map((b) => b.id);
  if (c.kind === 'list') return c.sections.flatMap((s) => s.rows.map((r) => r.id));
  return [];
}

export function bodyOf(c: OutboundContent | undefined): string {
  if (!c) return '';
  if (c.kind === 'template') return c.params.join('\n');
  return c.kind === 'image' ? (c.caption ?? '') : c.body;
}
