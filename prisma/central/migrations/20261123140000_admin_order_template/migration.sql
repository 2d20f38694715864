-- An approved WhatsApp template for the new-order notice to the shop's admin: outside the 24 h
-- customer-service window Meta only delivers templates (131047 otherwise).
ALTER TABLE "companies" ADD COLUMN "admin_order_template" TEXT;
