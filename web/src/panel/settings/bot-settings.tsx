// What the bot says in the shop's own words (welcome, menu labels, a few moments), with a live
// preview drawn with the simulator's own WhatsApp bubbles, and the bot's on/off switch.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { businessInfoSchema } from '../../../../src/modules/companies/business-info.ts';
import { BotMessage } from '../../simulator/bot-message.tsx';
import { ListSheet } from '../../simulator/list-sheet.tsx';
import type { InteractiveWire, OutboundWire } from '../../simulator/wire-types.ts';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { companyKey, settingsKey, useCompanyDetails, useSettings } from '../lib/company.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import type { BusinessInfo, CompanyDetails, Settings } from '../lib/wire.ts';
import { Button, Card, ErrorNotice, Field, Input, PageSpinner, Textarea, Toggle, useToast } from '../lib/ui/index.ts';

// The bot's own words when the shop leaves a field empty (as the conversation engine words them).
const DEFAULT_LABELS = { catalog: 'Ver catálogo', order: 'Hacer un pedido', status: 'Estado de mi pedido', advisor: 'Hablar con un asesor' } as const;
const LABEL_NAMES: Record<keyof typeof DEFAULT_LABELS, string> = { catalog: 'Opción «catálogo»', order: 'Opción «pedido»', status: 'Opción «estado»', advisor: 'Opción «persona»' };
const DEFAULT_TEXTS = {
  closed: 'Ahora estamos cerrados.',
  advisor: 'En un momento te atiende una persona del equipo. 🙌',
  orderThanks: '¡Gracias por tu pedido! 🧡',
};
const defaultWelcome = (company: string) => `¡Hola! 👋 Soy el asistente de *${company}*. Te ayudo a ver el catálogo, hacer pedidos y revisar su estado.`;

type Draft = { welcomeText: string; labels: Record<keyof typeof DEFAULT_LABELS, string>; texts: Record<keyof typeof DEFAULT_TEXTS, string> };

const draftOf = (info: BusinessInfo): Draft => ({
  welcomeText: info.welcomeText ?? '',
  labels: { catalog: info.menuLabels?.catalog ?? '', order: info.menuLabels?.order ?? '', status: info.menuLabels?.status ?? '', advisor: info.menuLabels?.advisor ?? '' },
  texts: { closed: info.botTexts?.closed ?? '', advisor: info.botTexts?.advisor ?? '', orderThanks: info.botTexts?.orderThanks ?? '' },
});

const nonEmpty = <T extends Record<string, string>>(o: T): Partial<T> | undefined => {
  const kept = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v)) as Partial<T>;
  return Object.keys(kept).length ? kept : undefined;
};

export function BotSettings({ slug }: { slug: string }) {
  const settings = useSettings(slug);
  const company = useCompanyDetails(slug);
  if (settings.isError) return <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data || !company.data) return <PageSpinner />;
  return (
    <div className="flex flex-col gap-5">
      <BotSwitch slug={slug} company={company.data} />
      <BotTextsForm slug={slug} settings={settings.data} companyName={company.data.name} key={settings.dataUpdatedAt} />
    </div>
  );
}

function BotSwitch({ slug, company }: { slug: string; company: CompanyDetails }) {
  const client = useQueryClient();
  const toast = useToast();
  const [on, setOn] = useState(company.botEnabled);
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="font-semibold text-slate-900">Bot {on ? 'encendido' : 'apagado'}</h2>
          <p className="text-sm text-slate-600">{on ? 'El bot responde a tus clientes por WhatsApp.' : 'El bot no responde: tus clientes esperan a que alguien del equipo conteste desde Conversaciones.'}</p>
        </div>
        <Toggle
          checked={on}
          label="Bot encendido"
          hideLabel
          onChange={async (next) => {
            setOn(next);
            try {
              const saved = await apiFetch<{ company: CompanyDetails }>(`/api/companies/${slug}`, { method: 'PATCH', body: { botEnabled: next } });
              client.setQueryData(companyKey(slug), saved.company);
              toast.success(next ? 'Bot encendido.' : 'Bot apagado.');
            } catch (err) {
              setOn(!next);
              toast.error(errorMessage(err));
            }
          }}
        />
      </div>
    </Card>
  );
}

