// Requested delivery times in Spanish ("para mañana en la tarde", "el sábado temprano", "después
// de las 6", "hoy antes de las 2") as a window in absolute time, read in the company's time zone.
// Days come from chrono's Spanish parser (chrono.es); parts of the day and "antes/después/entre
// las N" are ours, because chrono reads "las 6" as 6 a.m. and has no "en la tarde" or "temprano".
// Pure functions; chrono only runs when a day word is present.
import * as chrono from 'chrono-node';

export type TimeWindow = { text: string; from: Date; to: Date };
export type TimeSpan = { start: number; end: number };

// Hours of a shop's day in minutes: what "mañana" alone or "después de las 6" stretches to.
const OPEN = 8 * 60;
const CLOSE = 21 * 60;
const PARTS: Record<string, [number, number]> = {
  early: [8 * 60, 11 * 60],
  morning: [8 * 60, 12 * 60],
  noon: [12 * 60, 14 * 60],
  afternoon: [14 * 60, 19 * 60],
  night: [19 * 60, 22 * 60],
};

/** Lower-case and accents removed, one character for one character, so indices stay the original's. */
export function foldForTime(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length && /^[\x00-\x7f]*$/.test(lower)) return lower;
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) {
      out += ch.toLowerCase();
      continue;
    }
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    // Characters that fold to something of another length (emoji, ligatures) become spaces of their length.
    out += base.length === ch.length ? base : ' '.repeat(ch.length);
  }
  return out;
}

const NUM = '(\\d{1,2}(?:[:.]\\d{2})?|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)';
const MER = '(?:\\s*(am|pm|a\\.\\s?m\\.?|p\\.\\s?m\\.?|hrs|hs|h)\\b)?(?:\\s+y\\s+(media))?(?:\\s+(?:de|en|por)\\s+la\\s+(manana|tarde|noche))?';
const HOUR = `(?:las?\\s+)?${NUM}${MER}`;
const HOUR_RULES: ReadonlyArray<[RegExp, 'between' | 'after' | 'before' | 'at']> = [
  [new RegExp(`\\bentre\\s+${HOUR}\\s+y\\s+${HOUR}`, 'g'), 'between'],
  [new RegExp(`\\b(?:de|desde)\\s+las?\\s+${NUM}${MER}\\s+(?:a|hasta)\\s+${HOUR}`, 'g'), 'between'],
  [new RegExp(`\\b(?:despues\\s+de|a\\s+partir\\s+de|desde)\\s+${HOUR}`, 'g'), 'after'],
  [new RegExp(`\\b(?:antes\\s+de|hasta)\\s+${HOUR}`, 'g'), 'before'],
  [new RegExp(`\\b(?:a|como\\s+a|tipo|a\\s+eso\\s+de|sobre|por\\s+ahi\\s+de|cerca\\s+de|para)\\s+las?\\s+${NUM}${MER}`, 'g'), 'at'],
  [new RegExp(`\\btipo\\s+${NUM}${MER}`, 'g'), 'at'],
];
const PART_RULES: ReadonlyArray<[RegExp, keyof typeof PARTS, boolean]> = [
  [/\b(?:bien\s+|muy\s+)?(?:temprano|tempranito)\b/g, 'early', false],
  [/\b(?:al|a|en\s+el|el|para\s+el|pal)\s+medio\s?dia\b/g, 'noon', false],
  [/\besta\s+(manana|tarde|noche)\b/g, 'morning', true],
  [/\b(?:en|por|a|pa|para|hacia)\s+la\s+(manana|mananita|tarde|tardecita|noche|nochecita)\b/g, 'morning', false],
  [/\bde\s+(tarde|noche)\b/g, 'afternoon', false],
];
const PART_OF_WORD: Record<string, keyof typeof PARTS> = {
  manana: 'morning', mananita: 'morning', tarde: 'afternoon', tardecita: 'afternoon', noche: 'night', nochecita: 'night',
};
const DAY_WORDS =
  /\b(hoy|manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|\d{1,2}\/\d{1,2})\b/;
const NUMBER_WORDS: Record<string, number> = {
  una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12,
};

/** Minutes after midnight of "6", "6pm", "6:30", "las 6 de la tarde", "una y media". */
function hourOf(num: string, mer: string | undefined, half: string | undefined, part: string | undefined): number | null {
  const [hText, mText] = num.split(/[:.]/);
  let h = NUMBER_WORDS[hText ?? ''] ?? Number(hText);
  const m = (mText ? Number(mText) : 0) + (half ? 30 : 0);
  if (!Number.isInteger(h) || h > 23 || m > 59) return null;
  const pm = (mer !== undefined && mer.startsWith('p')) || part === 'tarde' || part === 'noche';
  const am = (mer !== undefined && mer.startsWith('a')) || part === 'manana';
  if (pm && h < 12) h += 12;
  else if (am && h === 12) h = 0;
  // Without a.m./p.m., a shop's "a las 6" is in the evening and "a las 9" in the morning.
  else if (!pm && !am && h >= 1 && h <= 7) h += 12;
  return h * 60 + m;
}

// Streets named after dates and people ("Calle 5 de Mayo 123", "Av. 16 de Septiembre",
// "calle Domingo Sarmiento") are addresses, not delivery days.
const ADDRESS_BEFORE = /\b(?:calle|c|av|avenida|avda|colonia|col|barrio|pasaje|psje|pje|jiron|jr|carrera|cra|kra|diagonal|transversal|esquina|edificio|torre|urbanizacion|urb|residencial|sector|zona|blvd|bulevar|boulevard|calzada|privada|cerrada|andador|callejon|ruta|camino|plaza|mz|lote)\.?\s+(?:\S+\s+)?$/;
const MONTH_OR_NUMBER = /\d|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre/;

