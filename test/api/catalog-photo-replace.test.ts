// A stored product photo is never left behind when something else replaces its link: the legacy
// product list (POST …/products with a list), a PATCH with another imageUrl, and a CSV import with
// an "imagen" column each detach the photo and delete its file once committed (served 404). A list
// that gives the photo's own URL back keeps it.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { startTestPlatform } from '../helpers/platform.ts';
import { withIsolatedPlatform, type IsolationHarness } from './isolation-harness.ts';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let h: IsolationHarness;

withIsolatedPlatform((p, harness) => {
  platform = p;
  h = harness;
});

const products = () => `/api/companies/${h.a.slug}/products`;

/** A product with an uploaded photo: its id, SKU and the photo's URL (served 200). */
async function withPhoto(sku: string) {
  const created = await h.call(products(), { method: 'POST', token: h.a.staff.token, body: { name: `Pan ${sku}`, sku, price: '12', unit: 'pieza' } });
  expect(created.status).toBe(201);
  const id = created.json.product.id as string;
  const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c08040' } }).jpeg().toBuffer();
  const res = await fetch(`${platform.url}${products()}/${id}/photo`, { method: 'PUT', headers: { authorization: `Bearer ${h.a.staff.token}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg) });
  expect(res.status).toBe(200);
  const url = ((await res.json()) as { product: { imageUrl: string } }).product.imageUrl;
  expect((await fetch(url)).status).toBe(200);
  return { id, sku, url };
}

const productRow = (id: string) => h.a.db.product.findUniqueOrThrow({ where: { id } });

describe('replacing a stored photo', () => {
  it('the legacy product list with another link deletes the old file; with the same link keeps it', async () => {
    const kept = await withPhoto('PAN-1');
    const replaced = await withPhoto('PAN-2');
    const res = await h.call(products(), {
      method: 'POST', token: h.a.staff.token,
      body: { products: [
        { sku: kept.sku, name: 'Pan PAN-1', price: '13', unit: 'pieza', imageUrl: kept.url },
        { sku: replaced.sku, name: 'Pan PAN-2', price: '13', unit: 'pieza', imageUrl: 'https://cdn.example.com/pan.jpg' },
      ] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ created: 0, updated: 2 });
    expect((await fetch(kept.url)).status).toBe(200);
    expect((await productRow(kept.id)).photoKey).not.toBeNull();
    expect((await fetch(replaced.url)).status).toBe(404);
    expect(await productRow(replaced.id)).toMatchObject({ photoKey: null, imageUrl: 'https://cdn.example.com/pan.jpg' });
  });

  it('a list without the photo drops it and its file', async () => {
    const p = await withPhoto('PAN-3');
    expect((await h.call(products(), { method: 'POST', token: h.a.staff.token, body: [{ sku: p.sku, name: 'Pan PAN-3', price: '12', unit: 'pieza' }] })).status).toBe(200);
    expect((await fetch(p.url)).status).toBe(404);
    expect(await productRow(p.id)).toMatchObject({ photoKey: null, imageUrl: null });
  });

  it('a PATCH with another imageUrl deletes the old file', async () => {
    const p = await withPhoto('PAN-4');
    const res = await h.call(`${products()}/${p.id}`, { method: 'PATCH', token: h.a.staff.token, body: { imageUrl: 'https://cdn.example.com/otro.jpg' } });
    expect(res.status).toBe(200);
    expect((await fetch(p.url)).status).toBe(404);
    expect((await productRow(p.id)).photoKey).toBeNull();
  });

  it('a CSV import whose imagen column changes the link deletes the old file', async () => {
    const p = await withPhoto('PAN-5');
    const csv = `sku,nombre,precio,imagen\n${p.sku},Pan PAN-5,12,https://cdn.example.com/csv.jpg\n`;
    const res = await fetch(`${platform.url}${products()}/import?dryRun=false`, { method: 'POST', headers: { authorization: `Bearer ${h.a.staff.token}`, 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    expect((await fetch(p.url)).status).toBe(404);
    expect(await productRow(p.id)).toMatchObject({ photoKey: null, imageUrl: 'https://cdn.example.com/csv.jpg' });
  });
});
