-- Conversations drain in batches: each message row carries the number of its conversation's
-- queue (one of 256), so one job can take every pending message of that queue, oldest first,
-- from a small partial index instead of one job and one lookup per message. Statuses carry
-- their shard (one of 16, by message id) the same way.
ALTER TABLE "inbox_events" ADD COLUMN "queue_no" SMALLINT;
-- The queue: a band of 32 queues starting at a point set by the company (src/modules/inbox/inbox.repository.ts).
UPDATE "inbox_events" SET "queue_no" = (((hashtext("company_id"::text) & 255) + (hashtext("wa_id") & 31)) & 255)
  WHERE "kind" = 'message' AND "state" = 'pending';
UPDATE "inbox_events" SET "queue_no" = (hashtext("provider_message_id") & 15)
  WHERE "kind" = 'status' AND "state" = 'pending';
CREATE INDEX "inbox_events_pending_messages_idx" ON "inbox_events"("queue_no", "provider_timestamp", "id")
  WHERE "kind" = 'message' AND "state" = 'pending';
CREATE INDEX "inbox_events_pending_statuses_idx" ON "inbox_events"("queue_no", "id")
  WHERE "kind" = 'status' AND "state" = 'pending';
-- Pending messages are now found by queue; a company's rows only need finding when the company
-- is deleted (the cascade), so the wider index written on every delivery is replaced.
DROP INDEX "inbox_events_company_id_wa_id_state_idx";
CREATE INDEX "inbox_events_company_id_idx" ON "inbox_events"("company_id");
