-- Sign-ups and password-reset requests counted per IP address and per email over a window, so
-- every web process shares the count and a restart does not reset it (as login_attempts does for
-- failed sign-ins). Rows older than a day are pruned with the login attempts.
CREATE TABLE "auth_rate_events" (
  "id" BIGSERIAL PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "auth_rate_events_kind_key_created_at_idx" ON "auth_rate_events" ("kind", "key", "created_at");
