// Commit: decided turns written in one short transaction. It locks the customers (creating new
// numbers with the id their turn was decided with), logs the inbound messages and reads the
// sessions again; a turn whose customer, handoff or session version moved since its snapshot —
// or whose order or address no longer matches what it showed — is a conflict: the transaction
// rolls back and that turn is handed back with the fresh state to be decided again (the others
// are committed without it). A message already logged (a retried job, a redelivery) writes
// nothing: its pending replies are returned to be sent again.
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';
import { forgetProductReads } from '../catalog/index.ts';
import type { Customer } from '../customers/index.ts';
import { findInbound, pendingOutbound, type OutboundRow } from '../messages/index.ts';
import type { Company } from '../companies/index.ts';
import type { EngineEvent } from './conversations.types.ts';
import type { Decision } from './decide-turn.ts';
import type { LoadedSession } from './sessions/session.repository.ts';
import { closeTurns, openTurns, type OpenedTurn, type TurnSnapshot } from './sessions/turn.repository.ts';
import { applyTurnWrites } from './turn-writes.ts';
import { turnEvents } from './turn-events.ts';
import { publishMany, type LivePublisher } from '../events/index.ts';

export type HandleResult = { customerId: string; outbound: OutboundRow[]; events: EngineEvent[] };

export type CommitOutcome =
  | { kind: 'committed' | 'replayed'; result: HandleResult; next: TurnSnapshot }
  | { kind: 'conflict'; fresh: TurnSnapshot };

