import type { Platform } from '../composition.ts';
import type { Logger } from '../platform/logger.ts';
import { upsertProducts } from '../modules/catalog/index.ts';
import { demoCompanies } from './demo-companies.ts';
import { addDemoPhotos } from './demo-photos.ts';

/** Creates the demo companies (idempotent) and loads their products the first time. */
export async function seedDemoCompanies(platform: Platform, logger: Logger) {
  const created: string[] = [];
  for (const demo of demoCompanies) {
    const { products, ...input } = demo;
    const result = await platform.companies.createCompany(input);
    if (!result.created) continue;
    const company = await platform.companies.getCompany(demo.slug);
    const db = platform.tenants.get(company.dbConnectionConfig as { schema: string; url?: string });
    await upsertProducts(db, products, { activeProductLimit: company.plan.activeProductLimit, schema: company.schemaName });
    created.push(demo.slug);
  }
  if (created.length > 0) logger.info({ companies: created }, 'demo companies created');
  await addDemoPhotos(platform, demoCompanies.map((d) => d.slug), logger);
  return { companies: demoCompanies.map((d) => d.slug), created };
}
