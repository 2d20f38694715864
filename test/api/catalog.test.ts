import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestCompany, customer, startTestPlatform, waitFor } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
});

const products = () => `/api/companies/${h.a.slug}/products`;
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } }).png().toBuffer();

async function upload(path: string, token: string, bytes: Buffer, contentType: string) {
  const res = await fetch(`${platform.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: new Uint8Array(bytes) });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, any> };
}

describe('products', () => {
  it('staff create, read, change and delete a product; SKU stays unique per company', async () => {
    const staff = h.a.staff.token;
    const cat = await h.call(`/api/companies/${h.a.slug}/categories`, { method: 'POST', token: staff, body: { name: 'Bebidas' } });
    expect(cat.status).toBe(201);
    const created = await h.call(products(), {
      method: 'POST', token: staff,
      body: { name: 'Agua mineral 600 ml', sku: 'AGM-600', price: '18.50', unit: 'botella', stock: '24', categoryId: cat.json.category.id, description: 'Con gas' },
    });
    expect(created.status).toBe(201);
    const p = created.json.product;
    expect(p).toMatchObject({ name: 'Agua mineral 600 ml', sku: 'AGM-600', price: '18.5', unit: 'botella', stock: '24', isActive: true, category: { name: 'Bebidas' } });

    const dup = await h.call(products(), { method: 'POST', token: h.a.owner.token, body: { name: 'Otra agua', sku: 'AGM-600', price: '10' } });
    expect(dup.status).toBe(409);
    expect(dup.json.error.message).toMatch(/SKU "AGM-600"/);
    // The same SKU in another company is fine: SKUs are unique per company.
    expect((await h.call(`/api/companies/${h.b.slug}/products`, { method: 'POST', token: h.b.apiKey, body: { name: 'Agua B', sku: 'AGM-600', price: '10' } })).status).toBe(201);

    const changed = await h.call(`${products()}/${p.id}`, { method: 'PATCH', token: staff, body: { price: '19', stock: null } });
    expect(changed.status).toBe(200);
    // Only the fields sent change; stock null = unlimited.
    expect(changed.json.product).toMatchObject({ price: '19', stock: null, unit: 'botella', description: 'Con gas', category: { name: 'Bebidas' } });
    expect((await h.call(`${products()}/${p.id}`, { token: h.a.apiKey })).json.product.price).toBe('19');

    const bad = await h.call(`${products()}/${p.id}`, { method: 'PATCH', token: staff, body: { price: '-3', name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION');
    expect((await h.call(`${products()}/${p.id}`, { token: staff })).json.product.name).toBe('Agua mineral 600 ml');

    expect((await h.call(`${products()}/${p.id}`, { method: 'DELETE', token: staff })).status).toBe(204);
    expect((await h.call(`${products()}/${p.id}`, { token: staff })).status).toBe(404);
    expect((await h.call(`${products()}/no-es-uuid`, { token: staff })).status).toBe(400);
  });

  it('search forgives accents, plurals and typos, matches SKUs, filters and pages', async () => {
    const token = h.a.owner.token;
    const seed = [
      { sku: 'VER-001', name: 'Jitomate saladet', price: '28', unit: 'kg', stock: '0' },
      { sku: 'VER-002', name: 'Cebolla blanca', price: '22', unit: 'kg', stock: '15' },
      { sku: 'VER-003', name: 'Plátano tabasco', price: '19', unit: 'kg' },
      { sku: 'ABA-010', name: 'Arroz morelos 1 kg', price: '32', unit: 'bolsa', isActive: false },
    ];
    expect((await h.call(products(), { method: 'POST', token, body: { products: seed } })).status).toBe(200);
    const names = async (query: string) => (await h.call(`${products()}?${query}`, { token })).json.products.map((p: { name: string }) => p.name);
    expect(await names('q=platano')).toEqual(['Plátano tabasco']);
    expect(await names('q=sebolla')).toEqual(['Cebolla blanca']);
    expect(await names('q=jitomates')).toEqual(['Jitomate saladet']);
    expect((await names('q=ver-00')).length).toBe(3);
    expect(await names('q=ABA-010')).toEqual(['Arroz morelos 1 kg']);
    expect(await names('active=false')).toEqual(['Arroz morelos 1 kg']);
    expect(await names('q=ver&inStock=false')).toEqual(['Jitomate saladet']);
    expect(await names('inStock=true&q=VER')).toEqual(['Cebolla blanca', 'Plátano tabasco']);
    const page1 = await h.call(`${products()}?pageSize=2&page=1`, { token });
    const page2 = await h.call(`${products()}?pageSize=2&page=2`, { token });
    expect(page1.json.total).toBeGreaterThanOrEqual(4);
    expect(page1.json.products).toHaveLength(2);
    expect(new Set([...page1.json.products, ...page2.json.products].map((p: { id: string }) => p.id)).size).toBe(4);
    for (const q of ['pageSize=0', 'pageSize=500', 'page=abc', 'active=maybe', 'categoryId=x']) {
      expect((await h.call(`${products()}?${q}`, { token })).status, q).toBe(400);
    }
  });

  it('activating products beyond the plan answers 402 and writes nothing', async () => {
    // Básico: 50 active products.
    const small = await createTestCompany(platform, { plan: 'basico', products: Array.from({ length: 50 }, (_, i) => ({ name: `Producto ${i}`, price: '1' })) });
    const path = `/api/companies/${small.slug}/products`;
    const over = await h.call(path, { method: 'POST', token: small.apiKey, body: { name: 'Uno de más', price: '5' } });
    expect(over.status).toBe(402);
    expect(over.json.error.code).toBe('PLAN_LIMIT');
    expect(await small.db.product.count({ where: { name: 'Uno de más' } })).toBe(0);
    // An inactive product does not count; activating it does.
    const inactive = await h.call(path, { method: 'POST', token: ADMIN_TOKEN, body: { name: 'Uno de más', price: '5', isActive: false } });
    expect(inactive.status).toBe(201);
    const activate = await h.call(`${path}/${inactive.json.product.id}`, { method: 'PATCH', token: small.apiKey, body: { isActive: true } });
    expect(activate.status).toBe(402);
    expect((await small.db.product.findUniqueOrThrow({ where: { id: inactive.json.product.id } })).isActive).toBe(false);
  });
});

describe('categories', () => {
  it('names are unique whatever their case; deleting one leaves its products uncategorised', async () => {
    const base = `/api/companies/${h.a.slug}/categories`;
    const token = h.a.staff.token;
    const fruit = await h.call(base, { method: 'POST', token, body: { name: 'Frutas' } });
    expect((await h.call(base, { method: 'POST', token, body: { name: 'frutas' } })).status).toBe(409);
    const p = await h.call(products(), { method: 'POST', token, body: { name: 'Mango ataulfo', price: '35', unit: 'kg', categoryId: fruit.json.category.id } });
    const list = await h.call(base, { token });
    expect(list.json.categories.find((c: { name: string }) => c.name === 'Frutas').productCount).toBe(1);
    expect((await h.call(`${products()}?categoryId=${fruit.json.category.id}`, { token })).json.products.map((x: { name: string }) => x.name)).toEqual(['Mango ataulfo']);
    expect((await h.call(`${base}/${fruit.json.category.id}`, { method: 'PATCH', token, body: { name: 'Frutas de temporada' } })).json.category.name).toBe('Frutas de temporada');
    expect((await h.call(`${base}/${fruit.json.category.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await h.call(`${products()}/${p.json.product.id}`, { token })).json.product.category).toBeNull();
    expect((await h.call(products(), { method: 'POST', token, body: { name: 'Sin cat', price: '1', categoryId: fruit.json.category.id } })).status).toBe(404);
  });
});

