// The conversation engine: one inbound message → one tenant transaction that logs it, runs the
// customer's flow and writes the replies as pending outbound rows for the sender. A turn opens
// and closes in one statement each (sessions/turn.repository.ts); flows add their own reads.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import { findInbound, pendingOutbound, type OutboundDraft, type OutboundRow } from '../customers/index.ts';
import type { CompanyContext, EngineEvent, InboundEnvelope } from './conversations.types.ts';
import { converse } from './converse.ts';
import { closeTurn, openTurn } from './sessions/turn.repository.ts';
import { freshSession } from './sessions/session.types.ts';
import type { Turn } from './flows/turn.ts';
import { t } from './conversations.messages.ts';
import { text } from './whatsapp-limits.ts';

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
  async function replay(tx: TenantTx, customerId: string, found: { inboxId: bigint | null }): Promise<HandleResult> {
    return { customerId, outbound: found.inboxId === null ? [] : await pendingOutbound(tx, found.inboxId), events: [] };
  }

  async function run(tx: TenantTx, company: CompanyContext, inbound: InboundEnvelope, log: Logger): Promise<HandleResult> {
    // The inbound row is the idempotency key: it conflicts on the inbox id and on the provider
    // id, so a retried job or a redelivery under a new inbox id changes nothing.
    const logged = { inboxId: inbound.inboxId, providerMessageId: inbound.providerMessageId, content: inbound.content };
    const who = { waId: inbound.waId, name: cleanName(inbound.profileName) };
    // No row only if another transaction created this customer at the same instant: it is there now.
    const opened = (await openTurn(tx, company.schema, who, logged)) ?? (await openTurn(tx, company.schema, who, logged));
    if (!opened) throw new Error('customer vanished right after insert');
    const { customer, created } = opened;
    const events: EngineEvent[] = created ? [{ type: 'customer_created', detail: { customerId: customer.id, waId: customer.waId } }] : [];
    if (!opened.logged) {
      const seen = await findInbound(tx, inbound.inboxId, inbound.providerMessageId);
      return seen ? replay(tx, seen.customerId ?? customer.id, seen) : { customerId: customer.id, outbound: [], events: [] };
    }
    const now = clock();
    // Bot switched off, or a person has the chat: the message is logged for the inbox, no reply.
    if (!company.botEnabled || (customer.botPausedUntil && customer.botPausedUntil > now)) {
      log.debug({ botEnabled: company.botEnabled }, 'inbound logged without reply');
      return { customerId: customer.id, outbound: [], events };
    }
    const stored = opened.session;
    const turn: Turn = {
      tx, company, customer, inbound, now, logger: log, handoffTimeoutMinutes: opts.handoffTimeoutMinutes,
      session: stored?.data ?? freshSession(), events, extra: [],
    };
    const reply = company.limits.messagesExceeded ? limitNotice(turn) : await converse(turn, stored, created);
    const drafts: OutboundDraft[] = [
      ...(reply ? [{ to: customer.waId, customerId: customer.id, content: reply }] : []),
      ...turn.extra,
    ];
    const outbound = await closeTurn(tx, company.schema, {
      customerId: customer.id,
      session: turn.session,
      times: { now, expiresAt: new Date(now.getTime() + ttlMs) },
      inboxId: inbound.inboxId,
      drafts,
    });
    log.debug({ step: turn.session.state.step, replies: outbound.length, events: events.map((e) => e.type) }, 'inbound handled');
    return { customerId: customer.id, outbound, events };
  }

  /** Over the plan's message volume: one kind notice per customer per day, then silence. */
  function limitNotice(turn: Turn) {
    const day = shopDay(turn.now, turn.company.timezone);
    if (turn.session.limitNoticeDay === day) return null;
    turn.session.limitNoticeDay = day;
    return text(t.limitReached(turn.company.name));
  }

  const logFor = (company: CompanyContext, inbound: InboundEnvelope) =>
    opts.logger.child({ company: company.slug, inboxId: inbound.inboxId.toString(), waMessageId: inbound.providerMessageId });

  return {
    async handleInbound(db: TenantClient, company: CompanyContext, inbound: InboundEnvelope): Promise<HandleResult> {
      return db.$transaction((tx) => run(tx, company, inbound, logFor(company, inbound)), { maxWait: 10_000, timeout: 30_000 });
    },

    /**
     * Several messages of one company, in order, in one transaction: all their turns commit
     * together or none does (the caller then handles them one by one). Under load this saves a
     * transaction per message; each turn is the same as `handleInbound`'s.
     */
    async handleInboundBatch(db: TenantClient, company: CompanyContext, inbounds: InboundEnvelope[]): Promise<HandleResult[]> {
      return db.$transaction(
        async (tx) => {
          const results: HandleResult[] = [];
          for (const inbound of inbounds) results.push(await run(tx, company, inbound, logFor(company, inbound)));
          return results;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    },
  };
}
