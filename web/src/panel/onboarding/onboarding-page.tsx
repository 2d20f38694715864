// /panel/:slug/inicio: the first steps of a new shop. Each step's "done" comes from the data
// (type chosen, hours saved, number verified, products present), so a reload resumes where the
// owner left off.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { updateCompanySchema } from '../../../../src/modules/companies/companies.schemas.ts';
import { businessInfoSchema } from '../../../../src/modules/companies/business-info.ts';
import { BUSINESS_TYPES, COUNTRIES, countryOf } from '../lib/business.ts';
import { apiFetch } from '../lib/api.ts';
import { companyKey, settingsKey, useCompanyDetails, useSettings } from '../lib/company.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { useSession } from '../lib/session.tsx';
import type { CompanyDetails, ImportPreview, Settings } from '../lib/wire.ts';
import { Button, ButtonLink, Card, Field, Input, Modal, PageHeader, PageSpinner, Select, Toggle, buttonClass, useToast } from '../lib/ui/index.ts';
import { loadStarter, productsKey, useProductCount } from '../catalog/catalog-api.ts';
import { CsvImport } from '../catalog/csv-import.tsx';
import { ProductEditor } from '../catalog/product-editor.tsx';
import { ChannelPanel, useChannel } from '../shared/channel-form.tsx';
import { daysFrom, HoursEditor, hoursAndDelivery, NO_DELIVERY_WAY, type DayHours } from '../shared/hours-editor.tsx';

type StepId = 'negocio' | 'horario' | 'whatsapp' | 'productos' | 'probar';
const STEPS: { id: StepId; title: string }[] = [
  { id: 'negocio', title: 'Tu negocio' },
  { id: 'horario', title: 'Horario y entregas' },
  { id: 'whatsapp', title: 'Conecta WhatsApp' },
  { id: 'productos', title: 'Tus primeros productos' },
  { id: 'probar', title: 'Prueba tu bot' },
];

export default function OnboardingPage() {
  const { slug = '' } = useParams();
  const company = useCompanyDetails(slug);
  const settings = useSettings(slug);
  const channel = useChannel(slug);
  const products = useProductCount(slug);
  const [current, setCurrent] = useState<StepId | null>(null);

  const loaded = !(company.isPending || settings.isPending || channel.isPending || products.isPending);
  const done: Record<StepId, boolean> = {
    negocio: Boolean(company.data?.businessType && company.data.adminPhone),
    horario: (settings.data?.businessInfo.hours?.weekly.length ?? 0) > 0,
    whatsapp: channel.data?.channel?.lastCheck.ok === true,
    productos: (products.data ?? 0) > 0,
    probar: false,
  };
  const firstOpen = STEPS.find((s) => !done[s.id])?.id ?? 'probar';
  // The step open on arrival is the first one left; from then on only the owner moves it (a step
  // that becomes done, e.g. the number verified, stays open to show its result).
  useEffect(() => {
    if (loaded && current === null) setCurrent(firstOpen);
  }, [loaded, current, firstOpen]);
  if (!loaded) return <PageSpinner />;
  const step = current ?? firstOpen;
  const doneCount = STEPS.filter((s) => done[s.id]).length;
  const next = () => {
    const i = STEPS.findIndex((s) => s.id === step);
    setCurrent(STEPS[Math.min(i + 1, STEPS.length - 1)]!.id);
  };

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Primeros pasos" description={`Dejemos listo tu bot de WhatsApp. Llevas ${doneCount} de 4 pasos.`} />
      <div className="mb-5 h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label="Avance" aria-valuemin={0} aria-valuemax={4} aria-valuenow={doneCount}>
        <div className="h-full rounded-full bg-wa-accent transition-[width]" style={{ width: `${(doneCount / 4) * 100}%` }} />
      </div>
      <ol className="flex flex-col gap-3">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <StepCard number={i + 1} title={s.title} done={done[s.id]} open={step === s.id} onOpen={() => setCurrent(s.id)}>
              {s.id === 'negocio' && company.data ? <BusinessStep slug={slug} company={company.data} onDone={next} /> : null}
              {s.id === 'horario' && settings.data ? <HoursStep slug={slug} settings={settings.data} onDone={next} /> : null}
              {s.id === 'whatsapp' ? <WhatsAppStep slug={slug} onDone={next} verified={done.whatsapp} /> : null}
              {s.id === 'productos' ? <ProductsStep slug={slug} businessType={company.data?.businessType ?? undefined} count={products.data ?? 0} onDone={next} /> : null}
              {s.id === 'probar' ? <TryStep slug={slug} ready={done.whatsapp && done.productos} /> : null}
            </StepCard>
          </li>
        ))}
      </ol>
    </div>
  );
}

