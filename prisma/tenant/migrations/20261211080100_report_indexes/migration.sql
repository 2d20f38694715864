-- Reports (issue 10): conversations per day are customers who wrote that day, read from the
-- message log by time. Only inbound rows, and the customer in the index, so a 30-day report is
-- an index-only range scan however long the log grows (orders are read through the orders'
-- created_at index of 20261211060000).
CREATE INDEX "messages_inbound_created_idx" ON "messages"("created_at", "customer_id") WHERE "direction" = 'inbound';

-- A report reads every order of its period: customer, total and status come from the index
-- itself (an index-only scan), not from thousands of table pages.
CREATE INDEX "orders_created_at_report_idx" ON "orders"("created_at") INCLUDE ("customer_id", "total", "status");
