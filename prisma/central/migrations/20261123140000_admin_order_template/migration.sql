-- An approved WhatsApp template for the new-order notice to the shop's admin: outside the 24 h
-- customer-service window Meta only delivers templates (131047 otherwise).
ALTER TABLE "companies" ADD COLUMN "admin_order_template" TEXT;
-- And one for telling a customer their order's new status when they last wrote over 24 h ago.
ALTER TABLE "companies" ADD COLUMN "status_update_template" TEXT;
