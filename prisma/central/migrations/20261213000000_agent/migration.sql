-- The AI agent (issue 12): each plan's monthly token budget for it (0: none), and the tokens and
-- their cost each company's agent spent per month, counted by the usage module with the messages.
ALTER TABLE "plans" ADD COLUMN "ai_monthly_tokens" INTEGER NOT NULL DEFAULT 0;
UPDATE "plans" SET "ai_monthly_tokens" = 2000000 WHERE "feature_ai_agent";

ALTER TABLE "usage_counters"
  ADD COLUMN "ai_prompt_tokens" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "ai_completion_tokens" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "ai_cost_usd" DECIMAL(14, 6) NOT NULL DEFAULT 0;
