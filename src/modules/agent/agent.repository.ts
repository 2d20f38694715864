// The agent's rows in the company's schema: its configuration (agent_config, one row), the master
// prompt's versions (agent_prompt_versions) and the log of its decisions (agent_turns). This
// module is their only reader and writer; the staff inbox reads whether a reply was the agent's
// through `agentOutcomeSql`.
import { Prisma } from '../../generated/tenant/client.ts';
import type { TenantClient } from '../../platform/db/clients.ts';
import { quotedSchema } from '../../platform/db/tenant-scope.ts';
import type { ToolCallLog } from './tools.ts';

export type AgentConfigRow = Prisma.AgentConfigGetPayload<object>;

export async function readConfig(db: TenantClient): Promise<{ config: AgentConfigRow | null; prompt: { version: number; prompt: string } | null }> {
  const config = await db.agentConfig.findUnique({ where: { id: 1 } });
  const prompt = config?.promptVersion != null ? await db.agentPromptVersion.findUnique({ where: { version: config.promptVersion }, select: { version: true, prompt: true } }) : null;
  return { config, prompt };
}

export async function writeConfig(db: TenantClient, data: Omit<Prisma.AgentConfigUncheckedCreateInput, 'id'>): Promise<void> {
  await db.agentConfig.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: { ...data, updatedAt: new Date() } });
}

/** A new prompt version (the next number) made the active one, in one transaction. */
export async function addPromptVersion(db: TenantClient, p: { prompt: string; createdBy: string | null; createdByName: string | null; restoredFrom?: number | null }): Promise<number> {
  return db.$transaction(async (tx) => {
    // One writer at a time: versions are numbered without gaps.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agent_prompt_versions'))`;
    const last = await tx.agentPromptVersion.aggregate({ _max: { version: true } });
    const version = (last._max.version ?? 0) + 1;
    await tx.agentPromptVersion.create({ data: { version, prompt: p.prompt, createdBy: p.createdBy, createdByName: p.createdByName, restoredFrom: p.restoredFrom ?? null } });
    await tx.agentConfig.upsert({ where: { id: 1 }, create: { id: 1, promptVersion: version, updatedBy: p.createdBy }, update: { promptVersion: version, updatedBy: p.createdBy, updatedAt: new Date() } });
    return version;
  });
}

export const listPromptVersions = (db: TenantClient) => db.agentPromptVersion.findMany({ orderBy: { version: 'desc' }, take: 100 });
export const findPromptVersion = (db: TenantClient, version: number) => db.agentPromptVersion.findUnique({ where: { version } });

export type AgentTurnLog = {
  inboxId: bigint | null;
  customerId: string | null;
  mode: string;
  outcome: 'answered' | 'fallback' | 'budget' | 'abuse' | 'confirmed' | 'transcribed' | 'transcription_failed';
  reason: string | null;
  model: string | null;
  toolCalls: ToolCallLog[];
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
};

export async function logAgentTurn(db: TenantClient, row: AgentTurnLog): Promise<void> {
  await db.agentTurn.create({
    data: {
      inboxId: row.inboxId, customerId: row.customerId, mode: row.mode, outcome: row.outcome, reason: row.reason?.slice(0, 500) ?? null, model: row.model,
      toolCalls: JSON.parse(JSON.stringify(row.toolCalls)) as Prisma.InputJsonValue, promptTokens: row.promptTokens, completionTokens: row.completionTokens, latencyMs: row.latencyMs,
    },
  });
}

export const listAgentTurns = (db: TenantClient, limit: number) => db.agentTurn.findMany({ orderBy: { id: 'desc' }, take: limit });

/**
 * SQL for whether the agent wrote the replies to inbox message `inboxId` (an SQL expression): the
 * outcome of the agent's last decision about it ('answered' | 'confirmed' | …), or NULL.
 */
export const agentOutcomeSql = (schema: string, inboxId: Prisma.Sql) =>
  Prisma.sql`(SELECT a.outcome FROM ${Prisma.raw(quotedSchema(schema))}."agent_turns" a WHERE a.inbox_id = ${inboxId} ORDER BY a.id DESC LIMIT 1)`;

/** Outcomes where the customer read the agent's words (not the menu's). */
export const AI_ANSWERED = ['answered', 'confirmed', 'abuse'] as const;
