// The message log (each company's `messages` table) and the provider-neutral message shapes.
// This module is the table's only reader and writer: the engine logs inbound messages and
// writes replies through it, the sender claims and settles them, the status writer applies
// delivery statuses (never downgrading), and the staff API reads conversations. It depends on
// no other module.
export type {
  InboundContent,
  OutboundContent,
  MediaKind,
  MediaRef,
  ReplyButton,
  ListRow,
  ListSection,
  OutboundRow,
  OutboundDraft,
} from './messages.types.ts';
export { STATUS_RANK, isProviderStatus, type MessageStatus, type ProviderStatus } from './message-status.ts';
export { templateMessage } from './templates.ts';
export { outboundContentSchema, summarizeInbound, summarizeOutbound } from './message-summary.ts';
export {
  findInbound,
  loggedInboundSql,
  loggedInboundOf,
  type InboundKey,
  turnConversationsTouchSql,
  inboundInsertSql,
  outboundInsertSql,
  outboundRows,
  repliesTo,
  insertOutbound,
  insertStaffReply,
  type MessageSender,
  pendingOutbound,
  lastInboundAt,
  listCustomerMessages,
  listConversation,
  type ConversationPage,
  type LoggedInbound,
  type LoggedMessage,
  type NewInbound,
  type OutboundInsert,
} from './message-log.repository.ts';
export {
  claimWave,
  recordAccepted,
  recordSendFailure,
  releaseClaims,
  unsettledReplies,
  claimReply,
  failReply,
  unsettledConversations,
  lastSentPayloads,
  type Accepted,
  type SendTimings,
  type SendFailure,
  type UnsettledReply,
  type WaveClaim,
} from './outbound-log.repository.ts';
export { applyStatuses, type StatusUpdate, type StatusOutcome } from './delivery-statuses.repository.ts';
