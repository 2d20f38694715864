// Opening hours in the shop's time zone: whether it is open at an instant, and when it next
// opens. Pure: the engine and the API call these with the stored business_info. A span whose
// close is not after its open ("20:00"–"02:00") runs past midnight into the next day.
import type { BusinessInfo } from '../companies/index.ts';

type Span = { open: string; close: string };
export type LocalDay = { date: string; weekday: number };
export type Opening = { at: Date; date: string; weekday: number; time: string };

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at `at`: date (YYYY-MM-DD), weekday (0 = domingo), minutes since midnight. */
export function localClock(at: Date, timeZone: string): { date: string; weekday: number; minutes: number } {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short',
    });
    partsFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!);
  return { date: `${p.year}-${p.month}-${p.day}`, weekday, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The calendar day after (or before) `date`, and its weekday. */
function shiftDay(date: string, days: number): LocalDay {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() };
}

/** The spans of one local day: its exception if it has hours or is closed, else the week's. */
export function spansOn(info: BusinessInfo, day: LocalDay): Span[] {
  const hours = info.hours;
  if (!hours) return [];
  const exception = hours.exceptions.find((e) => e.date === day.date);
  if (exception?.closed) return [];
  if (exception?.open && exception.close) return [{ open: exception.open, close: exception.close }];
  return hours.weekly.filter((s) => s.day === day.weekday).map((s) => ({ open: s.open, close: s.close })).sort((a, b) => toMinutes(a.open) - toMinutes(b.open));
}

const overnight = (s: Span) => toMinutes(s.close) <= toMinutes(s.open);

/** Whether the shop has said when it opens at all (no hours: never "closed", never "opens at"). */
export const hasOpeningHours = (info: BusinessInfo) => Boolean(info.hours && (info.hours.weekly.length > 0 || info.hours.exceptions.length > 0));

/**
 * Whether the shop is open at `at`. A shop without hours is treated as open: the bot then never
 * turns customers away for a schedule nobody wrote.
 */
export function isOpenAt(info: BusinessInfo, timeZone: string, at: Date): boolean {
  if (!hasOpeningHours(info)) return true;
  const now = localClock(at, timeZone);
  const today = { date: now.date, weekday: now.weekday };
  for (const s of spansOn(info, today)) {
    const open = toMinutes(s.open);
    if (overnight(s) ? now.minutes >= open : now.minutes >= open && now.minutes < toMinutes(s.close)) return true;
  }
  // Yesterday's span that runs past midnight.
  for (const s of spansOn(info, shiftDay(now.date, -1))) {
    if (overnight(s) && now.minutes < toMinutes(s.close)) return true;
  }
  return false;
}

/**
 * The instant of a wall-clock time in `timeZone` (the offset is found by asking Intl, twice, so
 * a day that changes offset lands right). A time skipped by a daylight-saving jump comes out
 * an hour later, as clocks show it.
 */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)));
  const offsetAt = (t: number) => {
    const c = localClock(new Date(t), timeZone);
    const shown = Date.UTC(Number(c.date.slice(0, 4)), Number(c.date.slice(5, 7)) - 1, Number(c.date.slice(8, 10))) + c.minutes * 60_000;
    return shown - Math.floor(t / 60_000) * 60_000;
  };
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return new Date(guess);
}

const SEARCH_DAYS = 31;

/** When the shop next opens after `at` (null: open now, no hours written, or nothing within a month). */
export function nextOpening(info: BusinessInfo, timeZone: string, at: Date): Opening | null {
  if (!hasOpeningHours(info) || isOpenAt(info, timeZone, at)) return null;
  const now = localClock(at, timeZone);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const day = i === 0 ? { date: now.date, weekday: now.weekday } : shiftDay(now.date, i);
    for (const s of spansOn(info, day)) {
      if (i === 0 && toMinutes(s.open) <= now.minutes) continue;
      return { at: zonedInstant(day.date, s.open, timeZone), date: day.date, weekday: day.weekday, time: s.open };
    }
  }
  return null;
}

/**
 * The next opening span after `at` as instants (`from` its opening, `to` its close; a span past
 * midnight closes the next day): the window an order left while the shop is closed is for.
 */
export function nextOpeningSpan(info: BusinessInfo, timeZone: string, at: Date): { from: Date; to: Date; opening: Opening } | null {
  const opening = nextOpening(info, timeZone, at);
  if (!opening) return null;
  const span = spansOn(info, { date: opening.date, weekday: opening.weekday }).find((s) => s.open === opening.time);
  if (!span) return null;
  const closeDay = overnight(span) ? shiftDay(opening.date, 1).date : opening.date;
  return { from: opening.at, to: zonedInstant(closeDay, span.close, timeZone), opening };
}
