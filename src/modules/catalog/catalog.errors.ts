import { AppError } from '../../platform/errors.ts';
import { catalogMessages } from './catalog.messages.ts';

export const catalogErrors = {
  activeProductLimit: (limit: number, wouldHave: number) =>
    new AppError('PLAN_LIMIT', catalogMessages.activeLimit(limit, wouldHave), { limit, wouldHave }),
  productNotFound: () => new AppError('NOT_FOUND', catalogMessages.productNotFound),
  skuTaken: (sku: string) => new AppError('CONFLICT', catalogMessages.skuTaken(sku), { field: 'sku' }),
  productHasOrders: (name: string) => new AppError('CONFLICT', catalogMessages.productHasOrders(name)),
  categoryNotFound: () => new AppError('NOT_FOUND', catalogMessages.categoryNotFound),
  categoryNameTaken: (name: string) => new AppError('CONFLICT', catalogMessages.categoryNameTaken(name), { field: 'name' }),
  photoMissing: () => new AppError('VALIDATION', catalogMessages.photoMissing),
  photoNotImage: () => new AppError('UNSUPPORTED_MEDIA_TYPE', catalogMessages.photoNotImage),
  photoTooLarge: (mb: number) => new AppError('PAYLOAD_TOO_LARGE', catalogMessages.photoTooLarge(mb), { maxBytes: mb * 1024 * 1024 }),
  photoTooManyPixels: () => new AppError('VALIDATION', catalogMessages.photoTooManyPixels),
  noPhoto: () => new AppError('NOT_FOUND', catalogMessages.noPhoto),
};
