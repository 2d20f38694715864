-- Order lines keep the order the customer gave them (earlier orders: 0, then by name).
ALTER TABLE "order_items" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
