-- Accounts: people who run a shop (users), their role in each company (memberships), their
-- sign-ins (sessions), staff invitations by link, password resets, company API keys (several per
-- company, replacing companies.api_key_hash) and login attempts (rate limits that hold across
-- processes). Secrets are stored only as sha256 of random tokens; passwords as argon2id hashes.

CREATE TABLE "users" (
  "id" UUID PRIMARY KEY,
  "email" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "password_hash" TEXT NOT NULL,
  "platform_admin" BOOLEAN NOT NULL DEFAULT false,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- One account per address whatever its case (the app also stores it lower-cased).
CREATE UNIQUE INDEX "users_email_key" ON "users" (lower("email"));

CREATE TABLE "memberships" (
  "user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
  "role" TEXT NOT NULL CHECK ("role" IN ('owner', 'staff')),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("user_id", "company_id")
);
CREATE INDEX "memberships_company_id_idx" ON "memberships" ("company_id");

CREATE TABLE "sessions" (
  "id" UUID PRIMARY KEY,
  "user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "token_hash" TEXT NOT NULL UNIQUE,
  "csrf_token" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "user_agent" TEXT
);
CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id");
CREATE INDEX "sessions_expires_at_idx" ON "sessions" ("expires_at");

CREATE TABLE "invitations" (
  "id" UUID PRIMARY KEY,
  "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
  "email" TEXT NOT NULL,
  "role" TEXT NOT NULL DEFAULT 'staff' CHECK ("role" IN ('owner', 'staff')),
  "token_hash" TEXT NOT NULL UNIQUE,
  "invited_by" UUID REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "accepted_at" TIMESTAMPTZ(3),
  "accepted_by" UUID REFERENCES "users"("id") ON DELETE SET NULL,
  "revoked_at" TIMESTAMPTZ(3)
);
CREATE INDEX "invitations_company_id_idx" ON "invitations" ("company_id");

CREATE TABLE "password_resets" (
  "id" UUID PRIMARY KEY,
  "user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "token_hash" TEXT NOT NULL UNIQUE,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "used_at" TIMESTAMPTZ(3)
);
CREATE INDEX "password_resets_user_id_idx" ON "password_resets" ("user_id");

CREATE TABLE "api_keys" (
  "id" UUID PRIMARY KEY,
  "company_id" UUID NOT NULL REFERENCES "companies"("id") ON DELETE CASCADE,
  "name" TEXT NOT NULL,
  "key_hash" TEXT NOT NULL UNIQUE,
  -- The key's first characters, to tell keys apart in a list (the key itself is shown once).
  "prefix" TEXT NOT NULL,
  "created_by" UUID REFERENCES "users"("id") ON DELETE SET NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "last_used_at" TIMESTAMPTZ(3),
  "revoked_at" TIMESTAMPTZ(3)
);
CREATE INDEX "api_keys_company_id_idx" ON "api_keys" ("company_id");

-- Each company's existing key keeps working: it becomes the company's first key.
INSERT INTO "api_keys" ("id", "company_id", "name", "key_hash", "prefix", "created_at")
SELECT gen_random_uuid(), "id", 'Clave principal', "api_key_hash", 'mst_', "created_at"
FROM "companies" WHERE "api_key_hash" IS NOT NULL;
ALTER TABLE "companies" DROP COLUMN "api_key_hash";

CREATE TABLE "login_attempts" (
  "id" BIGSERIAL PRIMARY KEY,
  "ip" TEXT NOT NULL,
  "email" TEXT NOT NULL,
  "succeeded" BOOLEAN NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" ("ip", "created_at");
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" ("email", "created_at");
