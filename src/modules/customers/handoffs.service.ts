import type { TenantClient } from '../../platform/db/clients.ts';
import type { Company } from '../companies/index.ts';
import { customersErrors } from './customers.errors.ts';
import { customersMessages } from './customers.messages.ts';
import { clearBotPause, findCustomerByWaId, listPausedCustomers } from './customers.repository.ts';
import type { HandoffEntry } from './customers.types.ts';
import { insertOutbound, type OutboundRow } from '../messages/index.ts';

/**
 * Staff hands the chat back to the bot. The customer is told the assistant is back; when the
 * chat was not paused nothing changes and nothing is sent.
 */
export async function releaseHandoff(db: TenantClient, company: Company, waId: string): Promise<{ outbound: OutboundRow | null }> {
  return db.$transaction(async (tx) => {
    const customer = await findCustomerByWaId(tx, waId);
    if (!customer) throw customersErrors.customerNotFound();
    if (!customer.botPausedUntil && !customer.handoffAt) return { outbound: null };
    await clearBotPause(tx, customer.id);
    const [row] = await insertOutbound({ tx, schema: company.db.schema }, null, [
      { to: customer.waId, customerId: customer.id, content: { kind: 'text', body: customersMessages.botBack(company.name) } },
    ]);
    return { outbound: row ?? null };
  });
}

export async function listHandoffs(db: TenantClient, now: Date = new Date()): Promise<HandoffEntry[]> {
  return listPausedCustomers(db, now);
}
