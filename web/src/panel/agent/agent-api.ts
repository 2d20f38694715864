// The assistant's API as the panel reads it: types from the API's own zod schemas (type-only:
// no server code reaches the bundle), the queries, and the draft the editor and the preview share.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { agentConfigInput, agentConfigView, agentTurnsView, previewInput, previewView, promptVersionsView } from '../../../../src/modules/agent/agent.schemas.ts';
import { apiFetch } from '../lib/api.ts';

export type AgentConfig = z.infer<typeof agentConfigView>;
export type AgentMode = AgentConfig['mode'];
export type AgentConfigInput = z.input<typeof agentConfigInput>;
export type PromptVersions = z.infer<typeof promptVersionsView>;
export type PreviewInput = z.input<typeof previewInput>;
export type PreviewResult = z.infer<typeof previewView>;
export type PreviewTurn = PreviewResult['turns'][number];
export type AgentTurn = z.infer<typeof agentTurnsView>['turns'][number];

export const agentKey = (slug: string) => ['agent', slug] as const;
export const promptsKey = (slug: string) => ['agent', slug, 'prompts'] as const;
export const turnsKey = (slug: string) => ['agent', slug, 'turns'] as const;

export function useAgentConfig(slug: string) {
  return useQuery({ queryKey: agentKey(slug), queryFn: ({ signal }) => apiFetch<AgentConfig>(`/api/companies/${slug}/agent`, { signal }) });
}

export function usePromptVersions(slug: string) {
  return useQuery({ queryKey: promptsKey(slug), queryFn: ({ signal }) => apiFetch<PromptVersions>(`/api/companies/${slug}/agent/prompts`, { signal }) });
}

export function useAgentTurns(slug: string) {
  return useQuery({
    queryKey: turnsKey(slug),
    queryFn: ({ signal }) => apiFetch<{ turns: AgentTurn[] }>(`/api/companies/${slug}/agent/turns?limit=30`, { signal }).then((r) => r.turns),
    refetchInterval: 30_000,
  });
}

/** What the owner is editing, as typed (numbers stay text until checked). */
export type Draft = {
  prompt: string;
  tone: string;
  emojis: 'ninguno' | 'pocos' | 'muchos';
  maxLength: string;
  callToAction: string;
  understandingModel: string;
  understandingTemperature: string;
  replyModel: string;
  replyTemperature: string;
  baseUrl: string;
  /** A new key to save (empty: keep the one saved). */
  apiKey: string;
  enabled: boolean;
};

export const draftOf = (c: AgentConfig): Draft => ({
  prompt: c.prompt.text,
  tone: c.style.tone,
  emojis: (['ninguno', 'pocos', 'muchos'] as const).find((e) => e === c.style.emojis) ?? 'pocos',
  maxLength: String(c.style.maxLength),
  callToAction: c.style.callToAction,
  understandingModel: c.models.understanding.model ?? '',
  understandingTemperature: String(c.models.understanding.temperature),
  replyModel: c.models.reply.model ?? '',
  replyTemperature: String(c.models.reply.temperature),
  baseUrl: c.baseUrl ?? '',
  apiKey: '',
  enabled: c.enabled,
});

/** "" is no number (the schema then says "un número"), not zero. */
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));

const styleOf = (d: Draft) => ({ tone: d.tone, emojis: d.emojis, maxLength: num(d.maxLength), callToAction: d.callToAction });
const modelsOf = (d: Draft) => ({
  understanding: { model: d.understandingModel.trim() || null, temperature: num(d.understandingTemperature) },
  reply: { model: d.replyModel.trim() || null, temperature: num(d.replyTemperature) },
});

/** The PUT body: everything in the form; the key only when a new one was typed. */
export function saveBodyOf(d: Draft): AgentConfigInput {
  return {
    enabled: d.enabled,
    style: styleOf(d),
    models: modelsOf(d),
    baseUrl: d.baseUrl.trim() || null,
    prompt: d.prompt,
    ...(d.apiKey.trim() ? { apiKey: d.apiKey.trim() } : {}),
  };
}

/** The preview's draft: the unsaved edits, in the mode chosen (menu previews as IA). */
export function previewDraftOf(d: Draft, mode: AgentMode): NonNullable<PreviewInput['draft']> {
  return {
    mode: mode === 'hybrid' ? 'hybrid' : 'ai',
    style: styleOf(d),
    models: modelsOf(d),
    baseUrl: d.baseUrl.trim() || null,
    prompt: d.prompt,
    ...(d.apiKey.trim() ? { apiKey: d.apiKey.trim() } : {}),
  };
}
