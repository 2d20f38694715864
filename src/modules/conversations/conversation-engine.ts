// The conversation engine: one inbound message → one tenant transaction that logs it, runs the
// customer's flow and writes the replies as pending outbound rows for the sender.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import {
  findInbound,
  findOrCreateLockedCustomer,
  insertInbound,
  insertOutbound,
  pendingOutbound,
  type OutboundDraft,
  type OutboundRow,
} from '../customers/index.ts';
import type { CompanyContext, EngineEvent, InboundEnvelope } from './conversations.types.ts';
import { converse } from './converse.ts';
import { loadSession, saveSession } from './sessions/session.repository.ts';
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
    const { customer, created } = await findOrCreateLockedCustomer(tx, company.schema, inbound.waId, cleanName(inbound.profileName));
    const events: EngineEvent[] = created ? [{ type: 'customer_created', detail: { customerId: customer.id, waId: customer.waId } }] : [];
    // The inbound row is the idempotency key: it conflicts on the inbox id and on the provider
    // id, so a retried job or a redelivery under a new inbox id changes nothing.
    const logged = await insertInbound(tx, company.schema, { customerId: customer.id, inboxId: inbound.inboxId, providerMessageId: inbound.providerMessageId, content: inbound.content });
    if (!logged) {
      const seen = await findInbound(tx, inbound.inboxId, inbound.providerMessageId);
      return seen ? replay(tx, seen.customerId ?? customer.id, seen) : { customerId: customer.id, outbound: [], events: [] };
    }
    const now = clock();
    // Bot switched off, or a person has the chat: the message is logged for the inbox, no reply.
    if (!company.botEnabled || (customer.botPausedUntil && customer.botPausedUntil > now)) {
      log.debug({ botEnabled: company.botEnabled }, 'inbound logged without reply');
      return { customerId: customer.id, outbound: [], events };
    }
    const stored = await loadSession(tx, company.schema, customer.id);
    const turn: Turn = {
      tx, company, customer, inbound, now, logger: log, handoffTimeoutMinutes: opts.handoffTimeoutMinutes,
      session: stored?.data ?? freshSession(), events, extra: [],
    };
    const reply = company.limits.messagesExceeded ? limitNotice(turn) : await converse(turn, stored, created);
    await saveSession(tx, company.schema, customer.id, turn.session, { now, expiresAt: new Date(now.getTime() + ttlMs) });
    const drafts: OutboundDraft[] = [
      ...(reply ? [{ to: customer.waId, customerId: customer.id, content: reply }] : []),
      ...turn.extra,
    ];
    const outbound = await insertOutbound(tx, company.schema, inbound.inboxId, drafts);
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

  return {
    async handleInbound(db: TenantClient, company: CompanyContext, inbound: InboundEnvelope): Promise<HandleResult> {
      const log = opts.logger.child({ company: company.slug, inboxId: inbound.inboxId.toString(), waMessageId: inbound.providerMessageId });
      return db.$transaction((tx) => run(tx, company, inbound, log), { maxWait: 10_000, timeout: 30_000 });
    },
  };
}
