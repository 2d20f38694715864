import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Platform } from '../composition.ts';
import type { Logger } from '../platform/logger.ts';
import { preparePhoto, setProductPhoto } from '../modules/catalog/index.ts';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Words on up to three lines of about 14 characters. */
function lines(name: string): string[] {
  const out: string[] = [];
  for (const word of name.split(/\s+/)) {
    const last = out.at(-1);
    if (last !== undefined && (last + ' ' + word).length <= 14) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out.slice(0, 3);
}

/**
 * A product card drawn here (nothing downloaded): the name on a colour picked from the SKU, as
 * an 800 px JPEG. Fonts are whatever the system has (a card without them is still a card).
 */
export async function demoPhoto(name: string, seed: string): Promise<Buffer> {
  const hue = createHash('sha1').update(seed).digest()[0]! * 360 / 256;
  const text = lines(name)
    .map((l, i, all) => `<text x="400" y="${400 + (i - (all.length - 1) / 2) * 84}" font-family="DejaVu Sans, sans-serif" font-size="70" font-weight="bold" fill="#fff" text-anchor="middle" dominant-baseline="middle">${escapeXml(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},65%,52%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},70%,38%)"/></linearGradient></defs>
    <rect width="800" height="800" fill="url(#g)"/><circle cx="400" cy="400" r="330" fill="none" stroke="#fff" stroke-opacity="0.35" stroke-width="14"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** Demo products without a photo get a generated one (idempotent: run at every start with demo data). */
export async function addDemoPhotos(platform: Platform, slugs: string[], logger: Logger): Promise<number> {
  let added = 0;
  for (const slug of slugs) {
    const company = await platform.companies.getCompany(slug);
    const db = platform.tenants.get(company.dbConnectionConfig as { schema: string; url?: string });
    const missing = await db.product.findMany({ where: { imageUrl: null, photoKey: null }, select: { id: true, name: true, sku: true } });
    for (const p of missing) {
      const photo = await preparePhoto(await demoPhoto(p.name, p.sku ?? p.name));
      await setProductPhoto(db, platform.storage, company, p.id, photo);
      added++;
    }
  }
  if (added > 0) logger.info({ photos: added }, 'demo product photos generated');
  return added;
}
