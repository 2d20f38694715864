-- The partial index on unsettled replies named `status` in its predicate, and an index on a
-- changing column makes every update of the row non-HOT: each status change (pending → sending,
-- then every delivery status) wrote new entries in all of the table's indexes. These index only
-- columns that never change, so status updates stay HOT. A conversation's unsettled replies are
-- looked for among its replies of the retry horizon (recipient, created_at); the reconciler looks
-- at a company's replies of that horizon (created_at).
DROP INDEX IF EXISTS "messages_outbound_unsettled_idx";
CREATE INDEX "messages_outbound_recipient_idx" ON "messages"("recipient", "created_at") WHERE "direction" = 'outbound';
CREATE INDEX "messages_outbound_created_idx" ON "messages"("created_at") WHERE "direction" = 'outbound';
