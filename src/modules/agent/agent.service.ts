// The agent's configuration API: read and change the settings (the API key write-only, verified
// with the provider before it is saved), the master prompt's versions, the preview, and the log
// of the agent's decisions.
import { AppError } from '../../platform/errors.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import type { TokenCipher } from '../../platform/crypto.ts';
import { toCompany, type CompaniesService, type Company } from '../companies/index.ts';
import type { PlanLimits } from '../plans/index.ts';
import type { AiUsage } from '../usage/index.ts';
import { endpointOf, type AgentSettings, type PlatformModel } from './agent.config.ts';
import { clientFor } from './agent-loop.ts';
import { agentTexts } from './agent.messages.ts';
import { addPromptVersion, findPromptVersion, listAgentTurns, listPromptVersions, readConfig, writeConfig } from './agent.repository.ts';
import { settingsOf, unavailableReason, type Agent } from './agent.ts';
import type { AgentConfigInput, PreviewInput } from './agent.schemas.ts';
import { maskedKey } from './secrets.ts';
import type { Logger } from '../../platform/logger.ts';

export type AgentServiceDeps = {
  agent: Agent;
  tenants: TenantClients;
  companies: Pick<CompaniesService, 'getCompany'>;
  planOf: (companyId: string) => Promise<PlanLimits>;
  monthlyAi: (companyId: string) => Promise<AiUsage>;
  cipher: TokenCipher | null;
  platform: PlatformModel;
  userName: (userId: string) => Promise<string | null>;
  logger: Logger;
};

export type Actor = { userId: string | null };

