-- Replies are retried from durable state: a reply that failed for a passing reason waits in
-- `retry`, one whose send timed out after the request was written waits in `unknown` for a status
-- that settles it; `next_attempt_at` says when each is due. A conversation's later replies never
-- overtake its unsettled ones, found through this small partial index (replies leave it once settled).
ALTER TABLE "messages" ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3);
CREATE INDEX "messages_outbound_unsettled_idx" ON "messages"("recipient", "id")
  WHERE "direction" = 'outbound' AND "status" IN ('pending', 'sending', 'retry', 'unknown');