function inAddress(s: string, text: string, start: number, end: number): boolean {
  // "5 de Mayo 123": a date right before a house number. ("mañana 2 garrafones" is a quantity.)
  if (MONTH_OR_NUMBER.test(text) && /^\s\d/.test(s.slice(end))) return true;
  return ADDRESS_BEFORE.test(s.slice(Math.max(0, start - 40), start));
}

type Found = { range?: [number, number]; relative?: 'after' | 'before'; today?: boolean; dayOffset?: number; date?: [number, number, number] };

function mask(s: string, start: number, end: number): string {
  return s.slice(0, start) + ' '.repeat(end - start) + s.slice(end);
}

type ZoneParts = { y: number; mo: number; d: number; h: number; mi: number };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    } catch {
      // An unknown zone in a company's settings must not stop its conversations: read it as UTC.
      f = formatterFor('UTC');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function zoneParts(instant: Date, timeZone: string): ZoneParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year ?? 0, mo: parts.month ?? 1, d: parts.day ?? 1, h: (parts.hour ?? 0) % 24, mi: parts.minute ?? 0 };
}

/** The instant of a wall-clock time in a zone (DST-safe: the offset is checked at the result). */
export function zonedTime(y: number, mo: number, d: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(y, mo - 1, d, 0, minutes);
  const offsetAt = (t: number): number => {
    const p = zoneParts(new Date(t), timeZone);
    return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(t / 60000) * 60000;
  };
  const first = guess - offsetAt(guess);
  const second = guess - offsetAt(first);
  return new Date(second);
}

function addDays(y: number, mo: number, d: number, days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/**
 * Finds a requested time in a message. Returns the window and the spans of the original text it
 * was read from (so the caller can remove them before looking for products), or null.
 */
export function findRequestedWindow(text: string, ctx: { now: Date; timeZone: string }): { window: TimeWindow; spans: TimeSpan[] } | null {
  let s = foldForTime(text);
  const spans: TimeSpan[] = [];
  const found: Found = {};
  for (const [re, kind] of HOUR_RULES) {
    re.lastIndex = 0;
    const m = re.exec(s);
    if (!m) continue;
    const g = m.slice(1);
    const a = hourOf(g[0] ?? '', g[1], g[2], g[3]);
    const b = kind === 'between' ? hourOf(g[4] ?? '', g[5], g[6], g[7]) : null;
    if (a === null) continue;
    if (kind === 'between') {
      if (b === null) continue;
      // "entre 11 y 1": the second hour is after the first.
      found.range = [a, b > a ? b : b + 12 * 60 > a ? b + 12 * 60 : a + 60];
    } else if (kind === 'after') found.range = [a, Math.max(CLOSE, a + 60)];
    else if (kind === 'before') {
      found.range = [OPEN, a];
      found.relative = 'before';
    } else found.range = [a, a + 60];
    spans.push({ start: m.index, end: m.index + m[0].length });
    s = mask(s, m.index, m.index + m[0].length);
    break;
  }
  for (const [re, kind, today] of PART_RULES) {
    re.lastIndex = 0;
    const m = re.exec(s);
    if (!m) continue;
    const part = m[1] !== undefined ? (PART_OF_WORD[m[1]] ?? kind) : kind;
    if (!found.range) found.range = PARTS[part];
    if (today) found.today = true;
    spans.push({ start: m.index, end: m.index + m[0].length });
    s = mask(s, m.index, m.index + m[0].length);
    break;
  }
  const hasDay = DAY_WORDS.test(s);
  if (!found.range && !hasDay) return null;
  const local = zoneParts(ctx.now, ctx.timeZone);
  const nowMin = local.h * 60 + local.mi;
  const after = /\bpasado\s+manana\b/.exec(s);
  if (after) {
    found.dayOffset = 2;
    spans.push({ start: after.index, end: after.index + after[0].length });
    s = mask(s, after.index, after.index + after[0].length);
  } else if (hasDay) {
    // chrono reads days relative to a reference in the process's zone: give it the shop's wall clock.
    const ref = new Date(local.y, local.mo - 1, local.d, local.h, local.mi);
    for (const r of chrono.es.parse(s, ref, { forwardDate: true })) {
      if (!DAY_WORDS.test(r.text) || inAddress(s, r.text, r.index, r.index + r.text.length)) continue;
      const year = r.start.get('year') ?? local.y;
      if (r.start.isCertain('year') && (year < local.y || year > local.y + 1)) continue;
      found.date = [r.start.get('year') ?? local.y, r.start.get('month') ?? local.mo, r.start.get('day') ?? local.d];
      spans.push({ start: r.index, end: r.index + r.text.length });
      break;
    }
  }
  if (!found.range && !found.date && found.dayOffset === undefined) return null;
  let [from, to] = found.range ?? [OPEN, CLOSE];
  let date: [number, number, number];
  if (found.date) date = found.date;
  else if (found.dayOffset !== undefined) date = addDays(local.y, local.mo, local.d, found.dayOffset);
  // A time with no day is today while it is still ahead, else tomorrow.
  else date = found.today || to > nowMin ? [local.y, local.mo, local.d] : addDays(local.y, local.mo, local.d, 1);
  const isToday = date[0] === local.y && date[1] === local.mo && date[2] === local.d;
  if (isToday && from < nowMin && to > nowMin) from = nowMin;
  if (to <= from) to = from + 60;
  spans.sort((x, y) => x.start - y.start);
  const windowText = spans.map((sp) => text.slice(sp.start, sp.end).trim()).join(' ');
  return {
    window: { text: windowText, from: zonedTime(date[0], date[1], date[2], from, ctx.timeZone), to: zonedTime(date[0], date[1], date[2], to, ctx.timeZone) },
    spans,
  };
}
