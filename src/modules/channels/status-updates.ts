import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import { applyStatuses, type StatusOutcome, type StatusUpdate } from '../messages/index.ts';

/**
 * Writes a batch of a channel's delivery statuses onto its company's message log (the messages
 * module applies them: the highest wins, never downgrading) through the company's pool.
 */
export function createStatusWriter(pools: PoolRegistry) {
  return (channel: ResolvedChannel, updates: StatusUpdate[]): Promise<StatusOutcome> =>
    applyStatuses({ pool: pools.get(channel.company.db.url), schema: channel.company.db.schema }, updates);
}

export type StatusWriter = ReturnType<typeof createStatusWriter>;
