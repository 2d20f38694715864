// `npm run bench:panel` (after `npm run build:web`; `-- --trace` lists the page's requests): the orders board's first meaningful paint
// with 1,000 open orders. A company with 1,000 orders spread over the open statuses (placed by
// the orders module, as the bot places them), a signed-in owner in Debian's Chromium, and the
// board loaded cold and then warm: the time from navigation start to the first order card on
// screen (the board's `mostrador:board-first-card` performance mark), first contentful paint,
// how many cards the page rendered, and layout shift during the load. Prints figures; asserts none.
import { parseArgs } from 'node:util';
import os from 'node:os';
import { setup, teardown } from '../test/global-setup.ts';
import { createTestCompany, startTestPlatform } from '../test/helpers/platform.ts';
import { launchChromium, seedOrders, signedInMember } from '../test/browser/panel-orders-fixtures.ts';

const { values: args } = parseArgs({ options: { orders: { type: 'string', default: '1000' }, loads: { type: 'string', default: '5' }, trace: { type: 'boolean', default: false } } });
const ORDERS = Number(args.orders);
const LOADS = Number(args.loads);
const trace = args.trace;
const OPEN = ['pendiente', 'confirmado', 'en_preparacion', 'en_camino'];

await setup();
const platform = await startTestPlatform({ LOG_LEVEL: 'warn' });
try {
  const shop = await createTestCompany(platform, {
    products: [
      { sku: 'GAR', name: 'Garrafón 20 L', price: '45.00', unit: 'garrafón' },
      { sku: 'HIE', name: 'Bolsa de hielo 5 kg', price: '35.50', unit: 'bolsa' },
      { sku: 'TOR', name: 'Tortillas 1 kg', price: '22.00', unit: 'kg' },
    ],
  });
  const started = Date.now();
  const now = Date.now();
  const placed = await seedOrders(
    platform,
    shop,
    Array.from({ length: ORDERS }, (_, i) => ({ waId: `52155${String(10_000_000 + (i % 400)).padStart(8, '0')}`, name: `Cliente ${i % 400}`, at: new Date(now - (ORDERS - i) * 60_000), address: `Calle ${i} #${i % 90}, Col. Centro` })),
  );
  // Spread over the open statuses (a busy shop's board), in one statement.
  const schema = `tenant_${shop.slug.replace(/-/g, '_')}`;
  await platform.pool.query(`UPDATE "${schema}".orders SET status = ($1::text[])[1 + (abs(hashtext(id::text)) % 4)]`, [OPEN]);
  const counts = await platform.pool.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "${schema}".orders GROUP BY status ORDER BY status`);
  console.log(`seeded ${placed.length} open orders in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.rows.map((r) => `${r.status} ${r.n}`).join(', ')}`);

  const browser = await launchChromium();
  try {
    const { context } = await signedInMember(browser, platform.url, shop.slug, 'owner', { width: 1280, height: 800 });
    const rows: { load: string; firstCard: number; fcp: number; cards: number; shift: number }[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __shift: number };
        w.__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__shift += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`/panel/${shop.slug}/pedidos`);
      await page.waitForFunction(() => performance.getEntriesByName('mostrador:board-first-card').length > 0, undefined, { timeout: 30_000 });
      await page.waitForTimeout(500);
      const m = await page.evaluate(() => ({
        firstCard: performance.getEntriesByName('mostrador:board-first-card')[0]!.startTime,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        cards: document.querySelectorAll('li[data-order-code]').length,
        shift: (window as unknown as { __shift: number }).__shift,
        resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => `${r.startTime.toFixed(0).padStart(5)}→${r.responseEnd.toFixed(0).padStart(5)} ${r.name.replace(location.origin, '')}`),
      }));
      if (trace) console.log(m.resources.join('\n'));
      rows.push({ load: i === 0 ? 'cold' : `warm ${i}`, firstCard: m.firstCard, fcp: m.fcp, cards: m.cards, shift: m.shift });
      await page.close();
    }
    console.log(`\nboard with ${ORDERS} open orders, Chromium at 1280×800, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
    console.log('load      first card   first contentful paint   cards rendered   layout shift');
    for (const r of rows) console.log(`${r.load.padEnd(9)} ${`${r.firstCard.toFixed(0)} ms`.padStart(10)}   ${`${r.fcp.toFixed(0)} ms`.padStart(22)}   ${String(r.cards).padStart(14)}   ${r.shift.toFixed(4).padStart(12)}`);
    const warm = rows.slice(1).map((r) => r.firstCard).sort((a, b) => a - b);
    if (warm.length) console.log(`\nfirst card: cold ${rows[0]!.firstCard.toFixed(0)} ms, warm median ${warm[Math.floor(warm.length / 2)]!.toFixed(0)} ms (target ≤ 1500 ms)`);
  } finally {
    await browser.close();
  }
} finally {
  await platform.stop();
  await teardown();
}
