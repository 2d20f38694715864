// What other modules and the composition root may use from the inbox: the durable store of
// inbound events (central inbox_events) and its queue, the jobs that drain it, the send job and
// its scheduling, and the reconcilers.
export {
  createInboxRepository,
  conversationQueueSql,
  DRAIN_JOBS,
  STATUS_SHARDS,
  type InboxRepository,
} from './inbox.repository.ts';
export { createProcessMessagesTask } from './process-messages.job.ts';
export { createApplyStatusesTask } from './apply-statuses.job.ts';
export { createSendOutboundTask } from './send-outbound.job.ts';
export { scheduleConversationSend, SEND_JOB, type ConversationRef } from './enqueue-outbound.ts';
export { createInboxReconciler, createRepliesReconciler } from './reconcile-inbox.ts';
