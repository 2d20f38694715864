-- Central schema: plans, companies, channels, usage, durable inbox, alerts.
-- Hand-written (Prisma's schema engine is not available offline); kept in step with
-- prisma/central/schema.prisma by test/schema-drift.test.ts.

CREATE TABLE "plans" (
  "code" TEXT PRIMARY KEY,
  "name" TEXT NOT NULL,
  "monthly_message_limit" INTEGER NOT NULL,
  "active_product_limit" INTEGER NOT NULL,
  "staff_user_limit" INTEGER NOT NULL,
  "feature_ai_agent" BOOLEAN NOT NULL DEFAULT false,
  "feature_bookings" BOOLEAN NOT NULL DEFAULT false,
  "feature_shortlinks" BOOLEAN NOT NULL DEFAULT false,
  "feature_analytics" BOOLEAN NOT NULL DEFAULT false,
  "price_monthly" DECIMAL(12,2) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO "plans" ("code","name","monthly_message_limit","active_product_limit","staff_user_limit",
  "feature_ai_agent","feature_bookings","feature_shortlinks","feature_analytics","price_monthly") VALUES
  ('basico',   'Básico',   2000,   50,  1, false, false, false, false,  299.00),
  ('completo', 'Completo', 10000,  300, 5, false, true,  true,  true,   699.00),
  ('premium',  'Premium',  100000, 5000, 25, true, true, true,  true,  1499.00);

CREATE TABLE "companies" (
  "id" UUID PRIMARY KEY,
  "slug" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "schema_name" TEXT NOT NULL,
  "db_connection_config" JSONB NOT NULL,
  "plan_code" TEXT NOT NULL REFERENCES "plans"("code"),
  "currency" TEXT NOT NULL DEFAULT 'MXN',
  "locale" TEXT NOT NULL DEFAULT 'es-MX',
  "timezone" TEXT NOT NULL DEFAULT 'America/Mexico_City',
  "admin_phone" TEXT,
  "business_type" TEXT,
  "status" TEXT NOT NULL DEFAULT 'active',
  "bot_enabled" BOOLEAN NOT NULL DEFAULT true,
  "api_key_hash" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "companies_slug_key" ON "companies"("slug");
CREATE UNIQUE INDEX "companies_schema_name_key" ON "companies"("schema_name");
CREATE UNIQUE INDEX "companies_api_key_hash_key" ON "companies"("api_key_hash");

CREATE TABLE "channels" (
  "id" UUID PRIMARY KEY,
  "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
  "provider" TEXT NOT NULL DEFAULT 'meta',
  "phone_number_id" TEXT NOT NULL,
  "display_phone_number" TEXT,
  "waba_id" TEXT,
  "whatsapp_token" TEXT NOT NULL,
  "throughput_per_second" INTEGER NOT NULL DEFAULT 80,
  "status" TEXT NOT NULL DEFAULT 'active',
  "last_check_at" TIMESTAMPTZ(3),
  "last_check_error" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "channels_phone_number_id_key" ON "channels"("phone_number_id");
CREATE INDEX "channels_company_id_idx" ON "channels"("company_id");

CREATE TABLE "usage_counters" (
  "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
  "period" TEXT NOT NULL,
  "inbound_messages" INTEGER NOT NULL DEFAULT 0,
  "outbound_messages" INTEGER NOT NULL DEFAULT 0,
  "conversations" INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY ("company_id", "period")
);

CREATE TABLE "inbox_events" (
  "id" BIGSERIAL PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "provider" TEXT NOT NULL DEFAULT 'meta',
  "dedupe_key" TEXT NOT NULL,
  "provider_message_id" TEXT NOT NULL,
  "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
  "channel_id" UUID NOT NULL,
  "wa_id" TEXT NOT NULL,
  "contact_name" TEXT,
  "message_type" TEXT NOT NULL,
  "payload" JSONB NOT NULL,
  "provider_timestamp" TIMESTAMPTZ(3) NOT NULL,
  "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "state" TEXT NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "processed_at" TIMESTAMPTZ(3),
  "last_error" TEXT
);
CREATE UNIQUE INDEX "inbox_events_provider_dedupe_key_key" ON "inbox_events"("provider", "dedupe_key");
CREATE INDEX "inbox_events_company_id_wa_id_state_idx" ON "inbox_events"("company_id", "wa_id", "state");

CREATE TABLE "alerts" (
  "id" BIGSERIAL PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "company_id" UUID,
  "message" TEXT NOT NULL,
  "details" JSONB,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "alerts_created_at_idx" ON "alerts"("created_at");

-- Liveness of queue workers, so locks held by a worker that died without shutting down can be
-- released quickly (see src/platform/queue.ts).
CREATE TABLE "worker_heartbeats" (
  "worker_id" TEXT PRIMARY KEY,
  "last_seen" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
