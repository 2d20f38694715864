import { BUSINESS_TYPES, COUNTRIES } from '../lib/business.ts';
import type { FieldErrors } from '../lib/forms.ts';
import { Field, Input, Select } from '../lib/ui/index.ts';

/** Name, type and country of a new business (form fields and error keys: businessName, businessType, country). */
export function BusinessFields({ errors }: { errors: FieldErrors }) {
  return (
    <>
      <Field label="Nombre del negocio" error={errors.businessName} hint="Así lo verán tus clientes en WhatsApp.">
        <Input name="businessName" autoComplete="organization" required />
      </Field>
      <Field label="Tipo de negocio" error={errors.businessType}>
        <Select name="businessType" defaultValue="restaurante">
          {BUSINESS_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="País y moneda" error={errors.country}>
        <Select name="country" defaultValue="MX">
          {COUNTRIES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}

/** The body of POST /api/companies from the fields above. */
export function businessBody(form: FormData) {
  const country = COUNTRIES.find((c) => c.value === form.get('country')) ?? COUNTRIES[0];
  return {
    name: String(form.get('businessName') ?? ''),
    businessType: String(form.get('businessType') ?? ''),
    currency: country.currency,
    locale: country.locale,
    timezone: country.timezone,
  };
}

/** The API's field errors of a business renamed to this form's fields. */
export function businessErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  if (errors.name) out.businessName = errors.name;
  if (errors.businessType) out.businessType = errors.businessType;
  const place = errors.currency ?? errors.locale ?? errors.timezone;
  if (place) out.country = place;
  return out;
}
