// What other modules may use from settings: the pure rules the conversation engine applies
// (opening hours, "closed now, we open at …", delivery fee and minimum), and the settings API.
export { isOpenAt, nextOpening, nextOpeningSpan, hasOpeningHours, localClock, zonedInstant, type Opening } from './opening-hours.ts';
export { closedNotice, type ClosedNotice } from './closed-notice.ts';
export { deliveryCharges, toCents, fromCents, type DeliveryCharges, type DeliveryMethod } from './delivery-charges.ts';
export { createSettingsRepository, type SettingsRepository } from './settings.repository.ts';
export { createSettingsService, type SettingsService } from './settings.service.ts';
export { createSettingsRouter } from './settings.routes.ts';
