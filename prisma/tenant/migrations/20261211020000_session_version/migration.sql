-- A turn decides from a snapshot of the customer's session outside any transaction and commits
-- only if the session is still the one it read: every write of a session row moves its version,
-- whoever writes it (the trigger, so no writer can forget), and the commit compares.
ALTER TABLE "customer_sessions" ADD COLUMN "version" BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION "customer_sessions_next_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END $$;

CREATE TRIGGER "customer_sessions_version" BEFORE UPDATE ON "customer_sessions"
  FOR EACH ROW EXECUTE FUNCTION "customer_sessions_next_version"();
