// The "closed now, we open at …" rule: what the bot says to a customer who writes outside the
// shop's hours, and whether it still takes the order (for later).
import type { BusinessInfo } from '../companies/index.ts';
import { isOpenAt, localClock, nextOpening, type Opening } from './opening-hours.ts';
import { settingsMessages as m } from './settings.messages.ts';

export type ClosedNotice = {
  /** The order can be placed now and prepared when the shop opens. */
  acceptsOrders: boolean;
  opensAt: Opening | null;
  /** What the customer reads (Spanish), ready to send. */
  text: string;
};

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Null while the shop is open (or has no hours written); otherwise what to say and whether orders are taken. */
export function closedNotice(info: BusinessInfo, shop: string, timeZone: string, at: Date): ClosedNotice | null {
  if (isOpenAt(info, timeZone, at)) return null;
  const opensAt = nextOpening(info, timeZone, at);
  const today = localClock(at, timeZone).date;
  const when = opensAt ? m.when(daysBetween(today, opensAt.date), opensAt.weekday, opensAt.date, opensAt.time) : null;
  const acceptsOrders = info.hours?.acceptOrdersWhenClosed ?? true;
  const own = info.botTexts?.closed?.trim();
  const closed = own ? m.closedOwn(own, when) : m.closedNow(shop, when);
  return { acceptsOrders, opensAt, text: `${closed}\n\n${acceptsOrders ? m.ordersForLater : m.ordersOnlyWhenOpen}` };
}
