// Business data, hours, delivery, payments and policies: one form, saved with PUT /settings
// (businessInfo is replaced whole, so every field the page does not show is sent back as it was).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { businessInfoSchema } from '../../../../src/modules/companies/business-info.ts';
import { updateCompanySchema } from '../../../../src/modules/companies/companies.schemas.ts';
import { apiFetch } from '../lib/api.ts';
import { COUNTRIES, countryOf } from '../lib/business.ts';
import { companyKey, settingsKey, useSettings } from '../lib/company.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { useSession } from '../lib/session.tsx';
import type { Settings } from '../lib/wire.ts';
import { Button, Card, ErrorNotice, Field, Input, PageSpinner, Select, Textarea, Toggle, useToast } from '../lib/ui/index.ts';
import { daysFrom, HoursEditor, hoursAndDelivery, NO_DELIVERY_WAY, optionalField, type DayHours } from '../shared/hours-editor.tsx';

export function BusinessSettings({ slug }: { slug: string }) {
  const settings = useSettings(slug);
  if (settings.isError) return <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <PageSpinner />;
  return <BusinessForm slug={slug} settings={settings.data} key={settings.dataUpdatedAt} />;
}


function BusinessForm({ slug, settings }: { slug: string; settings: Settings }) {
  const client = useQueryClient();
  const toast = useToast();
  const { refresh } = useSession();
  const info = settings.businessInfo;
  const [days, setDays] = useState<DayHours[]>(() => daysFrom(info));
  const [whenClosed, setWhenClosed] = useState(info.hours?.acceptOrdersWhenClosed ?? true);
  const [delivery, setDelivery] = useState(info.delivery?.delivery ?? true);
  const [pickup, setPickup] = useState(info.delivery?.pickup ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const country = COUNTRIES.find((c) => c.value === f.get('country')) ?? COUNTRIES[0];
    const phone = String(f.get('adminPhone') ?? '').replace(/[\s()+-]/g, '');
    const company = { name: String(f.get('name') ?? ''), currency: country.currency, locale: country.locale, timezone: country.timezone, adminPhone: phone || null };
    const payments = String(f.get('paymentMethods') ?? '').split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    const businessInfo = {
      ...info,
      ...hoursAndDelivery(info, { days, whenClosed, delivery, pickup }, f),
      paymentMethods: payments.length ? payments : undefined,
      address: optionalField(f.get('address')),
      mapUrl: optionalField(f.get('mapUrl')),
      policies: { shipping: optionalField(f.get('shipping')), refunds: optionalField(f.get('refunds')) },
    };
    const c1 = validate(updateCompanySchema, company);
    const c2 = validate(businessInfoSchema, businessInfo);
    const found: FieldErrors = { ...(c1.ok ? {} : c1.errors) };
    if (!c2.ok) for (const [k, v] of Object.entries(c2.errors)) found[k.split('.').at(-1) ?? k] = v;
    if (!delivery && !pickup) found._ = NO_DELIVERY_WAY;
    if (Object.keys(found).length) return setErrors({ _: 'Revisa los campos marcados.', ...found });
    setErrors({});
    setBusy(true);
    try {
      const saved = await apiFetch<Settings>(`/api/companies/${slug}/settings`, { method: 'PUT', body: { company, businessInfo } });
      client.setQueryData(settingsKey(slug), saved);
      await client.invalidateQueries({ queryKey: companyKey(slug) });
      await refresh();
      toast.success('Cambios guardados.');
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  const d = info.delivery;
  return (
    <form noValidate onSubmit={submit} className="grid max-w-4xl gap-5">
      {errors._ ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors._}
        </p>
      ) : null}
      <p className="text-sm text-slate-700" role="status">
        {settings.now.open ? 'Ahora estás abierto.' : `Ahora estás cerrado.${settings.now.closedNotice ? ` El bot dice: «${settings.now.closedNotice}»` : ''}`}
      </p>
      <Card title="Datos del negocio">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Nombre del negocio" error={errors.name}>
            <Input name="name" defaultValue={settings.company.name} />
          </Field>
          <Field label="País y moneda" error={errors.currency ?? errors.timezone}>
            <Select name="country" defaultValue={countryOf(settings.company.currency)?.value ?? 'MX'}>
              {COUNTRIES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="WhatsApp para avisos de pedidos" error={errors.adminPhone} hint="Con código de país.">
            <Input name="adminPhone" inputMode="tel" defaultValue={settings.company.adminPhone ?? ''} />
          </Field>
          <Field label="Dirección del local" error={errors.address}>
            <Input name="address" defaultValue={info.address ?? ''} />
          </Field>
          <Field label="Enlace de Google Maps" error={errors.mapUrl} className="sm:col-span-2">
            <Input name="mapUrl" type="url" defaultValue={info.mapUrl ?? ''} placeholder="https://maps.google.com/…" />
          </Field>
        </div>
      </Card>
      <Card title="Horario">
        <div className="flex flex-col gap-4">
          <HoursEditor days={days} onChange={setDays} />
          <Toggle checked={whenClosed} onChange={setWhenClosed} label="Tomar pedidos fuera de horario (se preparan al abrir)" />
        </div>
      </Card>
      <Card title="Entregas y pagos">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-2 sm:col-span-2">
            <Toggle checked={delivery} onChange={setDelivery} label="Entrega a domicilio" />
            <Toggle checked={pickup} onChange={setPickup} label="Para recoger en el local" />
          </div>
          <Field label="Costo de envío" error={errors.fee} hint="Vacío o 0: gratis.">
            <Input name="fee" inputMode="decimal" defaultValue={d?.fee ?? ''} />
          </Field>
          <Field label="Envío gratis desde" error={errors.freeFrom}>
            <Input name="freeFrom" inputMode="decimal" defaultValue={d?.freeFrom ?? ''} />
          </Field>
          <Field label="Pedido mínimo" error={errors.minimumOrder}>
            <Input name="minimumOrder" inputMode="decimal" defaultValue={d?.minimumOrder ?? ''} />
          </Field>
          <Field label="Tiempo estimado de entrega" error={errors.estimatedTime}>
            <Input name="estimatedTime" defaultValue={d?.estimatedTime ?? ''} placeholder="30 a 45 minutos" />
          </Field>
          <Field label="Zonas de entrega" error={errors.areas} className="sm:col-span-2">
            <Textarea name="areas" rows={2} defaultValue={d?.areas ?? ''} />
          </Field>
          <Field label="Formas de pago" error={errors.paymentMethods} hint="Separadas por comas: efectivo, transferencia, tarjeta…" className="sm:col-span-2">
            <Input name="paymentMethods" defaultValue={(info.paymentMethods ?? []).join(', ')} />
          </Field>
        </div>
      </Card>
      <Card title="Políticas">
        <div className="grid gap-4">
          <Field label="Envíos" error={errors.shipping}>
            <Textarea name="shipping" rows={3} defaultValue={info.policies?.shipping ?? ''} maxLength={2000} />
          </Field>
          <Field label="Cambios y devoluciones" error={errors.refunds}>
            <Textarea name="refunds" rows={3} defaultValue={info.policies?.refunds ?? ''} maxLength={2000} />
          </Field>
        </div>
      </Card>
      <div className="sticky bottom-20 z-10 lg:bottom-4">
        <Button type="submit" busy={busy} className="shadow-lg">
          Guardar cambios
        </Button>
      </div>
    </form>
  );
}
