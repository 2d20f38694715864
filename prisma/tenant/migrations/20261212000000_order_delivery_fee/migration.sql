-- What the order charged for delivery, and how the customer gets it ('delivery' or 'pickup').
-- `total` stays what the customer pays (lines + fee), so reports and the API read stored
-- amounts, never a fee recomputed from settings the shop may have changed since. Older orders
-- had no fee: 0, delivered. The values are the orders module's (place-order.ts) to keep right.
ALTER TABLE "orders" ADD COLUMN "delivery_fee" DECIMAL(12,2) NOT NULL DEFAULT 0;
ALTER TABLE "orders" ADD COLUMN "delivery_method" TEXT NOT NULL DEFAULT 'delivery';
