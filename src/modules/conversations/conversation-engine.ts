// The conversation engine: inbound messages → one tenant transaction that logs them, runs each
// customer's flow and writes the replies as pending outbound rows for the sender. The turns of a
// round (one message per customer) open and close in one statement each
// (sessions/turn.repository.ts); flows add their own reads.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import { roundsBy } from '../../platform/collections.ts';
import { findInbound, pendingOutbound, type OutboundDraft, type OutboundRow } from '../messages/index.ts';
import { botAnswers, overMessageLimit, type Company } from '../companies/index.ts';
import type { EngineEvent, InboundEnvelope } from './conversations.types.ts';
import { converse } from './converse.ts';
import { publishMany } from '../events/index.ts';
import { turnEvents } from './turn-events.ts';
import { closeTurns, openTurns, type OpenedTurn, type TurnToClose } from './sessions/turn.repository.ts';
import { freshSession } from './sessions/session.types.ts';
import type { Turn } from './flows/turn.ts';
import { t } from './conversations.messages.ts';
import { text } from './whatsapp-limits.ts';
import { claimOwnerNotice, continuesOverMessageLimit, plansMessages } from '../plans/index.ts';
import { usagePeriod } from '../usage/index.ts';

export type EngineOptions = { logger: Logger; sessionTtlMinutes: number; handoffTimeoutMinutes: number; now?: () => Date };
export type HandleResult = { customerId: string; outbound: OutboundRow[]; events: EngineEvent[] };

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

const cleanName = (name: string | null): string | null => {
  const v = name?.replace(/\s+/g, ' ').trim().slice(0, 100);
  return v ? v : null;
};