/** Thrown inside the transaction to roll it back: these turns must be decided again. */
class TurnConflicts extends Error {
  constructor(readonly fresh: Map<Decision, TurnSnapshot>) {
    super(`${fresh.size} turns changed since they were decided`);
  }
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** Whether the customer and session locked now are the ones the turn was decided from. */
function stillHolds(d: Decision, opened: OpenedTurn): boolean {
  const was = d.basis.customer;
  if (was === null ? !opened.created : opened.created || opened.customer.id !== was.id) return false;
  if (was && !sameTime(was.botPausedUntil, opened.customer.botPausedUntil)) return false;
  return (d.basis.session?.version ?? null) === (opened.session?.version ?? null);
}

/** The snapshot the customer's next message is decided from, as this commit leaves it. */
function after(d: Decision, opened: OpenedTurn): TurnSnapshot {
  let customer: Customer = opened.customer;
  const bot = d.writes.bot;
  if (bot) customer = { ...customer, botPausedUntil: bot.pausedUntil, handoffAt: bot.pausedUntil ? bot.at : null };
  if (!d.session) return { customer, session: opened.session };
  const session: LoadedSession = {
    data: d.session.data,
    unreadStep: null,
    expiresAt: d.session.times.expiresAt,
    lastInboundAt: d.session.times.now,
    isActive: true,
    // The trigger moves the version on every update; a new row starts at 0.
    version: opened.session ? opened.session.version + 1n : 0n,
  };
  return { customer, session };
}

/** Locks (creating) the customers and logs the messages; a customer created by another transaction at that instant is there on a second look. */
async function open(tx: TenantTx, company: Company, decisions: Decision[]): Promise<Map<string, OpenedTurn>> {
  const toOpen = (ds: Decision[]) =>
    ds.map((d) => ({
      waId: d.inbound.waId,
      name: d.name,
      customerId: d.customerId,
      inbound: { inboxId: d.inbound.inboxId, providerMessageId: d.inbound.providerMessageId, content: d.inbound.content },
    }));
  const opened = await openTurns({ tx, schema: company.db.schema }, toOpen(decisions));
  const missing = decisions.filter((d) => !opened.has(d.inbound.waId));
  if (missing.length > 0) for (const [waId, turn] of await openTurns({ tx, schema: company.db.schema }, toOpen(missing))) opened.set(waId, turn);
  return opened;
}

async function writeTurns(tx: TenantTx, company: Company, decisions: Decision[], reader: TenantTx): Promise<Map<Decision, CommitOutcome>> {
  const opened = await open(tx, company, decisions);
  const outcomes = new Map<Decision, CommitOutcome>();
  const conflicts = new Map<Decision, TurnSnapshot>();
  const writing: { d: Decision; o: OpenedTurn }[] = [];
  for (const d of decisions) {
    const o = opened.get(d.inbound.waId);
    if (!o) throw new Error('customer vanished right after insert');
    const fresh = { customer: o.customer, session: o.session };
    if (!o.logged) {
      // Logged before (a retried job, a redelivery under a new inbox id): nothing new, the replies still pending.
      const seen = await findInbound(tx, d.inbound.inboxId, d.inbound.providerMessageId);
      const outbound = seen?.inboxId == null ? [] : await pendingOutbound(tx, seen.inboxId);
      outcomes.set(d, { kind: 'replayed', result: { customerId: o.customer.id, outbound, events: [] }, next: fresh });
    } else if (!stillHolds(d, o)) conflicts.set(d, fresh);
    else writing.push({ d, o });
  }
  if (conflicts.size > 0) throw new TurnConflicts(conflicts);
  let ordered = false;
  for (const { d, o } of writing) {
    if (!(await applyTurnWrites(tx, company, o.customer.id, d.writes, d.events))) conflicts.set(d, { customer: o.customer, session: o.session });
    ordered ||= d.writes.order !== undefined;
  }
  if (conflicts.size > 0) throw new TurnConflicts(conflicts);
  // Sessions and replies of the turns that have them; the inbox hears of every message logged.
  const closing = writing.filter(({ d }) => d.session !== null);
  const inbound = writing.map(({ o }) => o.logged!);
  const written = writing.length > 0 ? await closeTurns({ tx, schema: company.db.schema }, closing.map(({ d }) => ({ ...d.session!, inboxId: d.inbound.inboxId, drafts: d.drafts })), inbound) : [];
  const rows = new Map(closing.map(({ d }, i) => [d, written[i]!]));
  for (const { d, o } of writing) {
    outcomes.set(d, { kind: 'committed', result: { customerId: o.customer.id, outbound: rows.get(d) ?? [], events: d.events }, next: after(d, o) });
    d.logger.debug({ step: d.session?.data.state.step, replies: rows.get(d)?.length ?? 0, events: d.events.map((e) => e.type) }, 'inbound handled');
  }
  // Orders took stock: product reads kept for the batch are stale now.
  if (ordered) forgetProductReads(reader);
  return outcomes;
}

/**
 * Commits decided turns (one per customer) in one transaction. Turns that conflict come back as
 * `conflict` with the fresh state; the rest are committed in a new transaction without them.
 * Other failures throw (the caller commits the turns one by one).
 */
export async function commitTurns(db: TenantClient, company: Company, decisions: Decision[], reader: TenantTx, live?: LivePublisher): Promise<Map<Decision, CommitOutcome>> {
  const outcomes = new Map<Decision, CommitOutcome>();
  let pending = decisions;
  while (pending.length > 0) {
    try {
      const written = await db.$transaction((tx) => writeTurns(tx, company, pending, reader), { maxWait: 10_000, timeout: 30_000 });
      for (const [d, o] of written) outcomes.set(d, o);
      // The staff inbox hears of the turns once they have committed, never inside the commit:
      // NOTIFY's database-wide lock at commit serialised every turn commit (bench: 18.5 → 14.5 ms
      // of CPU per message). With a publisher (the platform's) the events of many commits go out
      // together; without one, in a statement of their own now. A crash in between loses only
      // the live hint; panels resync from the API when they reconnect.
      const committed = [...written.values()].flatMap((o) => (o.kind === 'committed' ? [o.result] : []));
      const events = turnEvents(committed);
      if (live) live.publish({ companyId: company.id, dbUrl: company.db.url }, events);
      else await publishMany(db, company.id, events).catch(() => undefined);
      break;
    } catch (err) {
      if (!(err instanceof TurnConflicts)) throw err;
      for (const [d, fresh] of err.fresh) outcomes.set(d, { kind: 'conflict', fresh });
      pending = pending.filter((d) => !err.fresh.has(d));
    }
  }
  return outcomes;
}
