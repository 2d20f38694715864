// GET /api/companies/<slug>/order-counts: the board's column counts, under the list's filters,
// for members only (another company's people get 404 as for a company that does not exist).
import { describe, expect, it } from 'vitest';
import { startTestPlatform } from '../helpers/platform.ts';
import { seedOrders } from '../browser/panel-orders-fixtures.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
}, { companies: { products: [{ sku: 'GAR', name: 'Garrafón 20 L', price: '45', unit: 'garrafón' }] } });

const counts = (q = '', token = h.a.staff.token, slug = h.a.slug) => h.call(`/api/companies/${slug}/order-counts${q}`, { token });
const asMap = (json: { counts: { status: string; count: number }[] }) => Object.fromEntries(json.counts.map((c) => [c.status, c.count]));

describe('order counts per status', () => {
  it('counts every status (zero included) under the same filters as the list', async () => {
    const placed = await seedOrders(platform, h.a, [
      { waId: '5215550001111', name: 'Rosa Méndez' },
      { waId: '5215550001111', name: 'Rosa Méndez' },
      { waId: '5215550002222', name: 'Jorge Ruiz' },
    ]);
    const moved = await h.call(`/api/companies/${h.a.slug}/orders/${placed[0]!.orderCode}`, { method: 'PATCH', token: h.a.staff.token, body: { status: 'confirmado' } });
    expect(moved.status).toBe(200);

    const all = await counts();
    expect(all.status).toBe(200);
    const statuses = (await h.call(`/api/companies/${h.a.slug}/order-statuses`, { token: h.a.staff.token })).json.statuses as { code: string }[];
    expect(all.json.counts.map((c: { status: string }) => c.status)).toEqual(statuses.map((s) => s.code));
    expect(asMap(all.json as never)).toMatchObject({ pendiente: 2, confirmado: 1, entregado: 0 });

    expect(asMap((await counts('?q=Rosa')).json as never)).toMatchObject({ pendiente: 1, confirmado: 1 });
    expect(asMap((await counts('?waId=5215550002222')).json as never)).toMatchObject({ pendiente: 1, confirmado: 0 });
    expect(asMap((await counts('?from=2000-01-01&to=2000-01-02')).json as never).pendiente).toBe(0);
  });

  it('answers 404 to another company’s people and 400 with a Spanish message on a bad filter', async () => {
    for (const outsider of h.outsiders()) expect((await counts('', outsider.token)).status).toBe(404);
    const bad = await counts('?from=ayer');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/from/);
  });
});
