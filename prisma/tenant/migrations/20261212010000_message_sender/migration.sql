-- Who of the shop sent a staff reply: user (a member), api_key or platform; their id, and the name
-- they had then (the inbox never joins the central schema to show it). Null on the bot's replies
-- and on customers' messages.
ALTER TABLE "messages" ADD COLUMN "sent_by_kind" TEXT;
ALTER TABLE "messages" ADD COLUMN "sent_by_id" TEXT;
ALTER TABLE "messages" ADD COLUMN "sent_by_name" TEXT;
