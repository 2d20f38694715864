import type pg from 'pg';

// Monthly message usage per company (central `usage_counters`): what the plan's volume limit
// is checked against and what the usage API reports. This module is the table's only reader
// and writer. The inbox adds a batch's messages in the same statement that marks them handled
// (so a message is counted exactly once), and reads usage with the messages it drains: it
// builds those statements from the pieces below instead of naming the table itself.

/** The month usage is counted in: YYYY-MM (UTC). */
export const usagePeriod = (d = new Date()) => d.toISOString().slice(0, 7);

/** A month, as the API takes it. */
export const USAGE_PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export type UsageCount = { companyId: string; inbound: number; outbound: number };
export type MonthlyUsage = { period: string; inbound: number; outbound: number; total: number; ai: AiUsage };
/** The AI agent's tokens in a month and what they cost (US dollars, as the model's price is given). */
export type AiUsage = { promptTokens: number; completionTokens: number; tokens: number; costUsd: string };

/** SQL for a company's AI tokens so far in a month (0 when none): `companyId` and `period` are SQL expressions. */
export const usedAiTokensSql = (companyId: string, period: string) => `
  COALESCE((SELECT u.ai_prompt_tokens + u.ai_completion_tokens FROM public.usage_counters u
            WHERE u.company_id = ${companyId} AND u.period = ${period}), 0)`;

/**
 * SQL that adds counts to the month's usage: `counted` is a relation (a CTE's name) with
 * `company_id`, `inbound`, `outbound`; `period` the parameter holding the month. Companies are
 * written in id order, so two batches touching the same companies cannot deadlock.
 */
export const addUsageSql = (counted: string, period: string) => `
  INSERT INTO public.usage_counters (company_id, period, inbound_messages, outbound_messages)
  SELECT company_id, ${period}, inbound, outbound FROM ${counted} ORDER BY company_id
  ON CONFLICT (company_id, period) DO UPDATE
    SET inbound_messages = usage_counters.inbound_messages + EXCLUDED.inbound_messages,
        outbound_messages = usage_counters.outbound_messages + EXCLUDED.outbound_messages`;

/** SQL for a company's messages so far in a month (0 when none): `companyId` and `period` are SQL expressions. */
export const usedMessagesSql = (companyId: string, period: string) => `
  COALESCE((SELECT u.inbound_messages + u.outbound_messages FROM public.usage_counters u
            WHERE u.company_id = ${companyId} AND u.period = ${period}), 0)`;

export function createUsage(pool: pg.Pool) {
  return {
    /** Adds messages to the companies' usage of `period` (this month by default). */
    async recordMessages(counts: UsageCount[], period = usagePeriod()): Promise<void> {
      if (counts.length === 0) return;
      await pool.query(
        `WITH counted AS (
           SELECT company_id, sum(inbound)::int AS inbound, sum(outbound)::int AS outbound
           FROM unnest($2::uuid[], $3::int[], $4::int[]) AS c(company_id, inbound, outbound) GROUP BY company_id
         ) ${addUsageSql('counted', '$1')}`,
        [period, counts.map((c) => c.companyId), counts.map((c) => c.inbound), counts.map((c) => c.outbound)],
      );
    },

    /** A company's usage in a month (this month by default); zeros when it sent nothing. */
    async monthlyUsage(companyId: string, period = usagePeriod()): Promise<MonthlyUsage> {
      const { rows } = await pool.query<{ inbound_messages: number; outbound_messages: number; ai_prompt_tokens: string; ai_completion_tokens: string; ai_cost_usd: string }>(
        'SELECT inbound_messages, outbound_messages, ai_prompt_tokens, ai_completion_tokens, ai_cost_usd::text FROM public.usage_counters WHERE company_id = $1 AND period = $2',
        [companyId, period],
      );
      const inbound = Number(rows[0]?.inbound_messages ?? 0);
      const outbound = Number(rows[0]?.outbound_messages ?? 0);
      const promptTokens = Number(rows[0]?.ai_prompt_tokens ?? 0);
      const completionTokens = Number(rows[0]?.ai_completion_tokens ?? 0);
      const ai = { promptTokens, completionTokens, tokens: promptTokens + completionTokens, costUsd: rows[0]?.ai_cost_usd ?? '0.000000' };
      return { period, inbound, outbound, total: inbound + outbound, ai };
    },

    /** Adds the AI agent's tokens (and their cost) to a company's month. */
    async recordAiTokens(companyId: string, used: { promptTokens: number; completionTokens: number; costUsd: number }, period = usagePeriod()): Promise<void> {
      if (used.promptTokens + used.completionTokens === 0) return;
      await pool.query(
        `INSERT INTO public.usage_counters (company_id, period, ai_prompt_tokens, ai_completion_tokens, ai_cost_usd)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (company_id, period) DO UPDATE
           SET ai_prompt_tokens = usage_counters.ai_prompt_tokens + EXCLUDED.ai_prompt_tokens,
               ai_completion_tokens = usage_counters.ai_completion_tokens + EXCLUDED.ai_completion_tokens,
               ai_cost_usd = usage_counters.ai_cost_usd + EXCLUDED.ai_cost_usd`,
        [companyId, period, used.promptTokens, used.completionTokens, used.costUsd.toFixed(6)],
      );
    },

    /** A company's AI tokens in a month (0 when none). */
    async aiTokensUsed(companyId: string, period = usagePeriod()): Promise<number> {
      const { rows } = await pool.query<{ n: string }>(`SELECT ${usedAiTokensSql('$1', '$2')}::text AS n`, [companyId, period]);
      return Number(rows[0]?.n ?? 0);
    },

    /** Every company's usage in a month, busiest first (companies with none are left out). */
    async usageAcrossCompanies(period = usagePeriod()): Promise<(UsageCount & { total: number })[]> {
      const { rows } = await pool.query<{ company_id: string; inbound_messages: number; outbound_messages: number }>(
        `SELECT company_id, inbound_messages, outbound_messages FROM public.usage_counters WHERE period = $1
         ORDER BY inbound_messages + outbound_messages DESC, company_id`,
        [period],
      );
      return rows.map((r) => {
        const inbound = Number(r.inbound_messages);
        const outbound = Number(r.outbound_messages);
        return { companyId: r.company_id, inbound, outbound, total: inbound + outbound };
      });
    },
  };
}

export type Usage = ReturnType<typeof createUsage>;
