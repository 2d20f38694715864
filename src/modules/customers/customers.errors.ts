import { AppError } from '../../platform/errors.ts';
import { customersErrorMessages } from './customers.messages.ts';

export const customersErrors = {
  customerNotFound: () => new AppError('NOT_FOUND', customersErrorMessages.customerNotFound),
};