function StepCard({ number, title, done, open, onOpen, children }: { number: number; title: string; done: boolean; open: boolean; onOpen: () => void; children: ReactNode }) {
  return (
    <section className={`rounded-2xl border bg-white shadow-sm ${open ? 'border-wa-green' : 'border-slate-200'}`} aria-labelledby={`paso-${number}`}>
      <h2 id={`paso-${number}`}>
        <button type="button" onClick={onOpen} aria-expanded={open} className="flex w-full items-center gap-3 rounded-2xl px-4 py-4 text-left focus-visible:outline-2 focus-visible:outline-wa-green sm:px-5">
          <span aria-hidden="true" className={`grid h-8 w-8 shrink-0 place-items-center rounded-full text-sm font-semibold ${done ? 'bg-wa-accent text-white' : open ? 'bg-wa-green text-white' : 'bg-slate-200 text-slate-700'}`}>
            {done ? '✓' : number}
          </span>
          <span className="flex-1 text-base font-semibold text-slate-900">{title}</span>
          <span className="text-sm text-slate-600">{done ? 'Listo' : open ? '' : 'Pendiente'}</span>
        </button>
      </h2>
      {open ? <div className="border-t border-slate-100 px-4 py-4 sm:px-5">{children}</div> : null}
    </section>
  );
}

