// Questions about the shop itself — hours, delivery, payment, where it is — answered from the
// company's settings (companies.business_info). What the shop has not filled in is never guessed:
// the customer is told a person will confirm, and offered one. Pure: text in, text out.
import type { BusinessInfo } from '../../companies/index.ts';
import { formatMoney, type MoneyLocale } from '../../catalog/index.ts';
import { t } from '../conversations.messages.ts';
import { normalizeText } from '../nlu/normalize.ts';

export type BusinessQuestion = 'hours' | 'delivery' | 'delivery_area' | 'payment' | 'location';
type Hours = NonNullable<BusinessInfo['hours']>;
type Span = { open: string; close: string };

const DAY_NAMES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
const SHORT_DAYS = ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'];

const clock = (hhmm: string): string => hhmm.replace(/^0(\d)/, '$1');
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const spansText = (spans: Span[]) => spans.map((s) => `de ${clock(s.open)} a ${clock(s.close)}`).join(' y ');

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Date (YYYY-MM-DD), weekday (0 = domingo) and minute of the day in the shop's time zone. */
export function localMoment(at: Date, timeZone: string): { date: string; weekday: number; minute: number } {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dayFormatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return { date, weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The opening spans of one date: its exception if it has one, else its weekday's. */
function spansOn(hours: Hours, date: string, weekday: number): Span[] {
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) return exception.closed || !exception.open || !exception.close ? [] : [{ open: exception.open, close: exception.close }];
  return hours.weekly.filter((s) => s.day === weekday).sort((a, b) => a.open.localeCompare(b.open));
}

/** "lun a vie de 9:00 a 20:00", "sáb de 9:00 a 14:00": consecutive days with the same hours together. */
function weekLines(hours: Hours): string[] {
  const byDay = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ d, text: spansText(hours.weekly.filter((s) => s.day === d).sort((a, b) => a.open.localeCompare(b.open))) }));
  const lines: string[] = [];
  for (let i = 0; i < byDay.length; ) {
    let j = i;
    while (j + 1 < byDay.length && byDay[j + 1]!.text === byDay[i]!.text) j++;
    const { d, text } = byDay[i]!;
    const days = i === j ? SHORT_DAYS[d]! : `${SHORT_DAYS[d]} a ${SHORT_DAYS[byDay[j]!.d]}`;
    lines.push(`• ${days}: ${text || 'cerrado'}`);
    i = j + 1;
  }
  return lines;
}

/** "Sí, estamos abiertos: hoy abrimos de 9:00 a 20:00" / "Ahora estamos cerrados; abrimos mañana a las 9:00". */
export function hoursAnswer(hours: Hours | undefined, now: Date, timeZone: string): string | null {
  if (!hours || (hours.weekly.length === 0 && hours.exceptions.length === 0)) return null;
  const today = localMoment(now, timeZone);
  const todays = spansOn(hours, today.date, today.weekday);
  const week = hours.weekly.length > 0 ? `\n\n${t.weekHours(weekLines(hours))}` : '';
  const open = todays.some((s) => minutesOf(s.open) <= today.minute && today.minute < minutesOf(s.close));
  if (open) return `${t.openNow(spansText(todays))}${week}`;
  const later = todays.find((s) => minutesOf(s.open) > today.minute);
  const whenClosed = hours.acceptOrdersWhenClosed ? `\n${t.ordersTakenWhenClosed}` : '';
  if (later) return `${t.closedOpensLater('hoy', clock(later.open))}${whenClosed}${week}`;
  for (let days = 1; days <= 7; days++) {
    const date = addDays(today.date, days);
    const weekday = (today.weekday + days) % 7;
    const first = spansOn(hours, date, weekday)[0];
    if (first) {
      const day = days === 1 ? 'mañana' : `el ${DAY_NAMES[weekday]}`;
      return `${t.closedOpensLater(day, clock(first.open))}${whenClosed}${week}`;
    }
  }
  return `${t.closedToday}${week}`;
}

function deliveryAnswer(info: BusinessInfo, shop: MoneyLocale): string | null {
  const d = info.delivery;
  if (!d) return null;
  const money = (v: string) => formatMoney(v, shop);
  if (!d.delivery) return [t.deliveryNo, d.pickup ? t.pickupOnly : null].filter(Boolean).join(' ');
  return [
    t.deliveryYes,
    d.fee !== undefined ? (Number(d.fee) === 0 ? t.deliveryFree : t.deliveryFee(money(d.fee))) : null,
    d.freeFrom !== undefined && Number(d.fee ?? 1) !== 0 ? t.deliveryFreeFrom(money(d.freeFrom)) : null,
    d.minimumOrder !== undefined ? t.minimumOrder(money(d.minimumOrder)) : null,
    d.areas ? t.deliveryAreas(d.areas) : null,
    d.estimatedTime ? t.deliveryTime(d.estimatedTime) : null,
    d.pickup ? t.pickupToo : null,
  ].filter(Boolean).join('\n');
}

/** "¿llegan a la Roma?": yes when the shop's areas name it; otherwise the areas and a person to confirm. */
function areaAnswer(info: BusinessInfo, area: string | undefined, shop: MoneyLocale): string | null {
  const areas = info.delivery?.areas;
  if (!area || !areas) return deliveryAnswer(info, shop);
  const wanted = normalizeText(area);
  if (wanted && normalizeText(areas).includes(wanted)) return `${t.areaCovered(area)}\n${deliveryAnswer(info, shop) ?? ''}`.trim();
  return `${t.deliveryAreas(areas)}\n${t.areaUnsure(area)}`;
}

const joinList = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;

/** The answer from the shop's settings, or null when they do not say (a person confirms). */
export function businessAnswer(
  kind: BusinessQuestion,
  info: BusinessInfo | undefined,
  ctx: { now: Date; timeZone: string; shop: MoneyLocale; area?: string },
): string | null {
  if (!info) return null;
  switch (kind) {
    case 'hours':
      return hoursAnswer(info.hours, ctx.now, ctx.timeZone);
    case 'delivery':
      return deliveryAnswer(info, ctx.shop);
    case 'delivery_area':
      return areaAnswer(info, ctx.area, ctx.shop);
    case 'payment':
      return info.paymentMethods?.length ? t.paymentMethods(joinList(info.paymentMethods.map((m) => m.toLowerCase()))) : null;
    case 'location':
      return info.address ? [t.shopAddress(info.address), info.mapUrl ? t.shopMap(info.mapUrl) : null].filter(Boolean).join('\n') : null;
  }
}
