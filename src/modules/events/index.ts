// Live events: publish from any process (on the writing transaction), listen in every web process.
export { publish, publishMany, EVENTS_CHANNEL, type NotifyTarget } from './publish-event.ts';
export { createLivePublisher, type LivePublisher } from './live-publisher.ts';
export { createEventHub, type EventHub, type Subscriber } from './event-hub.ts';
export { LIVE_EVENT_TYPES, type LiveEvent, type LiveEventType, type LiveEventData, type DeliveredEvent, type Delivery } from './events.types.ts';
export { createEventsRouter, type EventStreamOptions } from './events.routes.ts';
