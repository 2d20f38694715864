import type { CompanyProfile } from '../companies/index.ts';
import type { CompanyContext } from './conversations.types.ts';
import { messageLimitReached } from '../plans/index.ts';

/**
 * The engine's view of a company. `usedMessages`: this month's usage, when the plan's volume
 * limit applies (customer messages); null for staff actions, which the limit never stops.
 */
export function companyContext(p: CompanyProfile, usedMessages: number | null): CompanyContext {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    schema: p.db.schema,
    currency: p.currency,
    locale: p.locale,
    timezone: p.timezone,
    adminPhone: p.adminPhone,
    adminOrderTemplate: p.adminOrderTemplate,
    statusUpdateTemplate: p.statusUpdateTemplate,
    botEnabled: p.botEnabled && p.status === 'active',
    limits: { messagesExceeded: usedMessages !== null && messageLimitReached({ monthlyMessages: p.monthlyMessageLimit }, usedMessages), monthlyMessages: p.monthlyMessageLimit },
  };
}