describe('product photos', () => {
  it('an upload is checked by content, re-encoded to a JPEG of at most 1600 px, served by URL and shown by the bot', async () => {
    const created = await h.call(products(), { method: 'POST', token: h.a.staff.token, body: { name: 'Pastel de chocolate', price: '250', unit: 'pieza' } });
    const id = created.json.product.id;
    // A PNG with transparency sent as "image/jpeg": the content decides.
    const up = await upload(`${products()}/${id}/photo`, h.a.staff.token, await png(3000, 2000), 'image/jpeg');
    expect(up.status).toBe(200);
    const url: string = up.json.product.imageUrl;
    expect(up.json.product.hasUploadedPhoto).toBe(true);
    expect(url).toMatch(new RegExp(`^${platform.url}/media/public/`));
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1067 });

    // The customer asks for it on WhatsApp: the product's detail carries the photo by link.
    const c = customer(platform, h.a);
    await c.send('hola');
    await waitFor(async () => platform.emulator!.store.listOutbound({ phoneNumberId: h.a.phoneNumberId }).some((m) => m.waId === c.waId), 10_000, 'welcome');
    const sent = () => platform.emulator!.store.listOutbound({ phoneNumberId: h.a.phoneNumberId }).filter((m) => m.waId === c.waId).length;
    await c.send('1');
    await waitFor(async () => sent() >= 2, 10_000, 'catalog page');
    await c.send('pastel de chocolate');
    const detail = await waitFor(async () =>
      platform.emulator!.store.listOutbound({ phoneNumberId: h.a.phoneNumberId }).find((m) => m.waId === c.waId && JSON.stringify(m.body).includes('Pastel de chocolate') && JSON.stringify(m.body).includes('"image"')), 10_000, 'product detail');
    expect(JSON.stringify(detail.body)).toContain(url);

    // A new photo replaces the old file.
    const again = await upload(`${products()}/${id}/photo`, h.a.owner.token, await sharp({ create: { width: 400, height: 400, channels: 3, background: '#00ff00' } }).webp().toBuffer(), 'image/webp');
    expect(again.status).toBe(200);
    expect(again.json.product.imageUrl).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    // Removing it.
    const removed = await h.call(`${products()}/${id}/photo`, { method: 'DELETE', token: h.a.staff.token });
    expect(removed.json.product).toMatchObject({ imageUrl: null, hasUploadedPhoto: false });
    expect((await fetch(again.json.product.imageUrl)).status).toBe(404);
  });

  it('a multipart form works; a non-image (415), an empty or huge body (400, 413) leave the product unchanged', async () => {
    const created = await h.call(products(), { method: 'POST', token: h.a.staff.token, body: { name: 'Galletas', price: '20' } });
    const id = created.json.product.id;
    const form = new FormData();
    form.set('photo', new Blob([new Uint8Array(await png(200, 100))], { type: 'image/png' }), 'galletas.png');
    const multipart = await fetch(`${platform.url}${products()}/${id}/photo`, { method: 'PUT', headers: { authorization: `Bearer ${h.a.apiKey}` }, body: form });
    expect(multipart.status).toBe(200);
    const withPhoto = ((await multipart.json()) as { product: { imageUrl: string } }).product.imageUrl;

    const pdf = await upload(`${products()}/${id}/photo`, h.a.staff.token, Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'), 'image/png');
    expect(pdf.status).toBe(415);
    expect(pdf.json.error.message).toMatch(/no es una imagen/);
    const truncated = (await png(300, 300)).subarray(0, 120);
    expect((await upload(`${products()}/${id}/photo`, h.a.staff.token, truncated, 'image/png')).status).toBe(415);
    expect((await upload(`${products()}/${id}/photo`, h.a.staff.token, Buffer.alloc(0), 'image/png')).status).toBe(400);
    const huge = await upload(`${products()}/${id}/photo`, h.a.staff.token, Buffer.alloc(16 * 1024 * 1024, 1), 'image/jpeg');
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await h.call(`${products()}/${id}`, { token: h.a.staff.token })).json.product.imageUrl).toBe(withPhoto);
    expect((await fetch(withPhoto)).status).toBe(200);
    // Private or made-up media paths are not served.
    expect((await fetch(`${platform.url}/media/private/${h.a.id}/x.jpg`)).status).toBe(404);
    expect((await fetch(`${platform.url}/media/public/../../etc/passwd`)).status).toBe(404);
  });
});