function BusinessStep({ slug, company, onDone }: { slug: string; company: CompanyDetails; onDone: () => void }) {
  const client = useQueryClient();
  const { refresh } = useSession();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const country = COUNTRIES.find((c) => c.value === form.get('country')) ?? COUNTRIES[0];
    const phone = String(form.get('adminPhone') ?? '').replace(/[\s()+-]/g, '');
    const body = { name: String(form.get('name') ?? ''), businessType: String(form.get('businessType') ?? ''), currency: country.currency, locale: country.locale, timezone: country.timezone, adminPhone: phone || null };
    const checked = validate(updateCompanySchema, body);
    if (!checked.ok) return setErrors(checked.errors);
    if (!phone) return setErrors({ adminPhone: 'Escribe el WhatsApp donde quieres recibir los avisos de pedidos nuevos.' });
    setErrors({});
    setBusy(true);
    try {
      const saved = await apiFetch<{ company: CompanyDetails }>(`/api/companies/${slug}`, { method: 'PATCH', body });
      client.setQueryData(companyKey(slug), saved.company);
      await refresh();
      onDone();
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="grid gap-4 sm:grid-cols-2">
      {errors._ ? <p role="alert" className="text-sm text-red-700 sm:col-span-2">{errors._}</p> : null}
      <Field label="Nombre del negocio" error={errors.name} className="sm:col-span-2">
        <Input name="name" defaultValue={company.name} required />
      </Field>
      <Field label="Tipo de negocio" error={errors.businessType}>
        <Select name="businessType" defaultValue={company.businessType ?? 'otro'}>
          {BUSINESS_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="País y moneda" error={errors.currency ?? errors.timezone}>
        <Select name="country" defaultValue={countryOf(company.currency)?.value ?? 'MX'}>
          {COUNTRIES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Tu WhatsApp para avisos de pedidos" error={errors.adminPhone} hint="Con código de país, p. ej. 5215512345678. Ahí te avisamos de cada pedido nuevo." className="sm:col-span-2">
        <Input name="adminPhone" inputMode="tel" defaultValue={company.adminPhone ?? ''} autoComplete="tel" />
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" busy={busy}>
          Guardar y seguir
        </Button>
      </div>
    </form>
  );
}

/** businessInfo is replaced whole by the API: the step changes hours and delivery, keeps the rest. */
function HoursStep({ slug, settings, onDone }: { slug: string; settings: Settings; onDone: () => void }) {
  const client = useQueryClient();
  const info = settings.businessInfo;
  const [days, setDays] = useState<DayHours[]>(() => {
    const d = daysFrom(info);
    // A new shop starts with Monday to Saturday open, to edit rather than fill from nothing.
    return info.hours?.weekly.length ? d : d.map((x, i) => ({ ...x, open: i >= 1 && i <= 6 }));
  });
  const [whenClosed, setWhenClosed] = useState(info.hours?.acceptOrdersWhenClosed ?? true);
  const [delivery, setDelivery] = useState(info.delivery?.delivery ?? true);
  const [pickup, setPickup] = useState(info.delivery?.pickup ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const businessInfo = { ...info, ...hoursAndDelivery(info, { days, whenClosed, delivery, pickup }, form) };
    const checked = validate(businessInfoSchema, businessInfo);
    if (!checked.ok) return setErrors(Object.fromEntries(Object.entries(checked.errors).map(([k, v]) => [k.replace(/^delivery\./, ''), v])));
    if (!delivery && !pickup) return setErrors({ _: NO_DELIVERY_WAY });
    setErrors({});
    setBusy(true);
    try {
      const saved = await apiFetch<Settings>(`/api/companies/${slug}/settings`, { method: 'PUT', body: { businessInfo } });
      client.setQueryData(settingsKey(slug), saved);
      onDone();
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }
  const d = info.delivery;
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5">
      {errors._ ? <p role="alert" className="text-sm text-red-700">{errors._}</p> : null}
      <HoursEditor days={days} onChange={setDays} />
      <Toggle checked={whenClosed} onChange={setWhenClosed} label="Tomar pedidos fuera de horario (se preparan al abrir)" />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium text-slate-800">Entregas</legend>
        <div className="flex flex-col gap-2 sm:col-span-2">
          <Toggle checked={delivery} onChange={setDelivery} label="Entrega a domicilio" />
          <Toggle checked={pickup} onChange={setPickup} label="Para recoger en el local" />
        </div>
        <Field label="Costo de envío" error={errors.fee} hint="Vacío o 0: gratis.">
          <Input name="fee" inputMode="decimal" defaultValue={d?.fee ?? ''} placeholder="30" />
        </Field>
        <Field label="Envío gratis desde" error={errors.freeFrom} hint="Opcional.">
          <Input name="freeFrom" inputMode="decimal" defaultValue={d?.freeFrom ?? ''} placeholder="300" />
        </Field>
        <Field label="Pedido mínimo" error={errors.minimumOrder} hint="Opcional.">
          <Input name="minimumOrder" inputMode="decimal" defaultValue={d?.minimumOrder ?? ''} />
        </Field>
        <Field label="Tiempo estimado de entrega" error={errors.estimatedTime}>
          <Input name="estimatedTime" defaultValue={d?.estimatedTime ?? ''} placeholder="30 a 45 minutos" />
        </Field>
        <Field label="Zonas de entrega" error={errors.areas} className="sm:col-span-2">
          <Input name="areas" defaultValue={d?.areas ?? ''} placeholder="Colonias Centro, Roma y Condesa" />
        </Field>
      </fieldset>
      <div>
        <Button type="submit" busy={busy}>
          Guardar y seguir
        </Button>
      </div>
    </form>
  );
}

function WhatsAppStep({ slug, onDone, verified }: { slug: string; onDone: () => void; verified: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      <ChannelPanel slug={slug} />
      {verified ? (
        <div>
          <Button onClick={onDone}>Seguir</Button>
        </div>
      ) : null}
    </div>
  );
}

function ProductsStep({ slug, businessType, count, onDone }: { slug: string; businessType: string | undefined; count: number; onDone: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [editor, setEditor] = useState(false);
  const [csv, setCsv] = useState(false);
  const [starter, setStarter] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);

  async function previewStarter() {
    setBusy(true);
    try {
      setStarter(await loadStarter(slug, businessType, true));
    } catch (err) {
      toast.error(errorsFromApi(err)._ ?? 'No pudimos cargar el ejemplo.');
    } finally {
      setBusy(false);
    }
  }
  async function applyStarter() {
    setBusy(true);
    try {
      const done = await loadStarter(slug, businessType, false);
      await client.invalidateQueries({ queryKey: productsKey(slug) });
      toast.success(`Cargamos ${done.summary.create} productos de ejemplo. Cambia precios y nombres cuando quieras.`);
      setStarter(null);
    } catch (err) {
      toast.error(errorsFromApi(err)._ ?? 'No pudimos cargar el ejemplo.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">
        {count > 0 ? `Ya tienes ${count} ${count === 1 ? 'producto' : 'productos'}. Puedes agregar más ahora o después desde Catálogo.` : 'Tu bot necesita al menos un producto para tomar pedidos. Elige cómo empezar:'}
      </p>
      <div className="grid gap-3 sm:grid-cols-3">
        <Choice title="A mano" text="Nombre, precio y foto, uno por uno." action={<Button onClick={() => setEditor(true)}>Agregar producto</Button>} />
        <Choice title="Con un CSV" text="Sube tu lista desde Excel o Google Sheets." action={<Button variant="secondary" onClick={() => setCsv(true)}>Importar CSV</Button>} />
        <Choice title="Con un ejemplo" text="Unos productos típicos de tu tipo de negocio para probar." action={<Button variant="secondary" busy={busy && !starter} onClick={() => void previewStarter()}>Ver ejemplo</Button>} />
      </div>
      {count > 0 ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={onDone}>Seguir</Button>
          <ButtonLink variant="ghost" to={`/panel/${slug}/catalogo`}>
            Ir al catálogo
          </ButtonLink>
        </div>
      ) : null}
      <ProductEditor slug={slug} product={null} open={editor} onClose={() => setEditor(false)} />
      <Modal open={csv} onClose={() => setCsv(false)} title="Importar productos desde CSV" wide>
        <CsvImport slug={slug} onDone={() => setCsv(false)} />
      </Modal>
      <Modal
        open={starter !== null}
        onClose={() => setStarter(null)}
        title="Catálogo de ejemplo"
        footer={
          <>
            <Button variant="secondary" onClick={() => setStarter(null)}>
              Cancelar
            </Button>
            <Button busy={busy} onClick={() => void applyStarter()}>
              Cargar estos productos
            </Button>
          </>
        }
      >
        <p className="mb-3 text-sm text-slate-700">Estos productos se agregan a tu catálogo; luego puedes cambiar precios, nombres y fotos.</p>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm">
          {starter?.changes.map((c, i) => (
            <li key={i} className="px-3 py-2 text-slate-900">
              {c.name}
            </li>
          ))}
        </ul>
      </Modal>
    </div>
  );
}

function Choice({ title, text, action }: { title: string; text: string; action: ReactNode }) {
  return (
    <Card className="flex flex-col gap-2">
      <h3 className="font-semibold text-slate-900">{title}</h3>
      <p className="flex-1 text-sm text-slate-600">{text}</p>
      {action}
    </Card>
  );
}

function TryStep({ slug, ready }: { slug: string; ready: boolean }) {
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">
        Abre el simulador y escríbele a tu bot como si fueras un cliente: pide el catálogo, arma un pedido y mira cómo llega a tu panel.
      </p>
      {!ready ? <p className="text-sm text-amber-800">Para probarlo, primero conecta tu número de WhatsApp y agrega al menos un producto.</p> : null}
      <div>
        <a className={buttonClass('primary', 'md', ready ? '' : 'pointer-events-none opacity-60')} aria-disabled={!ready || undefined} href={`/simulador?empresa=${encodeURIComponent(slug)}`} target="_blank" rel="noopener">
          Prueba tu bot
        </a>
      </div>
    </div>
  );
}
