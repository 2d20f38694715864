// The company's order-status flow edited by its owner: the table is replaced whole, refused whole
// when it names unknown statuses, leaves a final status, or strands a status (unreachable from
// "pendiente", or with no way on to a final one); status changes follow the new table at once.
// Staff and API keys get 403; another company's owner 404.
import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../src/modules/orders/index.ts';
import { toCompany } from '../../src/modules/companies/index.ts';
import { transitionProblems } from '../../src/modules/orders/order-transitions.ts';
import { startTestPlatform } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
}, { companies: { products: [{ sku: 'GAR', name: 'Garrafón 20 L', price: '45', unit: 'garrafón', stock: null }] } });

const FLOW = [
  { from: 'pendiente', to: 'confirmado' },
  { from: 'pendiente', to: 'en_preparacion' },
  { from: 'confirmado', to: 'en_preparacion' },
  { from: 'en_preparacion', to: 'en_camino' },
  { from: 'en_camino', to: 'entregado' },
  { from: 'pendiente', to: 'cancelado' },
  { from: 'confirmado', to: 'cancelado' },
];
const path = () => `/api/companies/${h.a.slug}/order-statuses/transitions`;
const put = (token: string, transitions: unknown) => h.call(path(), { method: 'PUT', token, body: { transitions } });
const table = async () => (await h.call(`/api/companies/${h.a.slug}/order-statuses`, { token: h.a.staff.token })).json.statuses as { code: string; next: string[] }[];

async function newOrder() {
  const gar = await h.a.db.product.findFirstOrThrow({ where: { sku: 'GAR' } });
  const customer = await h.a.db.customer.upsert({ where: { waId: '5215550001111' }, create: { waId: '5215550001111', name: 'Ana' }, update: {} });
  const shop = toCompany(await platform.companies.getCompany(h.a.slug));
  const placed = await h.a.db.$transaction((tx) => placeOrder(tx, shop, { customerId: customer.id, lines: [{ productId: gar.id, quantity: '1' }], delivery: { addressId: null, address: 'Av. Juárez 10', latitude: null, longitude: null }, sourceMessageId: null }));
  if (!placed.ok) throw placed.error;
  return placed.order.orderCode;
}
const move = (code: string, status: string) => h.call(`/api/companies/${h.a.slug}/orders/${code}`, { method: 'PATCH', token: h.a.staff.token, body: { status } });

describe('order-status transitions', () => {
  it('only the owner edits them: staff and the API key 403, another company\'s owner 404, nothing changed', async () => {
    const before = await table();
    expect((await put(h.a.staff.token, FLOW)).status).toBe(403);
    expect((await put(h.a.apiKey, FLOW)).status).toBe(403);
    expect((await put(h.b.owner.token, FLOW)).status).toBe(404);
    expect(await table()).toEqual(before);
  });

  it('the owner replaces the table and status changes follow it at once', async () => {
    const res = await put(h.a.owner.token, [...FLOW, FLOW[0]]);
    expect(res.status, res.text).toBe(200);
    const next = Object.fromEntries((res.json.statuses as { code: string; next: string[] }[]).map((s) => [s.code, [...s.next].sort()]));
    expect(next).toEqual({
      pendiente: ['cancelado', 'confirmado', 'en_preparacion'],
      confirmado: ['cancelado', 'en_preparacion'],
      en_preparacion: ['en_camino'],
      en_camino: ['entregado'],
      entregado: [],
      cancelado: [],
    });
    const code = await newOrder();
    // The seeded table allowed pendiente → en_camino; this one does not.
    const refused = await move(code, 'en_camino');
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('Desde aquí puede pasar a');
    expect((await move(code, 'en_preparacion')).status).toBe(200);
    // Nor cancelling once in preparation.
    expect((await move(code, 'cancelado')).status).toBe(409);
    expect((await move(code, 'en_camino')).status).toBe(200);
    const detail = await h.call(`/api/companies/${h.a.slug}/orders/${code}`, { token: h.a.staff.token });
    expect(detail.json.order.nextStatuses.map((s: { code: string }) => s.code)).toEqual(['entregado']);
  });

  it('a table that would strand orders is refused whole, with the reasons in Spanish', async () => {
    const before = await table();
    const cases: [unknown, string][] = [
      [[...FLOW, { from: 'pendiente', to: 'perdido' }], 'Estos estados no existen: perdido'],
      [[...FLOW, { from: 'entregado', to: 'pendiente' }], 'es un estado final'],
      [[...FLOW, { from: 'en_camino', to: 'en_camino' }], 'no puede pasar a sí mismo'],
      [FLOW.filter((t) => t.to !== 'en_camino'), 'Ningún pedido podría llegar a «En camino»'],
      [FLOW.filter((t) => t.from !== 'en_camino').concat([{ from: 'en_camino', to: 'en_preparacion' }]), 'quedaría atorado'],
    ];
    for (const [transitions, words] of cases) {
      const res = await put(h.a.owner.token, transitions);
      expect(res.status, JSON.stringify(transitions)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
      expect(res.json.error.message).toContain(words);
      expect(res.json.error.details.problems.length).toBeGreaterThan(0);
    }
    for (const bad of [{ transitions: 'todo' }, { transitions: [{ from: 1, to: 'x' }] }, { transitions: FLOW, extra: true }]) {
      expect((await h.call(path(), { method: 'PUT', token: h.a.owner.token, body: bad })).status).toBe(400);
    }
    expect(await table()).toEqual(before);
  });

  it('transitionProblems: the seeded flow is valid', () => {
    const statuses = ['pendiente', 'confirmado', 'en_preparacion', 'en_camino'].map((code) => ({ code, label: code, isFinal: false }))
      .concat(['entregado', 'cancelado'].map((code) => ({ code, label: code, isFinal: true })));
    expect(transitionProblems(statuses, FLOW)).toEqual([]);
    // Nothing reachable but «pendiente», which itself has no way out.
    expect(transitionProblems(statuses, [])).toHaveLength(6);
  });
});