describe('CSV import and export', () => {
  const csvCall = (query: string, csv: string, token = h.a.staff.token) =>
    h.call(`${products()}/import?${query}`, { method: 'POST', token, raw: csv, headers: { 'content-type': 'text/csv' } });

  it('a preview says what would change, line by line, and writes nothing; apply writes it; export reads back the same', async () => {
    await h.call(products(), { method: 'POST', token: h.a.owner.token, body: { products: [{ sku: 'CSV-1', name: 'Frijol negro', price: '30', unit: 'kg', stock: '5' }, { sku: 'CSV-2', name: 'Lenteja', price: '25', unit: 'kg' }] } });
    const csv = 'sku;nombre;precio;categoria;activo\nCSV-1;Frijol negro;31.50;Granos;sí\nCSV-2;Lenteja;25;Granos;no\nCSV-3;Garbanzo;29;Granos;sí\n';
    const preview = await csvCall('dryRun=true', csv);
    expect(preview.status).toBe(200);
    expect(preview.json.applied).toBe(false);
    expect(preview.json.summary).toMatchObject({ create: 1, update: 1, deactivate: 1, errors: 0 });
    expect(preview.json.changes.find((c: { sku: string }) => c.sku === 'CSV-1')).toMatchObject({ line: 2, action: 'update', fields: expect.arrayContaining(['precio', 'categoria']) });
    expect(preview.json.newCategories).toEqual(['Granos']);
    expect(await h.a.db.product.count({ where: { sku: 'CSV-3' } })).toBe(0);

    const applied = await csvCall('dryRun=false', csv);
    expect(applied.status).toBe(200);
    expect(applied.json.applied).toBe(true);
    const frijol = await h.a.db.product.findUniqueOrThrow({ where: { sku: 'CSV-1' }, include: { category: true } });
    // Columns the file does not have (unidad, existencias) stay as they were.
    expect({ price: frijol.price.toString(), stock: frijol.stock?.toString(), unit: frijol.unit, category: frijol.category?.name }).toEqual({ price: '31.5', stock: '5', unit: 'kg', category: 'Granos' });
    expect((await h.a.db.product.findUniqueOrThrow({ where: { sku: 'CSV-2' } })).isActive).toBe(false);

    const exported = await fetch(`${platform.url}${products()}/export.csv`, { headers: { authorization: `Bearer ${h.a.staff.token}` } });
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await exported.arrayBuffer());
    // A BOM, so spreadsheets read the accents as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFsku,nombre,descripcion,categoria,precio,unidad,existencias,activo,imagen');
    expect(text).toContain('CSV-3,Garbanzo,,Granos,29.00,pieza,,sí,');
    // The export imported again changes nothing.
    const roundTrip = await csvCall('dryRun=true', text);
    expect(roundTrip.json.summary).toMatchObject({ create: 0, update: 0, deactivate: 0, errors: 0 });
  });

  it('a bad file is refused with every error by line in Spanish, and nothing is written', async () => {
    const before = await h.a.db.product.count();
    const csv = 'nombre,precio,existencias\nBueno,10,\n,5,\nCaro,abc,\nRaro,3,-2\n';
    const preview = await csvCall('', csv);
    expect(preview.json.summary.errors).toBe(3);
    expect(preview.json.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/^Línea 3: nombre: /),
      expect.stringMatching(/^Línea 4: precio: /),
      expect.stringMatching(/^Línea 5: existencias: /),
    ]);
    const applied = await csvCall('dryRun=false', csv);
    expect(applied.status).toBe(400);
    expect(applied.json.error.message).toMatch(/No se importó nada/);
    expect(await h.a.db.product.count()).toBe(before);
    expect((await csvCall('dryRun=false', 'sku,unidad\nX,kg\n')).status).toBe(400);
    expect((await csvCall('dryRun=false', 'nombre,precio\nA\u0000,1\n')).status).toBe(400);
    expect((await csvCall('dryRun=quizas', 'nombre,precio\nA,1\n')).status).toBe(400);
    expect(await h.a.db.product.count()).toBe(before);
  });

  it('reads a Windows-1252 file (Excel in Spanish) and formula-looking cells round-trip', async () => {
    const latin = Buffer.from('nombre;precio;descripcion\nPiña miel;42;=1+1 no es fórmula\n', 'latin1');
    const res = await fetch(`${platform.url}${products()}/import?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${h.a.owner.token}`, 'content-type': 'text/csv' }, body: new Uint8Array(latin) });
    expect(res.status).toBe(200);
    const pina = await h.a.db.product.findFirstOrThrow({ where: { name: 'Piña miel' } });
    expect(pina.description).toBe('=1+1 no es fórmula');
    const text = await (await fetch(`${platform.url}${products()}/export.csv`, { headers: { authorization: `Bearer ${h.a.owner.token}` } })).text();
    expect(text).toContain(",'=1+1 no es fórmula,");
  });
});
