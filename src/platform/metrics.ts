import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    webhookRequests: new Counter({ name: 'mostrador_webhook_requests_total', help: 'Webhook deliveries by result', labelNames: ['result'], registers: [registry] }),
    inboxEvents: new Counter({ name: 'mostrador_inbox_events_total', help: 'Events stored in the inbox (new, not duplicates)', labelNames: ['kind'], registers: [registry] }),
    webhookRejects: new Counter({ name: 'mostrador_webhook_rejected_items_total', help: 'Messages and statuses of signed webhooks set aside as unstorable', registers: [registry] }),
    duplicates: new Counter({ name: 'mostrador_webhook_duplicates_total', help: 'Events skipped as already stored', registers: [registry] }),
    unknownNumbers: new Counter({ name: 'mostrador_webhook_unknown_number_total', help: 'Events for a phone_number_id no company owns', registers: [registry] }),
    messagesProcessed: new Counter({ name: 'mostrador_messages_processed_total', help: 'Inbound messages processed by the engine', labelNames: ['result'], registers: [registry] }),
    outbound: new Counter({ name: 'mostrador_outbound_messages_total', help: 'Outbound sends by result', labelNames: ['result'], registers: [registry] }),
    statuses: new Counter({ name: 'mostrador_status_updates_total', help: 'Delivery statuses applied', labelNames: ['status'], registers: [registry] }),
    orders: new Counter({ name: 'mostrador_orders_total', help: 'Orders created or failed', labelNames: ['result'], registers: [registry] }),
    alerts: new Counter({ name: 'mostrador_alerts_total', help: 'Operator alerts raised', labelNames: ['kind'], registers: [registry] }),
    reconciled: new Counter({ name: 'mostrador_reconciled_events_total', help: 'Stored events found without a job and re-enqueued by the reconciler', labelNames: ['kind'], registers: [registry] }),
    backlog: new Gauge({ name: 'mostrador_inbox_backlog', help: 'Inbound messages waiting to be processed', registers: [registry] }),
    ackSeconds: new Histogram({ name: 'mostrador_webhook_ack_seconds', help: 'Time to acknowledge a webhook', buckets: [0.002, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.1, 0.25, 1], registers: [registry] }),
    replySeconds: new Histogram({ name: 'mostrador_reply_seconds', help: 'Inbound received → reply accepted by the provider', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
