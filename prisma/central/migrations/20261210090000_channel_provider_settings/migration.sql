-- Channels of more than one provider (channels.provider: meta | twilio). What a provider needs
-- beyond the number and its secret (Twilio: the Account SID, a Messaging Service SID, Content
-- SIDs of templates) is kept here, validated by that provider; secrets stay in the encrypted
-- "whatsapp_token" column (Meta's access token, Twilio's Auth Token). For a Twilio channel
-- "phone_number_id" holds the WhatsApp sender in E.164 (+14155238886): Meta's ids are digits
-- only, so the two never collide in its unique index.
ALTER TABLE "channels" ADD COLUMN "provider_settings" JSONB NOT NULL DEFAULT '{}';
