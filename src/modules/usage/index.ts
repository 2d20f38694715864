// Monthly message usage per company (central usage_counters): this module is its only reader
// and writer. It depends on no other module.
export {
  createUsage,
  usagePeriod,
  addUsageSql,
  usedMessagesSql,
  usedAiTokensSql,
  type AiUsage,
  USAGE_PERIOD,
  type Usage,
  type UsageCount,
  type MonthlyUsage,
} from './usage.repository.ts';