function BotTextsForm({ slug, settings, companyName }: { slug: string; settings: Settings; companyName: string }) {
  const client = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings.businessInfo));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const businessInfo = { ...settings.businessInfo, welcomeText: draft.welcomeText.trim() || undefined, menuLabels: nonEmpty(draft.labels), botTexts: nonEmpty(draft.texts) };
    const checked = validate(businessInfoSchema, businessInfo);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const saved = await apiFetch<Settings>(`/api/companies/${slug}/settings`, { method: 'PUT', body: { businessInfo } });
      client.setQueryData(settingsKey(slug), saved);
      toast.success('Textos del bot guardados.');
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  const setLabel = (k: keyof Draft['labels'], v: string) => setDraft((d) => ({ ...d, labels: { ...d.labels, [k]: v } }));
  const setText = (k: keyof Draft['texts'], v: string) => setDraft((d) => ({ ...d, texts: { ...d.texts, [k]: v } }));
  return (
    <div className="grid gap-5 lg:grid-cols-[1fr_22rem]">
      <form noValidate onSubmit={submit} className="flex flex-col gap-5">
        {errors._ ? <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{errors._}</p> : null}
        <Card title="Bienvenida y menú">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Mensaje de bienvenida" error={errors.welcomeText} hint="Vacío: el saludo del bot. *negritas* y _cursivas_ como en WhatsApp." className="sm:col-span-2">
              <Textarea rows={3} maxLength={1000} value={draft.welcomeText} placeholder={defaultWelcome(companyName)} onChange={(e) => setDraft((d) => ({ ...d, welcomeText: e.target.value }))} />
            </Field>
            {(Object.keys(DEFAULT_LABELS) as (keyof typeof DEFAULT_LABELS)[]).map((k) => (
              <Field key={k} label={LABEL_NAMES[k]} error={errors[`menuLabels.${k}`]} hint="Hasta 24 caracteres.">
                <Input maxLength={24} value={draft.labels[k]} placeholder={DEFAULT_LABELS[k]} onChange={(e) => setLabel(k, e.target.value)} />
              </Field>
            ))}
          </div>
        </Card>
        <Card title="Otros mensajes">
          <div className="grid gap-4">
            <Field label="Cuando escriben fuera de horario" error={errors['botTexts.closed']}>
              <Textarea rows={2} maxLength={500} value={draft.texts.closed} placeholder={DEFAULT_TEXTS.closed} onChange={(e) => setText('closed', e.target.value)} />
            </Field>
            <Field label="Cuando piden hablar con una persona" error={errors['botTexts.advisor']}>
              <Textarea rows={2} maxLength={500} value={draft.texts.advisor} placeholder={DEFAULT_TEXTS.advisor} onChange={(e) => setText('advisor', e.target.value)} />
            </Field>
            <Field label="Después de confirmar un pedido" error={errors['botTexts.orderThanks']}>
              <Textarea rows={2} maxLength={500} value={draft.texts.orderThanks} placeholder={DEFAULT_TEXTS.orderThanks} onChange={(e) => setText('orderThanks', e.target.value)} />
            </Field>
          </div>
        </Card>
        <div>
          <Button type="submit" busy={busy}>
            Guardar textos
          </Button>
        </div>
      </form>
      <WhatsAppPreview draft={draft} companyName={companyName} />
    </div>
  );
}

/** The draft as the customer would see it, with the simulator's bubbles (updates as you type). */
function WhatsAppPreview({ draft, companyName }: { draft: Draft; companyName: string }) {
  const [list, setList] = useState<InteractiveWire | null>(null);
  const labels = (Object.keys(DEFAULT_LABELS) as (keyof typeof DEFAULT_LABELS)[]).map((k) => draft.labels[k].trim() || DEFAULT_LABELS[k]);
  const at = new Date(2026, 0, 1, 12, 0).toISOString();
  const welcome: OutboundWire = { type: 'text', text: { body: draft.welcomeText.trim() || defaultWelcome(companyName) } };
  const menu: OutboundWire = {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: '¿En qué te puedo ayudar? Elige una opción:' },
      action: { button: 'Ver opciones', sections: [{ title: 'Menú', rows: labels.map((title, i) => ({ id: `m${i}`, title })) }] },
    },
  };
  const moments: OutboundWire[] = [
    { type: 'text', text: { body: draft.texts.closed.trim() || DEFAULT_TEXTS.closed } },
    { type: 'text', text: { body: draft.texts.advisor.trim() || DEFAULT_TEXTS.advisor } },
    { type: 'text', text: { body: draft.texts.orderThanks.trim() || DEFAULT_TEXTS.orderThanks } },
  ];
  const noop = () => undefined;
  return (
    <aside aria-label="Vista previa en WhatsApp" className="lg:sticky lg:top-4 lg:self-start">
      <div className="overflow-hidden rounded-2xl border border-slate-200 shadow-sm">
        <div className="flex items-center gap-2 bg-wa-green px-3 py-2.5 text-white">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-full bg-white/20 text-sm font-semibold">
            {companyName.slice(0, 1).toUpperCase()}
          </span>
          <div>
            <p className="text-sm font-semibold">{companyName}</p>
            <p className="text-xs text-white/80">Vista previa</p>
          </div>
        </div>
        <div className="wa-wallpaper relative">
          <ol className="flex flex-col gap-1.5 px-3 py-3" data-testid="preview-chat">
            <BotMessage at={at} message={welcome} onReply={noop} onOpenList={(interactive) => setList(interactive)} />
            <BotMessage at={at} message={menu} onReply={noop} onOpenList={(interactive) => setList(interactive)} />
            <li className="my-1 self-center rounded-md bg-white/90 px-2 py-0.5 text-[11px] text-wa-muted">Más tarde, según el momento</li>
            {moments.map((m, i) => (
              <BotMessage key={i} at={at} message={m} onReply={noop} onOpenList={noop} />
            ))}
          </ol>
          {list ? <ListSheet interactive={list} onChoose={() => setList(null)} onClose={() => setList(null)} /> : null}
        </div>
      </div>
    </aside>
  );
}
