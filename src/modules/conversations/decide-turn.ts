// Decide: one customer's message answered from a snapshot, outside any transaction. Produces
// the replies, the session to save, the intended writes and the events — and what it relied on
// (`basis`), which the commit checks under lock.
import { randomUUID } from 'node:crypto';
import type { TenantTx } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Customer } from '../customers/index.ts';
import type { OutboundDraft } from '../messages/index.ts';
import { t } from './conversations.messages.ts';
import { botAnswers, type Company } from '../companies/index.ts';
import type { EngineEvent, InboundEnvelope } from './conversations.types.ts';
import type { Decider } from './decider.ts';
import { contentAfterBursts, type BurstPlan } from './flows/bursts.ts';
import type { Turn } from './flows/turn.ts';
import type { SessionSave } from './sessions/session.repository.ts';
import { freshSession } from './sessions/session.types.ts';
import type { TurnSnapshot } from './sessions/turn.repository.ts';
import { createTurnEffects, type TurnMemo, type TurnWrites } from './turn-writes.ts';
import { text } from './whatsapp-limits.ts';
import { continuesOverMessageLimit, plansMessages } from '../plans/index.ts';
import { usagePeriod } from '../usage/index.ts';

export type Decision = {
  inbound: InboundEnvelope;
  /** What the turn was decided from; the commit writes only if it still holds. */
  basis: TurnSnapshot;
  /** The customer's id (for a new number, the one its row will be created with). */
  customerId: string;
  name: string | null;
  /** null: nothing to save (the bot is off or a person has the chat: the message is only logged). */
  session: SessionSave | null;
  drafts: OutboundDraft[];
  writes: TurnWrites;
  events: EngineEvent[];
  logger: Logger;
};

export type DecideContext = {
  reader: TenantTx;
  company: Company;
  /** The plan's monthly message volume is used up: a kind notice instead of the decider. */
  messagesExceeded: boolean;
  decider: Decider;
  now: Date;
  ttlMs: number;
  handoffTimeoutMinutes: number;
  logger: Logger;
  /** Companies whose owner was already told this month that the plan's messages ran out (`<companyId>:<period>`). */
  ownerTold: Set<string>;
  /** The batch's bursts (flows/bursts.ts), and customers created by a message folded into a later one. */
  bursts: { plan: BurstPlan; createdFolded: Set<string> };
};

const cleanName = (name: string | null): string | null => {
  const v = name?.replace(/\s+/g, ' ').trim().slice(0, 100);
  return v ? v : null;
};

/** The customer a number seen for the first time will be (the commit creates the row with this id). */
function newCustomer(inbound: InboundEnvelope, name: string | null, now: Date): Customer {
  return { id: randomUUID(), waId: inbound.waId, name, phoneNumber: inbound.waId, firstContactAt: now, botPausedUntil: null, handoffAt: null, createdAt: now, updatedAt: now };
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD in the shop's time zone. */
function shopDay(at: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(at);
}

/** Over the plan's message volume: one kind notice per customer per day, then silence. */
function limitNotice(turn: Turn) {
  const day = shopDay(turn.now, turn.company.timezone);
  if (turn.session.limitNoticeDay === day) return null;
  turn.session.limitNoticeDay = day;
  return text(t.limitReached(turn.company.name));
}

/**
 * Over the plan's messages the owner is told once a month: an alert (the event) and a WhatsApp
 * message to the admin phone. The claim is written by the commit with the turn (a row in
 * plan_notices), so a retried or concurrent turn never tells twice: a commit that finds it
 * claimed already marks the company told and the turn is decided again without the notice.
 */
function tellOwnerOnce(c: DecideContext, turn: Turn, writes: TurnWrites) {
  const period = usagePeriod(turn.now);
  const key = `${turn.company.id}:${period}`;
  if (c.ownerTold.has(key)) return;
  writes.ownerNotice = { period, onTaken: () => c.ownerTold.add(key) };
  turn.events.push({ type: 'plan_limit_reached', detail: { period, limit: turn.company.monthlyMessageLimit } });
  const admin = turn.company.adminPhone;
  if (admin) turn.extra.push({ to: admin, customerId: null, content: text(plansMessages.ownerLimitReached(turn.company.name, turn.company.monthlyMessageLimit)) });
}

/**
 * Decides one message from `basis`. `basis` is not modified (the session is copied), so the same
 * snapshot can be decided from again. `memo` lives as long as the message's decisions.
 */
export async function decideTurn(c: DecideContext, inbound: InboundEnvelope, basis: TurnSnapshot, memo: TurnMemo): Promise<Decision> {
  const name = cleanName(inbound.profileName);
  const created = basis.customer === null;
  const customer = basis.customer ?? newCustomer(inbound, name, c.now);
  const logger = c.logger.child({ company: c.company.slug, inboxId: inbound.inboxId.toString(), waMessageId: inbound.providerMessageId });
  const events: EngineEvent[] = created ? [{ type: 'customer_created', detail: { customerId: customer.id, waId: customer.waId } }] : [];
  const decision: Decision = { inbound, basis, customerId: customer.id, name, session: null, drafts: [], writes: {}, events, logger };
  // Bot switched off, or a person has the chat: the message is logged for the inbox, no reply.
  if (!botAnswers(c.company) || (customer.botPausedUntil && customer.botPausedUntil > c.now)) {
    logger.debug({ botEnabled: c.company.botEnabled, status: c.company.status }, 'inbound logged without reply');
    return decision;
  }
  // A message folded into a later one of the same burst (flows/bursts.ts) is logged, not answered.
  const content = contentAfterBursts(c.bursts.plan, inbound);
  if (content === null) {
    if (created) c.bursts.createdFolded.add(customer.waId);
    return decision;
  }
  // The first answer to a new number is its welcome, also when the message that created it was folded.
  memo.firstTurn ??= created || c.bursts.createdFolded.delete(customer.waId);
  const stored = basis.session;
  const turn: Turn = {
    tx: c.reader,
    effects: createTurnEffects({ reader: c.reader, company: c.company, customerId: customer.id, now: c.now, writes: decision.writes, memo }),
    company: c.company,
    customer,
    inbound: content === inbound.content ? inbound : { ...inbound, content },
    now: c.now,
    logger,
    handoffTimeoutMinutes: c.handoffTimeoutMinutes,
    session: stored?.data ? structuredClone(stored.data) : freshSession(),
    events,
    extra: [],
  };
  if (c.messagesExceeded) tellOwnerOnce(c, turn, decision.writes);
  // At the plan's monthly messages an order in progress still completes; others get the notice.
  const inProgress = stored !== null && stored.expiresAt > c.now && continuesOverMessageLimit({ step: turn.session.state.step, cartLines: turn.session.cart.length });
  const reply = c.messagesExceeded && !inProgress ? limitNotice(turn) : await c.decider.decide(turn, { stored, created: memo.firstTurn });
  decision.drafts = [...(reply ? [{ to: customer.waId, customerId: customer.id, content: reply }] : []), ...turn.extra];
  decision.session = { customerId: customer.id, data: turn.session, times: { now: c.now, expiresAt: new Date(c.now.getTime() + c.ttlMs) } };
  return decision;
}
