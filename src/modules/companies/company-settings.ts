// A company's locale, currency and time zone drive price formatting, template languages and
// dates in messages: each is checked against what this runtime's Intl (ICU) really supports, and
// stored in its canonical spelling.

const currencies = new Set(Intl.supportedValuesOf('currency'));
const timeZones = new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * "es-mx" or "es_MX" → "es-MX"; undefined for a tag that is malformed, that Intl cannot format,
 * or that carries more than language, script and region (Meta's template languages are
 * `es`, `es_MX`, `pt_BR`: extensions would not map).
 */
export function canonicalLocale(tag: string): string | undefined {
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'));
  } catch {
    return undefined;
  }
  if (!canonical || !/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/.test(canonical)) return undefined;
  if (Intl.NumberFormat.supportedLocalesOf([canonical], { localeMatcher: 'lookup' }).length === 0) return undefined;
  // Lookup falls back from "es-XX" to "es": the region must exist too.
  const { region } = new Intl.Locale(canonical);
  if (region && regionNames.of(region) === undefined) return undefined;
  return canonical;
}

/** An ISO 4217 code Intl formats money in ("mxn" → "MXN"). */
export function canonicalCurrency(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(upper) && currencies.has(upper) ? upper : undefined;
}

/**
 * An IANA time zone, spelled as in the IANA list ("america/mexico_city" → "America/Mexico_City").
 * Aliases Intl accepts ("US/Eastern", "Asia/Kolkata") are kept as written: ICU's canonical
 * names are sometimes the older ones ("Asia/Calcutta").
 */
export function canonicalTimeZone(zone: string): string | undefined {
  const name = zone.trim();
  // Offsets ("+01:00") are not zones: they ignore daylight saving changes.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined;
  const listed = timeZones.get(name.toLowerCase());
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    return resolved === 'UTC' ? resolved : name;
  } catch {
    return undefined;
  }
}
