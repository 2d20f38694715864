import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../../src/generated/tenant/client.ts';
import { emojiNumber, t } from '../../src/modules/conversations/conversations.messages.ts';
import { show, toMenu, type FlowDef } from '../../src/modules/conversations/flows/flow.ts';
import { flows } from '../../src/modules/conversations/flows/flows.ts';
import { createRegistry, UnknownStepError } from '../../src/modules/conversations/flows/registry.ts';
import { bodyOf, createHarness, optionIds, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h.tenant.close();
});

const sessionOf = (customerId: string) => h.db.customerSession.findUniqueOrThrow({ where: { customerId } });

describe('the flow table', () => {
  it('throws for a step no flow declares instead of handing it to some other step', () => {
    expect(() => flows.step('bogus')).toThrow(UnknownStepError);
    expect(() => flows.flowOf('bogus')).toThrow(UnknownStepError);
    expect(flows.flowOf('confirm')).toBe('order');
    expect(flows.flowOf('product')).toBe('catalog');
  });

  it('refuses to start when a step a session may hold has no flow, or two flows declare one', () => {
    const menuOnly: FlowDef = { name: 'menu', cancel: toMenu, menu: toMenu, hint: () => '', steps: { menu: { render: () => show({ step: 'menu' }) } } };
    expect(() => createRegistry([menuOnly])).toThrow(UnknownStepError);
    expect(() => createRegistry([menuOnly, menuOnly])).toThrow(/declared by two flows/);
    const noWords: FlowDef = { name: 'x', steps: { menu: { render: () => show({ step: 'menu' }) } } };
    expect(() => createRegistry([noWords])).toThrow(/must say what "cancelar" and "menú" mean/);
  });

  it('numbers menu options with emoji for any count', () => {
    expect([1, 4, 5, 9, 10, 12].map(emojiNumber)).toEqual(['1️⃣', '4️⃣', '5️⃣', '9️⃣', '🔟', '1️⃣2️⃣']);
    const body = t.menuBody(['A', 'B', 'C', 'D', 'E', 'F'], 0, undefined);
    expect(body).toContain('5️⃣ E');
    expect(body).toContain('6️⃣ F');
    expect(body).not.toContain('undefined');
  });
});

describe('stored sessions', () => {
  it('a stored step no flow declares is reported and the customer is taken back to the menu, never left unanswered', async () => {
    const c = h.customer();
    const first = await c.send('hola');
    const session = await sessionOf(first.customerId);
    const data = { ...(session.data as Prisma.JsonObject), state: { step: 'bogus' } };
    await h.db.customerSession.update({ where: { customerId: first.customerId }, data: { data, lastStep: 'bogus' } });
    const reply = await c.send('hola');
    expect(reply.events).toContainEqual({ type: 'session_reset', detail: expect.objectContaining({ step: 'bogus' }) });
    expect(bodyOf(reply.reply)).toMatch(/perdí el hilo/);
    expect((await sessionOf(first.customerId)).lastStep).toBe('menu');
  });

  it('a session stored before the flow table (no newer fields) resumes at its step', async () => {
    const c = h.customer();
    await c.send('hola');
    const asked = await c.send('queso');
    const cheese = (await h.db.product.findUniqueOrThrow({ where: { sku: 'QUE' } })).id;
    expect(optionIds(asked.reply)).toEqual([1, 2, 3].map((n) => `qty:${cheese}:${n}`));
    // Exactly what the previous version wrote: no `ordered`.
    const old = { state: { step: 'quantity', productId: cheese, mode: 'add' }, cart: [], delivery: null, queue: [], limitNoticeDay: null };
    await h.db.customerSession.update({ where: { customerId: asked.customerId }, data: { data: old } });
    const r = await c.send('medio kilo');
    expect(bodyOf(r.reply)).toContain('✅ Agregué 0.5 kg de *Queso Oaxaca*');
    expect(await sessionOf(r.customerId)).toMatchObject({ flow: 'order', lastStep: 'cart' });
  });

  it('a session that no longer parses but names a known step starts afresh, as before', async () => {
    const c = h.customer();
    const first = await c.send('hola');
    await h.db.customerSession.update({ where: { customerId: first.customerId }, data: { data: { state: { step: 'catalog', page: -3 } } } });
    const r = await c.send('zzz');
    expect(bodyOf(r.reply)).toContain('No entendí');
    expect(optionIds(r.reply)).toContain('menu:catalog');
  });
});

describe('taps and words named like object properties', () => {
  it('are stale buttons or not understood, never a crash', async () => {
    const c = h.customer();
    await c.send('hola');
    for (const id of ['toString', 'constructor:x', '__proto__:a:b', 'hasOwnProperty']) {
      expect(bodyOf((await c.tap(id)).reply)).toContain('Ese botón es de un mensaje anterior');
    }
    await c.send('2');
    const r = await c.send('2 constructor');
    expect(bodyOf(r.reply)).toContain('No encontré «constructor»');
  });
});

describe('modules', () => {
  it('the conversation module has no import cycles', () => {
    const root = resolve(import.meta.dirname, '../../src/modules/conversations');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    const imports = new Map(files.map((f) => [
      f,
      [...readFileSync(f, 'utf8').matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => resolve(dirname(f), m[1]!)).filter((d) => files.includes(d)),
    ]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const d of imports.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].map((x) => relative(root, x)).join(' → '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
