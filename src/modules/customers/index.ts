// What other modules may use from customers: the people who write to a shop, their addresses,
// the message log and the advisor handoff.
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
export {
  findInbound,
  inboundInsertSql,
  lastInboundAt,
  listCustomerMessages,
  insertOutbound,
  outboundInsertSql,
  outboundRows,
  pendingOutbound,
  repliesTo,
  type NewInbound,
  type OutboundInsert,
} from './message-log.repository.ts';
export { outboundContentSchema, summarizeOutbound } from './message-summary.ts';
export type { OutboundRow, OutboundDraft, HandoffEntry } from './customers.types.ts';
