-- The staff inbox (issue 10): one row per customer who has a conversation, kept current by the
-- database itself whenever a message is logged, so the inbox lists conversations by their last
-- message and counts unread ones without scanning the message log; and inbound media stored for staff.

CREATE TABLE "conversations" (
  "customer_id" UUID PRIMARY KEY REFERENCES "customers"("id") ON DELETE CASCADE,
  "last_message_id" BIGINT NOT NULL,
  "last_message_at" TIMESTAMPTZ(3) NOT NULL,
  -- When the customer last wrote (WhatsApp's 24-hour window for free-form replies).
  "last_inbound_at" TIMESTAMPTZ(3),
  -- Inbound messages after read_up_to (the last message id staff marked read).
  "unread_count" INTEGER NOT NULL DEFAULT 0,
  "read_up_to" BIGINT NOT NULL DEFAULT 0,
  -- The staff member (central users.id) looking after it; no foreign key across schemas.
  "assigned_user_id" UUID,
  "assigned_at" TIMESTAMPTZ(3),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- The inbox pages newest conversation first: (last_message_at, customer_id) is its cursor.
CREATE INDEX "conversations_last_message_idx" ON "conversations"("last_message_at" DESC, "customer_id" DESC);

-- Every writer of the message log (engine turns, staff replies, order notices) keeps the inbox
-- current without knowing about it: one upsert per statement, customers in id order so two
-- statements never lock the same rows in opposite orders. The function's search_path is this
-- tenant schema (set by the migrator), so it never touches another company's tables.
CREATE FUNCTION "conversations_touch"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO "conversations" AS c ("customer_id", "last_message_id", "last_message_at", "last_inbound_at", "unread_count", "updated_at")
  SELECT n."customer_id", max(n."id"), max(n."created_at"),
         max(n."created_at") FILTER (WHERE n."direction" = 'inbound'),
         count(*) FILTER (WHERE n."direction" = 'inbound'), now()
  FROM new_rows n
  WHERE n."customer_id" IS NOT NULL
  GROUP BY n."customer_id"
  ORDER BY n."customer_id"
  ON CONFLICT ("customer_id") DO UPDATE SET
    "last_message_id" = GREATEST(c."last_message_id", EXCLUDED."last_message_id"),
    "last_message_at" = GREATEST(c."last_message_at", EXCLUDED."last_message_at"),
    "last_inbound_at" = GREATEST(c."last_inbound_at", EXCLUDED."last_inbound_at"),
    "unread_count" = c."unread_count" + EXCLUDED."unread_count",
    "updated_at" = now();
  RETURN NULL;
END $$;

CREATE TRIGGER "messages_conversations_touch" AFTER INSERT ON "messages"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "conversations_touch"();

-- Conversations that existed before the inbox: their history counts as read.
INSERT INTO "conversations" ("customer_id", "last_message_id", "last_message_at", "last_inbound_at", "read_up_to")
SELECT "customer_id", max("id"), max("created_at"), max("created_at") FILTER (WHERE "direction" = 'inbound'), max("id")
FROM "messages" WHERE "customer_id" IS NOT NULL GROUP BY "customer_id";

-- A customer's photo, voice note, document, video or sticker: downloaded from the provider by a
-- background job into the blob store (private, staff only), the message pointing at it.
CREATE TABLE "message_media" (
  "message_id" BIGINT PRIMARY KEY REFERENCES "messages"("id") ON DELETE CASCADE,
  "kind" TEXT NOT NULL,
  -- Meta's media id, or Twilio's media URL.
  "provider_ref" TEXT NOT NULL,
  "mime_type" TEXT,
  "storage_key" TEXT,
  "size_bytes" INTEGER,
  -- pending -> stored | failed (gave up after the job's attempts)
  "status" TEXT NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "error" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
