// What other modules may use from orders: placing an order, a customer's recent orders and
// staff status changes.
export {
  placeOrder,
  previewOrder,
  samePlacedOrder,
  type PlaceOrderInput,
  type PlaceOrderResult,
  type PlacedOrder,
  type OrderPreview,
  type OrderPreviewResult,
  type RequestedWindow,
} from './place-order.ts';
export { cancelOrderByCustomer, customerMayCancel, CANCELLED_STATUS, type CustomerCancelResult } from './cancel-by-customer.ts';
export { changeOrderStatus, type ChangeOrderStatusInput, type OrderStatusView } from './change-order-status.ts';
export { listRecentOrders, listLatestOrders, findOrderByCode, findCustomerOrder, findLatestPendingOrder, INITIAL_STATUS, type RecentOrder, type OrderForStatus } from './orders.repository.ts';
export { ordersErrors, type StockProblem } from './orders.errors.ts';
export { adminCancelledText, midSentence, adminNewOrderParams, adminNewOrderText, orderLinesText, formatWhen, windowText, dayText, mapsLink, type OrderLineView } from './orders.messages.ts';
export { createOrdersRouter } from './orders.routes.ts';
export type { OrderActor } from './change-order-status.ts';
