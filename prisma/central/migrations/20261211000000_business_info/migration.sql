-- What the bot and the panel say about the business itself: opening hours (per weekday, with
-- exceptions, in the company's time zone), delivery options, payment methods, address, policies.
-- One JSON document validated by `businessInfoSchema` (src/modules/companies/business-info.ts):
-- it is read with the company on every turn (no extra query) and written whole by the settings API.
ALTER TABLE "companies" ADD COLUMN "business_info" JSONB NOT NULL DEFAULT '{}';
