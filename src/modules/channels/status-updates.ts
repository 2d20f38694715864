import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import type { LivePublisher } from '../events/index.ts';
import { applyStatuses, type StatusOutcome, type StatusUpdate } from '../messages/index.ts';

/**
 * Writes a batch of a channel's delivery statuses onto its company's message log (the messages
 * module applies them: the highest wins, never downgrading) through the company's pool.
 */
export function createStatusWriter(pools: PoolRegistry, live: LivePublisher) {
  return async (channel: ResolvedChannel, updates: StatusUpdate[]): Promise<StatusOutcome> => {
    const pool = pools.get(channel.company.db.url);
    const outcome = await applyStatuses({ pool, schema: channel.company.db.schema }, updates);
    // The staff inbox hears of each raised status (the statement has committed: autocommit).
    const raised = [...outcome.values()].flatMap((o) => (o.raised?.customerId ? [o.raised] : []));
    live.publish({ companyId: channel.company.id, dbUrl: channel.company.db.url }, raised.map((r) => ({ type: 'message.status', data: { customerId: r.customerId, messageId: r.messageId, status: r.status } })));
    return outcome;
  };
}

export type StatusWriter = ReturnType<typeof createStatusWriter>;
