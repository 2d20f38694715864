// What other modules may use from customers: the people who write to a shop, their addresses
// and the advisor handoff. (Their messages are the messages module's.)
export { releaseHandoff, listHandoffs } from './handoffs.service.ts';
export {
  lockOrCreateCustomersCtes,
  toCustomer,
  type CustomerRow,
  findCustomerByWaId,
  pauseBot,
  clearBotPause,
  listRecentAddresses,
  findAddress,
  saveAddress,
  type Customer,
  type CustomerAddress,
  type NewAddress,
} from './customers.repository.ts';
export type { HandoffEntry } from './customers.types.ts';
