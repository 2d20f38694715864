// What every flow works with while answering one inbound message.
import type { CustomerCancelResult } from '../../orders/index.ts';
import type { TenantTx } from '../../../platform/db/clients.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { OutboundContent, OutboundDraft } from '../../messages/index.ts';
import type { Customer, CustomerAddress, NewAddress } from '../../customers/index.ts';
import type { Company } from '../../companies/index.ts';
import type { OrderPreviewResult, PlaceOrderInput } from '../../orders/index.ts';
import type { EngineEvent, InboundEnvelope } from '../conversations.types.ts';
import type { Understanding } from '../nlu/understanding.ts';
import type { SessionData, State } from '../sessions/session.types.ts';

export type Reply = OutboundContent;

/**
 * The writes a turn intends. A turn decides outside any transaction (conversation-engine.ts);
 * these record what to write, and the commit writes it in one short transaction after checking
 * that what the turn relied on still holds (else the turn is decided again).
 */
export type TurnEffects = {
  /**
   * The order as it will be placed (its code reserved), or why it cannot be — read, not written.
   * The commit places it and compares: stock or prices that moved mean deciding again.
   */
  placeOrder(input: Omit<PlaceOrderInput, 'customerId' | 'orderCode'>): Promise<OrderPreviewResult>;
  /** The customer's identical saved address, or the one the commit will save (its id chosen now). */
  saveAddress(input: NewAddress): Promise<Pick<CustomerAddress, 'id' | 'address' | 'latitude' | 'longitude'>>;
  /** A person takes the chat until `until`. */
  pauseBot(until: Date): void;
  /** The bot takes the chat back. */
  clearBotPause(): void;
  /**
   * The customer cancels their own order: whether they may (read now), and if so the commit
   * cancels it under lock (stock back, history); staff having moved it meanwhile means deciding again.
   */
  cancelOrder(orderCode: string): Promise<CustomerCancelResult>;
};

export type Turn = {
  /**
   * For reads only. While a turn decides no transaction is open: this reads committed rows, and
   * the catalog's reads are kept for the batch. Writes go through `effects`.
   */
  tx: TenantTx;
  effects: TurnEffects;
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
  /** What the turn's text means (nlu/understanding.ts), read once per text (understood.ts). */
  understood?: { text: string; meaning: Understanding };
  /**
   * Set when the flows could not place the text ("No entendí", or nothing in it is a product we
   * sell): in hybrid mode the AI agent answers such a message instead (agent module).
   */
  unplaced?: boolean;
};

export function goTo(turn: Turn, state: State): void {
  turn.session.state = state;
}