export function createAgentService(deps: AgentServiceDeps) {
  async function companyOf(slug: string): Promise<Company> {
    return toCompany(await deps.companies.getCompany(slug));
  }
  const dbOf = (c: Company) => deps.tenants.get(c.db);

  async function current(c: Company): Promise<AgentSettings> {
    return settingsOf(await readConfig(dbOf(c)), deps.cipher, deps.logger);
  }

  async function view(c: Company) {
    const [row, plan, ai] = await Promise.all([readConfig(dbOf(c)), deps.planOf(c.id), deps.monthlyAi(c.id)]);
    const s = settingsOf(row, deps.cipher, deps.logger);
    const endpoint = endpointOf(s, deps.platform);
    const reason = unavailableReason(s, plan, endpoint);
    return {
      mode: s.mode,
      effectiveMode: reason ? ('menu' as const) : s.mode,
      available: reason === null,
      unavailableReason: s.mode === 'menu' && reason === agentTexts.unavailable.off ? null : reason,
      enabled: s.enabled,
      style: s.style,
      models: s.models,
      baseUrl: s.baseUrl,
      apiKey: maskedKey(s.apiKey ? s.apiKeyLast4 : null),
      apiKeyCheckedAt: row.config?.apiKeyCheckedAt?.toISOString() ?? null,
      model: endpoint ? { name: endpoint.model, own: endpoint.own } : null,
      prompt: { version: s.promptVersion, text: s.prompt },
      plan: { code: plan.code, name: plan.name, aiIncluded: plan.features.ai, monthlyTokens: plan.aiMonthlyTokens },
      usage: { tokens: ai.tokens, promptTokens: ai.promptTokens, completionTokens: ai.completionTokens, costUsd: ai.costUsd },
      updatedAt: row.config?.updatedAt.toISOString() ?? null,
    };
  }

  /** A cheap call that proves the key works at that URL (the model list). */
  async function verifyKey(apiKey: string, baseUrl: string | null): Promise<void> {
    try {
      await clientFor({ apiKey, baseUrl: baseUrl ?? undefined }, Math.min(deps.platform.timeoutMs, 10_000)).models.list();
    } catch (err) {
      const status = (err as { status?: number }).status;
      const detail = status === 401 || status === 403 ? 'la clave fue rechazada' : status ? `el proveedor respondió ${status}` : 'no se pudo conectar con la URL';
      throw new AppError('UNPROCESSABLE', agentTexts.keyCheckFailed(detail));
    }
  }

  async function actorName(actor: Actor) {
    return actor.userId ? await deps.userName(actor.userId) : null;
  }

  return {
    async get(slug: string) {
      return view(await companyOf(slug));
    },

    async update(slug: string, body: AgentConfigInput, actor: Actor) {
      const c = await companyOf(slug);
      const db = dbOf(c);
      const s = await current(c);
      const baseUrl = body.baseUrl === undefined ? s.baseUrl : body.baseUrl;
      let keyFields: { apiKeyEnc?: string | null; apiKeyLast4?: string | null; apiKeyCheckedAt?: Date | null } = {};
      if (typeof body.apiKey === 'string') {
        if (!deps.cipher) throw new AppError('UNPROCESSABLE', agentTexts.noSecretsKey);
        await verifyKey(body.apiKey, baseUrl);
        keyFields = { apiKeyEnc: deps.cipher.encrypt(body.apiKey), apiKeyLast4: body.apiKey.slice(-4), apiKeyCheckedAt: new Date() };
      } else if (body.apiKey === null) keyFields = { apiKeyEnc: null, apiKeyLast4: null, apiKeyCheckedAt: null };
      else if (body.baseUrl !== undefined && body.baseUrl !== s.baseUrl && s.apiKey) {
        // The saved key must work at the new address too.
        await verifyKey(s.apiKey, baseUrl);
        keyFields = { apiKeyCheckedAt: new Date() };
      }
      await writeConfig(db, {
        mode: body.mode ?? s.mode,
        enabled: body.enabled ?? s.enabled,
        style: { ...s.style, ...body.style },
        models: { understanding: { ...s.models.understanding, ...body.models?.understanding }, reply: { ...s.models.reply, ...body.models?.reply } },
        baseUrl,
        ...keyFields,
        updatedBy: actor.userId,
      });
      if (body.prompt !== undefined && body.prompt !== s.prompt) await addPromptVersion(db, { prompt: body.prompt, createdBy: actor.userId, createdByName: await actorName(actor) });
      deps.agent.forget(c.id);
      return view(c);
    },

    async prompts(slug: string) {
      const c = await companyOf(slug);
      const [versions, s] = await Promise.all([listPromptVersions(dbOf(c)), current(c)]);
      return {
        active: s.promptVersion,
        versions: versions.map((v) => ({ version: v.version, prompt: v.prompt, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy ? { userId: v.createdBy, name: v.createdByName } : null, restoredFrom: v.restoredFrom, active: v.version === s.promptVersion })),
      };
    },

    async addPrompt(slug: string, prompt: string, actor: Actor) {
      const c = await companyOf(slug);
      const version = await addPromptVersion(dbOf(c), { prompt, createdBy: actor.userId, createdByName: await actorName(actor) });
      deps.agent.forget(c.id);
      return { version };
    },

    async restorePrompt(slug: string, version: number, actor: Actor) {
      const c = await companyOf(slug);
      const old = await findPromptVersion(dbOf(c), version);
      if (!old) throw new AppError('NOT_FOUND', agentTexts.promptNotFound(version));
      const created = await addPromptVersion(dbOf(c), { prompt: old.prompt, createdBy: actor.userId, createdByName: await actorName(actor), restoredFrom: version });
      deps.agent.forget(c.id);
      return { version: created, restoredFrom: version };
    },

    async preview(slug: string, body: PreviewInput) {
      const c = await companyOf(slug);
      const [s, plan] = await Promise.all([current(c), deps.planOf(c.id)]);
      const d = body.draft ?? {};
      const draft: AgentSettings = {
        ...s,
        enabled: true,
        style: { ...s.style, ...d.style },
        models: { understanding: { ...s.models.understanding, ...d.models?.understanding }, reply: { ...s.models.reply, ...d.models?.reply } },
        baseUrl: d.baseUrl === undefined ? s.baseUrl : d.baseUrl,
        apiKey: d.apiKey ?? s.apiKey,
        prompt: d.prompt ?? s.prompt,
      };
      if (!plan.features.ai) throw new AppError('PLAN_LIMIT', agentTexts.modeNeedsPlan(plan.name));
      if (!endpointOf(draft, deps.platform)) throw new AppError('UNPROCESSABLE', agentTexts.modeNeedsModel);
      const mode = d.mode === 'hybrid' ? 'hybrid' : 'ai';
      return deps.agent.preview(c, draft, plan, body.messages, mode);
    },

    async turns(slug: string, limit: number) {
      const c = await companyOf(slug);
      const rows = await listAgentTurns(dbOf(c), limit);
      return {
        turns: rows.map((r) => ({
          id: r.id.toString(), inboxId: r.inboxId?.toString() ?? null, customerId: r.customerId, mode: r.mode, outcome: r.outcome, reason: r.reason, model: r.model,
          toolCalls: r.toolCalls, promptTokens: r.promptTokens, completionTokens: r.completionTokens, latencyMs: r.latencyMs, createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
