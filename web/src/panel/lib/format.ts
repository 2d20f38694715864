// Money and dates as a Spanish-speaking shop owner reads them.

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount in the company's currency, e.g. formatMoney(1250.5, 'MXN') → "$1,250.50". */
export function formatMoney(amount: number | string, currency = 'MXN', locale = 'es-MX'): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' });
    }
    moneyFormats.set(key, f);
  }
  return f.format(typeof amount === 'string' ? Number(amount) : amount);
}

export function formatNumber(n: number, locale = 'es-MX'): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** "12 dic 2026, 14:05" in the company's time zone when given. */
export function formatDateTime(at: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
}

export function formatDate(at: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
}

export function formatTime(at: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('es-MX', { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
}

const relative = new Intl.RelativeTimeFormat('es', { numeric: 'auto' });

/** "hace 5 minutos", "ayer", "en 2 horas". */
export function formatRelative(at: string | Date, now: Date = new Date()): string {
  const seconds = Math.round((new Date(at).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'recién';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86_400 * 30) return relative.format(Math.round(seconds / 86_400), 'day');
  return formatDate(at);
}
