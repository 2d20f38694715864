import type { TenantTx } from '../../platform/db/clients.ts';
import { rankProducts } from '../conversations/nlu/product-matcher.ts';
import { listAllActiveProducts, type Product } from './catalog.repository.ts';

/** Active products whose names match the text, best first (typo- and accent-tolerant). */
export async function findProductsByText(tx: TenantTx, text: string): Promise<Product[]> {
  const products = await listAllActiveProducts(tx);
  return rankProducts(text, products).map((r) => r.product);
}
