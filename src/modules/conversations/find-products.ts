import type { TenantTx } from '../../platform/db/clients.ts';
import { listAllActiveProducts, type Product } from '../catalog/index.ts';
import { rankProducts } from './nlu/product-matcher.ts';

// Reading a product name out of what a customer typed is the conversation's understanding
// (nlu/), not the catalog's: the catalog lists products, this ranks them against the text.

/** Active products whose names match the text, best first (typo- and accent-tolerant). */
export async function findProductsByText(tx: TenantTx, text: string): Promise<Product[]> {
  const products = await listAllActiveProducts(tx);
  return rankProducts(text, products).map((r) => r.product);
}
