-- The inbox's conversation rows are moved on by the message log's writers themselves (the
-- messages module, the only one that inserts into "messages"), not by a statement trigger: a
-- turn's commit inserts its inbound messages and its replies in two statements, and the trigger
-- upserted the same conversation rows after each — with the transition tables it captured, about
-- a tenth of the database's work per message in the benchmark. The commit now upserts them once,
-- for both, in the statement that writes the replies.
DROP TRIGGER "messages_conversations_touch" ON "messages";
DROP FUNCTION "conversations_touch"();
