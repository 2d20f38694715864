-- Notices about the plan sent to the shop's owner: at most one per kind and month, claimed in
-- the conversation turn's own transaction (so a retried turn never tells the owner twice).
CREATE TABLE "plan_notices" (
  "period" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("period", "kind")
);