export function createConversationEngine(opts: EngineOptions) {
  const clock = opts.now ?? (() => new Date());
  const ttlMs = opts.sessionTtlMinutes * 60_000;

  /** A retried job (or a redelivery under a new inbox id): nothing new, the replies still pending. */
  async function replay(tx: TenantTx, customerId: string, inbound: InboundEnvelope): Promise<HandleResult> {
    const seen = await findInbound(tx, inbound.inboxId, inbound.providerMessageId);
    if (!seen) return { customerId, outbound: [], events: [] };
    return { customerId: seen.customerId ?? customerId, outbound: seen.inboxId === null ? [] : await pendingOutbound(tx, seen.inboxId), events: [] };
  }

  /** Opens the round's turns; a customer another transaction created at that instant is there on a second look. */
  async function open(tx: TenantTx, company: Company, round: InboundEnvelope[]): Promise<Map<string, OpenedTurn>> {
    // The inbound row is the idempotency key: it conflicts on the inbox id and on the provider
    // id, so a retried job or a redelivery under a new inbox id changes nothing.
    const toOpen = (inbounds: InboundEnvelope[]) =>
      inbounds.map((i) => ({
        waId: i.waId,
        name: cleanName(i.profileName),
        inbound: { inboxId: i.inboxId, providerMessageId: i.providerMessageId, content: i.content },
      }));
    const opened = await openTurns(tx, company.db.schema, toOpen(round));
    const missing = round.filter((i) => !opened.has(i.waId));
    if (missing.length > 0) for (const [waId, turn] of await openTurns(tx, company.db.schema, toOpen(missing))) opened.set(waId, turn);
    return opened;
  }

  /**
   * One round: its turns open together, each customer's flow runs (in the round's order), and
   * the sessions and replies of all of them are written together.
   */
  async function runRound(tx: TenantTx, company: Company, round: InboundEnvelope[], messagesExceeded: boolean): Promise<HandleResult[]> {
    const opened = await open(tx, company, round);
    const results: HandleResult[] = [];
    const closing: { result: HandleResult; close: TurnToClose; log: Logger }[] = [];
    for (const inbound of round) {
      const turnOpened = opened.get(inbound.waId);
      if (!turnOpened) throw new Error('customer vanished right after insert');
      const { customer, created } = turnOpened;
      const log = logFor(company, inbound);
      const events: EngineEvent[] = created ? [{ type: 'customer_created', detail: { customerId: customer.id, waId: customer.waId } }] : [];
      const result: HandleResult = { customerId: customer.id, outbound: [], events };
      results.push(result);
      if (!turnOpened.logged) {
        Object.assign(result, await replay(tx, customer.id, inbound));
        continue;
      }
      const now = clock();
      // Bot switched off, or a person has the chat: the message is logged for the inbox, no reply.
      if (!botAnswers(company) || (customer.botPausedUntil && customer.botPausedUntil > now)) {
        log.debug({ botEnabled: company.botEnabled, status: company.status }, 'inbound logged without reply');
        continue;
      }
      const stored = turnOpened.session;
      const turn: Turn = {
        tx, company, customer, inbound, now, logger: log, handoffTimeoutMinutes: opts.handoffTimeoutMinutes,
        session: stored?.data ?? freshSession(), events, extra: [],
      };
      if (messagesExceeded) await tellOwnerOnce(turn);
      // At the plan's monthly messages an order in progress still completes; others get the notice.
      const inProgress = stored?.data && stored.expiresAt > now && continuesOverMessageLimit({ step: turn.session.state.step, cartLines: turn.session.cart.length });
      const reply = messagesExceeded && !inProgress ? limitNotice(turn) : await converse(turn, stored, created);
      const drafts: OutboundDraft[] = [
        ...(reply ? [{ to: customer.waId, customerId: customer.id, content: reply }] : []),
        ...turn.extra,
      ];
      const close = { customerId: customer.id, data: turn.session, times: { now, expiresAt: new Date(now.getTime() + ttlMs) }, inboxId: inbound.inboxId, drafts };
      closing.push({ result, close, log });
    }
    if (closing.length > 0) {
      const written = await closeTurns(tx, company.db.schema, closing.map((c) => c.close));
      closing.forEach(({ result, close, log }, i) => {
        result.outbound = written[i]!;
        log.debug({ step: close.data.state.step, replies: result.outbound.length, events: result.events.map((e) => e.type) }, 'inbound handled');
      });
    }
    return results;
  }

  // Companies whose owner was already told this month (a committed claim): no statement per turn.
  const ownerTold = new Set<string>();

  /**
   * Over the plan's messages the owner is told once a month: an alert, and a WhatsApp message to
   * the admin phone written with the turn (the claim commits with it, so a retried turn or a
   * concurrent one never tells twice).
   */
  async function tellOwnerOnce(turn: Turn) {
    const period = usagePeriod(turn.now);
    const key = `${turn.company.id}:${period}`;
    if (ownerTold.has(key)) return;
    if (!(await claimOwnerNotice(turn.tx, turn.company.db.schema, period, 'message_limit'))) {
      ownerTold.add(key);
      return;
    }
    turn.events.push({ type: 'plan_limit_reached', detail: { period, limit: turn.company.monthlyMessageLimit } });
    const admin = turn.company.adminPhone;
    if (admin) turn.extra.push({ to: admin, customerId: null, content: text(plansMessages.ownerLimitReached(turn.company.name, turn.company.monthlyMessageLimit)) });
  }

  /** Over the plan's message volume: one kind notice per customer per day, then silence. */
  function limitNotice(turn: Turn) {
    const day = shopDay(turn.now, turn.company.timezone);
    if (turn.session.limitNoticeDay === day) return null;
    turn.session.limitNoticeDay = day;
    return text(t.limitReached(turn.company.name));
  }

  const logFor = (company: Company, inbound: InboundEnvelope) =>
    opts.logger.child({ company: company.slug, inboxId: inbound.inboxId.toString(), waMessageId: inbound.providerMessageId });

  /**
   * The messages' turns, in rounds, in one transaction; results in the order of `inbounds`.
   * `messagesUsed`: the company's messages this month, for its plan's volume limit.
   */
  async function handle(db: TenantClient, company: Company, inbounds: InboundEnvelope[], messagesUsed: number | null = null): Promise<HandleResult[]> {
    const messagesExceeded = overMessageLimit(company, messagesUsed);
    return db.$transaction(
      async (tx) => {
        const byInbox = new Map<bigint, HandleResult>();
        // Rounds of one message per customer: their turns open and close together, and each
        // customer's messages still run in the order they wrote them.
        for (const round of roundsBy(inbounds, (i) => i.waId)) {
          const results = await runRound(tx, company, round, messagesExceeded);
          round.forEach((inbound, i) => byInbox.set(inbound.inboxId, results[i]!));
        }
        const results = inbounds.map((i) => byInbox.get(i.inboxId)!);
        // The staff inbox hears of the turns when (and only if) they commit.
        await publishMany(tx, company.id, turnEvents(results));
        return results;
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
  }

  return {
    async handleInbound(db: TenantClient, company: Company, inbound: InboundEnvelope, messagesUsed: number | null = null): Promise<HandleResult> {
      return (await handle(db, company, [inbound], messagesUsed))[0]!;
    },

    /**
     * Several messages of one company in one transaction: all their turns commit together or
     * none does (the caller then handles them one by one). Each customer's messages run in the
     * order they wrote them; the turns of different customers open and close together (rounds),
     * which under load saves two statements and a transaction per message.
     */
    handleInboundBatch: handle,
  };
}
