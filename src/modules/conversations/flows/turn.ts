// What every flow works with while answering one inbound message.
import type { TenantTx } from '../../../platform/db/clients.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { OutboundContent, OutboundDraft } from '../../messages/index.ts';
import type { Customer } from '../../customers/index.ts';
import type { Company } from '../../companies/index.ts';
import type { EngineEvent, InboundEnvelope } from '../conversations.types.ts';
import type { SessionData, State } from '../sessions/session.types.ts';

export type Reply = OutboundContent;

export type Turn = {
  tx: TenantTx;
  company: Company;
  customer: Customer;
  inbound: InboundEnvelope;
  now: Date;
  logger: Logger;
  handoffTimeoutMinutes: number;
  /** Mutable: flows move the state and edit the cart; the engine writes it back. */
  session: SessionData;
  events: EngineEvent[];
  /** Messages to someone other than the customer (the shop owner's new-order notice). */
  extra: OutboundDraft[];
};

export function goTo(turn: Turn, state: State): void {
  turn.session.state = state;
}
