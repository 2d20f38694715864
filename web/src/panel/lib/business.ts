// Choices offered when creating a business: its type (which also picks the starter catalog)
// and its country (currency, locale and time zone in one choice).

export const BUSINESS_TYPES = [
  { value: 'restaurante', label: 'Restaurante o comida para llevar' },
  { value: 'panaderia', label: 'Panadería o pastelería' },
  { value: 'cafeteria', label: 'Cafetería' },
  { value: 'abarrotes', label: 'Tienda de abarrotes o minisúper' },
  { value: 'farmacia', label: 'Farmacia' },
  { value: 'ropa', label: 'Ropa y accesorios' },
  { value: 'otro', label: 'Otro tipo de negocio' },
] as const;

export const businessTypeLabel = (value: string | null | undefined) => BUSINESS_TYPES.find((t) => t.value === value)?.label ?? value ?? 'Sin definir';

export const COUNTRIES = [
  { value: 'MX', label: 'México (MXN)', currency: 'MXN', locale: 'es-MX', timezone: 'America/Mexico_City' },
  { value: 'CO', label: 'Colombia (COP)', currency: 'COP', locale: 'es-CO', timezone: 'America/Bogota' },
  { value: 'AR', label: 'Argentina (ARS)', currency: 'ARS', locale: 'es-AR', timezone: 'America/Argentina/Buenos_Aires' },
  { value: 'PE', label: 'Perú (PEN)', currency: 'PEN', locale: 'es-PE', timezone: 'America/Lima' },
  { value: 'CL', label: 'Chile (CLP)', currency: 'CLP', locale: 'es-CL', timezone: 'America/Santiago' },
  { value: 'GT', label: 'Guatemala (GTQ)', currency: 'GTQ', locale: 'es-GT', timezone: 'America/Guatemala' },
  { value: 'US', label: 'Estados Unidos (USD)', currency: 'USD', locale: 'es-US', timezone: 'America/New_York' },
] as const;

export type CountryCode = (typeof COUNTRIES)[number]['value'];
export const countryOf = (currency: string) => COUNTRIES.find((c) => c.currency === currency);
