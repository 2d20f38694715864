// What other modules may use from the catalog: products, their import and their display.
export {
  listActiveProducts,
  findActiveProductsPage,
  countActiveProducts,
  listAllActiveProducts,
  findActiveProduct,
  findProductsByIds,
  listProducts,
  forgetProductReads,
  type Product,
} from './catalog.repository.ts';
export { upsertProducts } from './upsert-products.ts';
export { productInputSchema, type ProductInput, type ParsedProductInput } from './catalog.schemas.ts';
export { catalogErrors } from './catalog.errors.ts';
export { formatMoney, formatQuantity, formatAmount, formatAmountOf, formatUnitPrice, unitLabel, type MoneyLocale } from './price-format.ts';
export { productsFromCsv, parseCsv } from './products-csv-format.ts';
export { previewProductImport, applyProductImport, exportProductsCsv, type ImportPreview } from './products-csv.ts';
export { preparePhoto, PHOTO_UPLOAD_MAX_MB, type PreparedPhoto } from './product-photo.ts';
export { createCatalogRouter } from './catalog.routes.ts';
export type { NameRanker } from './products.service.ts';
export { setProductPhoto } from './products.service.ts';
