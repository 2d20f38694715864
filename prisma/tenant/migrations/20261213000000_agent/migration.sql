-- The AI agent (issue 12). Its configuration (one row), the master prompt's versions, and one log
-- row per decision it took part in (tool calls, tokens, latency, outcome), linked to the inbound
-- message by its inbox id. Voice notes' transcripts are kept with the message (messages module).
CREATE TABLE "agent_config" (
  "id" INTEGER NOT NULL DEFAULT 1 PRIMARY KEY CHECK ("id" = 1),
  "mode" TEXT NOT NULL DEFAULT 'menu',
  "enabled" BOOLEAN NOT NULL DEFAULT true,
  "style" JSONB NOT NULL DEFAULT '{}',
  "models" JSONB NOT NULL DEFAULT '{}',
  "base_url" TEXT,
  "api_key_enc" TEXT,
  "api_key_last4" TEXT,
  "api_key_checked_at" TIMESTAMPTZ(3),
  "prompt_version" INTEGER,
  "updated_by" TEXT,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "agent_prompt_versions" (
  "version" INTEGER NOT NULL PRIMARY KEY,
  "prompt" TEXT NOT NULL,
  "created_by" TEXT,
  "created_by_name" TEXT,
  "restored_from" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "agent_turns" (
  "id" BIGSERIAL PRIMARY KEY,
  "inbox_id" BIGINT,
  "customer_id" UUID,
  "mode" TEXT NOT NULL,
  "outcome" TEXT NOT NULL,
  "reason" TEXT,
  "model" TEXT,
  "tool_calls" JSONB NOT NULL DEFAULT '[]',
  "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
  "completion_tokens" INTEGER NOT NULL DEFAULT 0,
  "latency_ms" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "agent_turns_inbox_idx" ON "agent_turns" ("inbox_id", "id");
CREATE INDEX "agent_turns_created_idx" ON "agent_turns" ("created_at");

ALTER TABLE "messages" ADD COLUMN "transcript" TEXT;
