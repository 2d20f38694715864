-- Tenant schema (one per company). Unqualified names: the migrator runs this with
-- search_path set to the company's schema. Kept in step with prisma/tenant/schema.prisma
-- by test/schema-drift.test.ts.

CREATE TABLE "customers" (
  "id" UUID PRIMARY KEY,
  "wa_id" TEXT NOT NULL,
  "name" TEXT,
  "phone_number" TEXT,
  "first_contact_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "bot_paused_until" TIMESTAMPTZ(3),
  "handoff_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "customers_wa_id_key" ON "customers"("wa_id");

CREATE TABLE "customer_addresses" (
  "id" UUID PRIMARY KEY,
  "customer_id" UUID NOT NULL REFERENCES "customers"("id") ON DELETE CASCADE,
  "address" TEXT,
  "latitude" DECIMAL(9,6),
  "longitude" DECIMAL(9,6),
  "is_primary" BOOLEAN NOT NULL DEFAULT false,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "customer_addresses_text_or_pin" CHECK ("address" IS NOT NULL OR ("latitude" IS NOT NULL AND "longitude" IS NOT NULL))
);
CREATE INDEX "customer_addresses_customer_id_idx" ON "customer_addresses"("customer_id");

CREATE TABLE "products" (
  "id" UUID PRIMARY KEY,
  "sku" TEXT,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "price" DECIMAL(12,2) NOT NULL CHECK ("price" >= 0),
  "unit" TEXT NOT NULL DEFAULT 'pieza',
  "stock" DECIMAL(12,3) CHECK ("stock" IS NULL OR "stock" >= 0),
  "is_active" BOOLEAN NOT NULL DEFAULT true,
  "image_url" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "products_sku_key" ON "products"("sku");

CREATE TABLE "order_status" (
  "code" TEXT PRIMARY KEY,
  "label" TEXT NOT NULL,
  "sort_order" INTEGER NOT NULL,
  "is_final" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "order_status" ("code","label","sort_order","is_final") VALUES
  ('pendiente',      'Pendiente de confirmar', 10, false),
  ('confirmado',     'Confirmado',             20, false),
  ('en_preparacion', 'En preparación',         30, false),
  ('en_camino',      'En camino',              40, false),
  ('entregado',      'Entregado',              50, true),
  ('cancelado',      'Cancelado',              60, true);

-- Human-friendly order codes (P-1001, P-1002 …), per company.
CREATE SEQUENCE "order_code_seq" START 1001;

CREATE TABLE "orders" (
  "id" UUID PRIMARY KEY,
  "order_code" TEXT NOT NULL,
  "customer_id" UUID NOT NULL REFERENCES "customers"("id"),
  "address_id" UUID REFERENCES "customer_addresses"("id"),
  "delivery_address" TEXT,
  "latitude" DECIMAL(9,6),
  "longitude" DECIMAL(9,6),
  "total" DECIMAL(12,2) NOT NULL CHECK ("total" >= 0),
  "currency" TEXT NOT NULL,
  "status" TEXT NOT NULL REFERENCES "order_status"("code"),
  "notes" TEXT,
  "source_message_id" TEXT,
  "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "orders_order_code_key" ON "orders"("order_code");
CREATE UNIQUE INDEX "orders_source_message_id_key" ON "orders"("source_message_id");
CREATE INDEX "orders_customer_id_created_at_idx" ON "orders"("customer_id", "created_at");

CREATE TABLE "order_items" (
  "id" UUID PRIMARY KEY,
  "order_id" UUID NOT NULL REFERENCES "orders"("id") ON DELETE CASCADE,
  "product_id" UUID NOT NULL REFERENCES "products"("id"),
  "product_name" TEXT NOT NULL,
  "unit" TEXT NOT NULL,
  "unit_price" DECIMAL(12,2) NOT NULL,
  "quantity" DECIMAL(12,3) NOT NULL CHECK ("quantity" > 0),
  "line_total" DECIMAL(12,2) NOT NULL
);
CREATE INDEX "order_items_order_id_idx" ON "order_items"("order_id");

CREATE TABLE "order_history" (
  "id" BIGSERIAL PRIMARY KEY,
  "order_id" UUID NOT NULL REFERENCES "orders"("id") ON DELETE CASCADE,
  "from_status" TEXT REFERENCES "order_status"("code"),
  "to_status" TEXT NOT NULL REFERENCES "order_status"("code"),
  "changed_by" TEXT NOT NULL,
  "note" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "order_history_order_id_idx" ON "order_history"("order_id");

CREATE TABLE "customer_sessions" (
  "id" UUID PRIMARY KEY,
  "customer_id" UUID NOT NULL REFERENCES "customers"("id") ON DELETE CASCADE,
  "flow" TEXT NOT NULL DEFAULT 'menu',
  "last_step" TEXT NOT NULL,
  "data" JSONB NOT NULL DEFAULT '{}',
  "is_active" BOOLEAN NOT NULL DEFAULT true,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "last_inbound_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "customer_sessions_customer_id_key" ON "customer_sessions"("customer_id");

CREATE TABLE "messages" (
  "id" BIGSERIAL PRIMARY KEY,
  "customer_id" UUID REFERENCES "customers"("id"),
  "direction" TEXT NOT NULL,
  "inbox_id" BIGINT,
  "seq" INTEGER NOT NULL DEFAULT 0,
  "recipient" TEXT,
  "provider_message_id" TEXT,
  "type" TEXT NOT NULL,
  "body" TEXT,
  "payload" JSONB,
  "status" TEXT NOT NULL,
  "status_rank" INTEGER NOT NULL DEFAULT 0,
  "error_code" INTEGER,
  "error_title" TEXT,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "sent_at" TIMESTAMPTZ(3),
  "delivered_at" TIMESTAMPTZ(3),
  "read_at" TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "messages_provider_message_id_key" ON "messages"("provider_message_id");
CREATE UNIQUE INDEX "messages_direction_inbox_id_seq_key" ON "messages"("direction", "inbox_id", "seq");
CREATE INDEX "messages_customer_id_created_at_idx" ON "messages"("customer_id", "created_at");
