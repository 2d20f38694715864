-- Business API (issue 10): product categories and photos, the company's allowed order status
-- transitions, who changed an order, and the indexes the staff order list pages on.

CREATE TABLE "categories" (
  "id" UUID PRIMARY KEY,
  "name" TEXT NOT NULL,
  "sort_order" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- One category per name, whatever its case ("Bebidas" and "bebidas" are the same shelf).
CREATE UNIQUE INDEX "categories_name_key" ON "categories"(lower("name"));

-- A deleted category leaves its products uncategorised, never deletes them.
ALTER TABLE "products" ADD COLUMN "category_id" UUID REFERENCES "categories"("id") ON DELETE SET NULL;
-- Key of the product's photo in the blob store (image_url then holds its public URL); null when
-- the photo is an outside URL or there is none.
ALTER TABLE "products" ADD COLUMN "photo_key" TEXT;
CREATE INDEX "products_category_id_idx" ON "products"("category_id");

-- Which status may follow which. Seeded: forward along sort_order, and cancel from any status
-- that is not final; final statuses (entregado, cancelado) never change.
CREATE TABLE "order_status_transitions" (
  "from_status" TEXT NOT NULL REFERENCES "order_status"("code") ON DELETE CASCADE,
  "to_status" TEXT NOT NULL REFERENCES "order_status"("code") ON DELETE CASCADE,
  PRIMARY KEY ("from_status", "to_status")
);
INSERT INTO "order_status_transitions" ("from_status", "to_status")
SELECT f."code", t."code"
FROM "order_status" f JOIN "order_status" t ON t."code" <> f."code"
WHERE NOT f."is_final" AND (t."sort_order" > f."sort_order" OR t."code" = 'cancelado');

-- Who changed an order: user (a staff member), api_key, platform, bot or customer, with their
-- id and the name they had then (history reads never join the central schema).
ALTER TABLE "order_history" ADD COLUMN "actor_kind" TEXT;
ALTER TABLE "order_history" ADD COLUMN "actor_id" TEXT;
ALTER TABLE "order_history" ADD COLUMN "actor_name" TEXT;

-- The staff order list pages newest first by (created_at, id), optionally within one status.
CREATE INDEX "orders_created_at_id_idx" ON "orders"("created_at" DESC, "id" DESC);
CREATE INDEX "orders_status_created_at_id_idx" ON "orders"("status", "created_at" DESC, "id" DESC);
