import { AppError } from '../../platform/errors.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { formatAmount } from '../catalog/index.ts';
import { ordersErrorMessages as m } from './orders.messages.ts';

export type StockProblem = {
  productId: string;
  name: string;
  unit: string;
  requested: string;
  /** What is left; null when the product is no longer sold. */
  available: string | null;
};

export const ordersErrors = {
  outOfStock: (problems: StockProblem[]) =>
    new AppError(
      'CONFLICT',
      m.outOfStock(problems.map((p) => ({ name: p.name, left: p.available && new Prisma.Decimal(p.available).gt(0) ? formatAmount(p.available, p.unit) : null }))),
      { problems },
    ),
  productUnavailable: (problems: StockProblem[]) =>
    new AppError('CONFLICT', m.productUnavailable(problems.map((p) => p.name)), { problems }),
  emptyOrder: () => new AppError('VALIDATION', m.emptyOrder),
  invalidQuantity: () => new AppError('VALIDATION', m.invalidQuantity),
  orderNotFound: (code: string) => new AppError('NOT_FOUND', m.orderNotFound(code)),
  unknownStatus: (code: string, valid: string[]) => new AppError('VALIDATION', m.unknownStatus(code, valid)),
  finalStatus: (code: string, label: string) => new AppError('CONFLICT', m.finalStatus(code, label)),
  sameStatus: (code: string, label: string) => new AppError('CONFLICT', m.sameStatus(code, label)),
};
