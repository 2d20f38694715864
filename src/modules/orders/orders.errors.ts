import { AppError } from '../../platform/errors.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import { formatAmount, formatMoney, type MoneyLocale } from '../catalog/index.ts';
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
      m.outOfStock(
        problems.map((p) => {
          const left = p.available === null ? null : new Prisma.Decimal(p.available);
          return { name: p.name, left: left && left.gt(0) ? formatAmount(left, p.unit) : null, one: left !== null && left.eq(1) };
        }),
      ),
      { problems },
    ),
  productUnavailable: (problems: StockProblem[]) =>
    new AppError('CONFLICT', m.productUnavailable(problems.map((p) => p.name)), { problems }),
  belowMinimum: (minimum: string, missing: string, shop: MoneyLocale) =>
    new AppError('CONFLICT', m.belowMinimum(formatMoney(minimum, shop), formatMoney(missing, shop)), { reason: 'BELOW_MINIMUM', minimum, missing }),
  emptyOrder: () => new AppError('VALIDATION', m.emptyOrder),
  invalidQuantity: () => new AppError('VALIDATION', m.invalidQuantity),
  orderNotFound: (code: string) => new AppError('NOT_FOUND', m.orderNotFound(code)),
  unknownStatus: (code: string, valid: string[]) => new AppError('VALIDATION', m.unknownStatus(code, valid)),
  finalStatus: (code: string, label: string) => new AppError('CONFLICT', m.finalStatus(code, label)),
  sameStatus: (code: string, label: string) => new AppError('CONFLICT', m.sameStatus(code, label)),
  transitionNotAllowed: (code: string, from: string, to: string, allowed: string[]) =>
    new AppError('CONFLICT', m.transitionNotAllowed(code, from, to, allowed), { from, to, allowed }),
};
