// /panel/:slug/asistente (owner only): the AI assistant — its mode, the editor of its prompt,
// style and model, the prompt's versions, a preview chat through the unsaved draft beside the
// editor (stacked on a phone), and what it did lately with this month's tokens.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { Badge, ButtonLink, Button, Card, ErrorNotice, PageHeader, PageSpinner, useToast } from '../lib/ui/index.ts';
import { agentKey, draftOf, useAgentConfig, type AgentConfig, type AgentMode, type Draft } from './agent-api.ts';
import { AgentEditor } from './agent-editor.tsx';
import { AgentActivity } from './agent-activity.tsx';
import { AgentPreview } from './agent-preview.tsx';
import { MODES, modeLabel } from './agent-labels.ts';
import { PromptVersions } from './prompt-versions.tsx';

export default function AgentPage() {
  const { slug = '' } = useParams();
  const config = useAgentConfig(slug);
  return (
    <div>
      <PageHeader title="Asistente" description="Tu asistente de WhatsApp con inteligencia artificial: cómo habla, qué modelo usa y cómo responde, probado antes de que lo vean tus clientes." />
      {config.isError ? <ErrorNotice error={config.error} onRetry={() => void config.refetch()} /> : !config.data ? <PageSpinner /> : <AgentBody slug={slug} config={config.data} />}
    </div>
  );
}

function AgentBody({ slug, config }: { slug: string; config: AgentConfig }) {
  // The draft lives here: the editor changes it, the preview runs it, a restored version updates it.
  const [draft, setDraft] = useState<Draft>(() => draftOf(config));
  return (
    <div className="flex flex-col gap-5">
      <ModeCard slug={slug} config={config} onTurnOn={() => setDraft((d) => ({ ...d, enabled: true }))} />
      {/* Desktop: editor and versions on the left, the preview beside them; phone: editor, preview, versions. */}
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <AgentEditor slug={slug} config={config} draft={draft} setDraft={setDraft} />
        </div>
        <div className="min-w-0 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <AgentPreview slug={slug} config={config} draft={draft} />
        </div>
        <div className="min-w-0 lg:col-start-1 lg:row-start-2">
          <PromptVersions slug={slug} onRestored={(text) => setDraft((d) => ({ ...d, prompt: text }))} />
        </div>
      </div>
      <AgentActivity slug={slug} config={config} />
    </div>
  );
}

/** Why the assistant is not answering and what the owner can do about it. */
function Unavailable({ slug, config, onTurnOn }: { slug: string; config: AgentConfig; onTurnOn: () => void }) {
  const toast = useToast();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (!config.unavailableReason) return null;
  let action = null;
  if (!config.plan.aiIncluded) action = <ButtonLink to={`/panel/${slug}/ajustes/plan`} variant="secondary" size="sm">Ver planes</ButtonLink>;
  else if (!config.model) action = <a href="#modelo" className="text-sm font-medium text-wa-green-dark underline">Agregar mi clave de API</a>;
  else if (!config.enabled)
    action = (
      <Button
        size="sm"
        variant="secondary"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          try {
            client.setQueryData(agentKey(slug), await apiFetch<AgentConfig>(`/api/companies/${slug}/agent`, { method: 'PUT', body: { enabled: true } }));
            onTurnOn();
            toast.success('Asistente encendido.');
          } catch (err) {
            toast.error(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        Encender el asistente
      </Button>
    );
  return (
    <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="min-w-0 flex-1">{config.unavailableReason}</p>
      {action}
    </div>
  );
}

function ModeCard({ slug, config, onTurnOn }: { slug: string; config: AgentConfig; onTurnOn: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [saving, setSaving] = useState<AgentMode | null>(null);
  // Plan without AI or no model at all: the assistant cannot answer, so only Menú can be chosen.
  const locked = !config.plan.aiIncluded || !config.model;

  async function choose(mode: AgentMode) {
    if (mode === config.mode) return;
    setSaving(mode);
    try {
      const saved = await apiFetch<AgentConfig>(`/api/companies/${slug}/agent`, { method: 'PUT', body: { mode } });
      client.setQueryData(agentKey(slug), saved);
      toast.success(`Modo ${modeLabel(mode)}: ya responde así a tus clientes.`);
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setSaving(null);
    }
  }

  return (
    <Card
      title="¿Quién responde a tus clientes?"
      actions={
        <span className="text-sm text-slate-600">
          Ahora: <Badge tone={config.effectiveMode === 'menu' ? 'gray' : 'green'}>{modeLabel(config.effectiveMode)}</Badge>
        </span>
      }
    >
      <fieldset className="flex flex-col gap-3">
        <legend className="sr-only">Modo del asistente</legend>
        <div role="radiogroup" aria-label="Modo del asistente" className="grid gap-2 sm:grid-cols-3">
          {MODES.map((m) => {
            const disabled = (locked && m.value !== 'menu') || saving !== null;
            const checked = (saving ?? config.mode) === m.value;
            return (
              <label
                key={m.value}
                className={`relative flex min-h-11 gap-3 rounded-xl border p-3 text-sm transition-colors ${checked ? 'border-wa-green bg-emerald-50/60 ring-1 ring-wa-green' : 'border-slate-200 bg-white'} ${disabled && !checked ? 'cursor-not-allowed opacity-60' : 'cursor-pointer hover:border-slate-300'} has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-wa-green`}
              >
                <input type="radio" name="agent-mode" value={m.value} checked={checked} disabled={disabled} onChange={() => void choose(m.value)} className="mt-0.5 h-4 w-4 shrink-0 accent-wa-green" aria-describedby={`modo-${m.value}`} />
                <span className="min-w-0">
                  <span className="block font-semibold text-slate-900">{m.label}</span>
                  <span id={`modo-${m.value}`} className="block text-slate-600">
                    {m.explain}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        <Unavailable slug={slug} config={config} onTurnOn={onTurnOn} />
      </fieldset>
    </Card>
  );
}
