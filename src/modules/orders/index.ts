// What other modules may use from orders: placing an order, a customer's recent orders and
// staff status changes.
export { placeOrder, type PlaceOrderInput, type PlaceOrderResult, type PlacedOrder } from './place-order.ts';
export { changeOrderStatus, type ChangeOrderStatusInput, type OrderStatusView } from './change-order-status.ts';
export { listRecentOrders, listLatestOrders, findOrderByCode, INITIAL_STATUS, type RecentOrder } from './orders.repository.ts';
export { ordersErrors, type StockProblem } from './orders.errors.ts';
export { adminNewOrderParams, adminNewOrderText, orderLinesText, formatWhen, mapsLink, type OrderLineView } from './orders.messages.ts';
export { createOrdersRouter } from './orders.routes.ts';
export type { OrderActor } from './change-order-status.ts';
