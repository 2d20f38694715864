// The assistant's settings: master prompt (each saved change is a new version), style, models and
// temperatures, the provider's URL and the business's own API key (write-only, verified on save),
// and the assistant's on/off. Checked with the API's own zod schema before sending.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { agentConfigInput } from '../../../../src/modules/agent/agent.schemas.ts';
import { ApiError, apiFetch } from '../lib/api.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import { Badge, Button, Card, Field, Input, Select, Textarea, Toggle, useToast } from '../lib/ui/index.ts';
import { agentKey, draftOf, promptsKey, saveBodyOf, type AgentConfig, type Draft } from './agent-api.ts';

const PROMPT_MAX = 8000;

type Props = { slug: string; config: AgentConfig; draft: Draft; setDraft: (fn: (d: Draft) => Draft) => void };

export function AgentEditor({ slug, config, draft, setDraft }: Props) {
  const client = useQueryClient();
  const toast = useToast();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = saveBodyOf(draft);
    const checked = validate(agentConfigInput, body);
    if (!checked.ok) {
      setErrors({ ...checked.errors, _: 'Revisa los campos marcados.' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await apiFetch<AgentConfig>(`/api/companies/${slug}/agent`, { method: 'PUT', body: checked.data });
      client.setQueryData(agentKey(slug), saved);
      void client.invalidateQueries({ queryKey: promptsKey(slug) });
      setDraft(() => draftOf(saved));
      const newVersion = saved.prompt.version !== config.prompt.version;
      toast.success(newVersion ? `Cambios guardados: el prompt quedó como versión ${saved.prompt.version}.` : 'Cambios guardados.');
    } catch (err) {
      // A key the provider refused (422): its message goes under the key's field.
      if (err instanceof ApiError && err.status === 422 && body.apiKey) setErrors({ apiKey: err.message, _: 'No se guardó nada: revisa la clave de API.' });
      else if (err instanceof ApiError && err.status === 422 && body.baseUrl !== config.baseUrl) setErrors({ baseUrl: err.message, _: 'No se guardó nada: revisa la URL del proveedor.' });
      else setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  async function removeKey() {
    setBusy(true);
    try {
      const saved = await apiFetch<AgentConfig>(`/api/companies/${slug}/agent`, { method: 'PUT', body: { apiKey: null } });
      client.setQueryData(agentKey(slug), saved);
      toast.success('Clave quitada: el asistente usa el modelo de la plataforma, si hay uno.');
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  const count = draft.prompt.length;
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-5" aria-label="Configuración del asistente">
      <Card title="Prompt maestro" actions={config.prompt.version ? <span className="text-xs text-slate-600">Versión activa: {config.prompt.version}</span> : <span className="text-xs text-slate-600">Texto inicial (aún sin versiones)</span>}>
        <Field
          label="Instrucciones para el asistente"
          error={errors.prompt}
          hint={
            <span className="flex flex-wrap justify-between gap-2">
              <span>Cuéntale qué vendes, cómo tratar a tus clientes y qué evitar. Los precios siempre salen de tu catálogo.</span>
              <span className={`tabular-nums ${count > PROMPT_MAX ? 'font-semibold text-red-700' : ''}`} aria-live="polite">
                {count.toLocaleString('es-MX')} / {PROMPT_MAX.toLocaleString('es-MX')} caracteres
              </span>
            </span>
          }
        >
          <Textarea rows={8} value={draft.prompt} onChange={(e) => set('prompt', e.target.value)} className="min-h-40 resize-y" />
        </Field>
      </Card>

      <Card title="Estilo">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Tono" error={errors['style.tone']} hint="Por ejemplo: amable y cercano, formal, divertido.">
            <Input value={draft.tone} maxLength={200} onChange={(e) => set('tone', e.target.value)} />
          </Field>
          <Field label="Emojis" error={errors['style.emojis']}>
            <Select value={draft.emojis} onChange={(e) => set('emojis', e.target.value as Draft['emojis'])}>
              <option value="ninguno">Sin emojis</option>
              <option value="pocos">Pocos emojis</option>
              <option value="muchos">Muchos emojis</option>
            </Select>
          </Field>
          <Field label="Largo máximo de cada respuesta" error={errors['style.maxLength']} hint="En caracteres, entre 80 y 4096.">
            <Input type="number" inputMode="numeric" min={80} max={4096} value={draft.maxLength} onChange={(e) => set('maxLength', e.target.value)} />
          </Field>
          <Field label="Llamado a la acción" error={errors['style.callToAction']} hint="Una frase para cerrar, p. ej. «¿Te lo envío hoy?». Opcional.">
            <Input value={draft.callToAction} maxLength={300} onChange={(e) => set('callToAction', e.target.value)} />
          </Field>
        </div>
      </Card>

      <Card title={<span id="modelo">Modelo</span>} actions={<Toggle checked={draft.enabled} onChange={(v) => set('enabled', v)} label={draft.enabled ? 'Asistente encendido' : 'Asistente apagado'} />}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Modelo para entender" error={errors['models.understanding.model']} hint={`Lee al cliente y usa las herramientas. Vacío: ${config.model && !config.models.understanding.model ? config.model.name : 'el de la plataforma'}.`}>
            <Input value={draft.understandingModel} placeholder="gpt-4o-mini" maxLength={120} onChange={(e) => set('understandingModel', e.target.value)} />
          </Field>
          <Field label="Temperatura para entender" error={errors['models.understanding.temperature']} hint="De 0 (preciso) a 2 (creativo).">
            <Input type="number" inputMode="decimal" min={0} max={2} step={0.1} value={draft.understandingTemperature} onChange={(e) => set('understandingTemperature', e.target.value)} />
          </Field>
          <Field label="Modelo para redactar" error={errors['models.reply.model']} hint="Vacío: redacta el mismo modelo que entiende.">
            <Input value={draft.replyModel} placeholder="el mismo" maxLength={120} onChange={(e) => set('replyModel', e.target.value)} />
          </Field>
          <Field label="Temperatura para redactar" error={errors['models.reply.temperature']} hint="De 0 a 2.">
            <Input type="number" inputMode="decimal" min={0} max={2} step={0.1} value={draft.replyTemperature} onChange={(e) => set('replyTemperature', e.target.value)} />
          </Field>
          <Field label="URL del proveedor" error={errors.baseUrl} hint="Compatible con OpenAI (OpenAI, Azure, OpenRouter, Ollama…). Vacío: el de la plataforma." className="sm:col-span-2">
            <Input type="url" value={draft.baseUrl} placeholder="https://api.openai.com/v1" maxLength={500} onChange={(e) => set('baseUrl', e.target.value)} />
          </Field>
          <Field
            label={
              <span className="inline-flex flex-wrap items-center gap-2">
                Tu clave de API {config.apiKey ? <Badge tone="green">{config.apiKey}</Badge> : null}
              </span>
            }
            error={errors.apiKey}
            className="sm:col-span-2"
            hint={config.apiKey ? 'Escribe una nueva solo si quieres reemplazarla; la verificamos antes de guardarla.' : 'Opcional: con tu propia clave, el asistente usa tu cuenta del proveedor. La verificamos antes de guardarla y nunca se vuelve a mostrar.'}
          >
            <Input type="password" autoComplete="off" value={draft.apiKey} placeholder={config.apiKey ? '•••• (guardada)' : 'sk-…'} maxLength={500} onChange={(e) => set('apiKey', e.target.value)} />
          </Field>
          {config.apiKey ? (
            <div className="sm:col-span-2">
              <Button size="sm" variant="ghost" onClick={() => void removeKey()} disabled={busy}>
                Quitar mi clave
              </Button>
            </div>
          ) : null}
        </div>
      </Card>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={busy}>
          Guardar cambios
        </Button>
        {errors._ ? (
          <p role="alert" className="text-sm text-red-700">
            {errors._}
          </p>
        ) : (
          <p className="text-sm text-slate-600">Guardar el prompt crea una versión nueva; puedes volver a una anterior cuando quieras.</p>
        )}
      </div>
    </form>
  );
}
