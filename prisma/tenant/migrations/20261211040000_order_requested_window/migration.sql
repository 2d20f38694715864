-- When the customer asked for the order to arrive ("para mañana en la tarde"), as a window in
-- absolute time plus the words they used. Absent when they did not say.
ALTER TABLE "orders" ADD COLUMN "requested_from" TIMESTAMPTZ(3);
ALTER TABLE "orders" ADD COLUMN "requested_to" TIMESTAMPTZ(3);
ALTER TABLE "orders" ADD COLUMN "requested_text" TEXT;
ALTER TABLE "orders" ADD CONSTRAINT "orders_requested_window_check"
  CHECK ((requested_from IS NULL) = (requested_to IS NULL) AND (requested_to IS NULL OR requested_to >= requested_from));
