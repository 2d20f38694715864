-- Messages and statuses of signed webhooks that cannot be stored as they are (malformed ids or
-- timestamps, hostile nesting, sizes no real payload has): set aside here with the reason, for
-- the operator, instead of failing the whole delivery (and Meta retrying it, good messages
-- included, until it gives up).
CREATE TABLE "webhook_rejects" (
    "id" BIGSERIAL NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'meta',
    "company_id" UUID,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_rejects_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_rejects_received_at_idx" ON "webhook_rejects"("received_at");
