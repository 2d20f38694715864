import { AppError } from '../../platform/errors.ts';
import { catalogMessages } from './catalog.messages.ts';

export const catalogErrors = {
  activeProductLimit: (limit: number, wouldHave: number) =>
    new AppError('PLAN_LIMIT', catalogMessages.activeLimit(limit, wouldHave), { limit, wouldHave }),
};
