import type { Task } from 'graphile-worker';
import type { Alerts } from '../../platform/alerts.ts';
import { groupBy } from '../../platform/collections.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { OutboundSender, ProviderRegistry } from '../channels/index.ts';
import type { CompaniesService, ResolvedChannel } from '../companies/index.ts';
import { decisionsWaitedOutside, type createConversationEngine, type HandleResult, type InboundEnvelope } from '../conversations/index.ts';
import { usagePeriod } from '../usage/index.ts';
import { plansMessages } from '../plans/index.ts';
import { drainJobPayload, type InboxRepository, type PendingMessage } from './inbox.repository.ts';

// After this many failed attempts a message is set aside (failed + alert) so one poison message
// cannot stall its conversation forever.
const MAX_MESSAGE_ATTEMPTS = 5;

// One job takes at most this many messages per read of its queue, and reads again until the
// queue is empty or this many messages have been handled, then lets other queues' jobs run.
const BATCH = 100;
const MAX_PER_JOB = 500;

type Deps = {
  /**
   * Meta may deliver a customer's messages out of order, a few tens of milliseconds apart. A
   * conversation is not started until its first pending message has been here this long, so one
   * written earlier but delivered just after is answered first (0: off).
   */
  reorderWindowMs: number;
  inbox: InboxRepository;
  companies: CompaniesService;
  tenants: TenantClients;
  engine: ReturnType<typeof createConversationEngine>;
  sender: OutboundSender;
  /** Reads stored messages back (neutral, or a provider's own format stored by earlier versions) and marks them read. */
  providers: ProviderRegistry;
  /**
   * On channels whose provider shows options as numbered text, a typed number or title becomes
   * a tap on that option of the last message shown (channels/numbered-options.ts).
   */
  readTypedOptions: (channel: ResolvedChannel, envelopes: InboundEnvelope[]) => Promise<InboundEnvelope[]>;
  metrics: Metrics;
  alerts: Alerts;
  logger: Logger;
  /** Marks customers' messages as read on WhatsApp (blue ticks). Default true. */
  markRead?: boolean;
  /** Queues the download of customers' files once their turns are committed (the inbox API's media job). */
  queueMediaDownloads?: (channel: { channelId: string; companyId: string }, handled: InboundEnvelope[]) => Promise<void>;
};

// Not messages a person reads: reactions and system notices are not marked as read.
const UNREADABLE = new Set(['reaction', 'system']);

type Blocked = { conversations: Set<string>; errors: unknown[] };
const conversationOf = (e: PendingMessage) => `${e.company_id}:${e.wa_id}`;

// While a batch is being handled and a decision waits on something outside (a language model:
// `decisionsWaitedOutside`, which also counts the last second), the job looks at its queue again
// after POLL_MS for conversations that are not in a batch already, and starts them (at most
// MAX_BATCHES_IN_FLIGHT batches at a time), so a customer who writes meanwhile is not held behind someone else's slow turn. A batch
// with nothing outside to wait for is slow only because the machine is busy: looking then split
// the backlog into more, smaller batches (bench: 12% more statements per message), so the job
// waits for it — unless it has run SLOW_BATCH_MS, when it is waiting on something not counted.
// A look that finds nothing doubles the wait for the next (up to MAX_POLL_MS).
const SLOW_BATCH_MS = 5_000;
const POLL_MS = 1_000;
const MAX_POLL_MS = 8_000;
const MAX_BATCHES_IN_FLIGHT = 4;
// A few messages still in flight after that long are waiting on something slow outside (a
// model), not on a busy machine: look every QUICK_POLL_MS, without backing off.
const FEW_IN_FLIGHT = 10;
const QUICK_POLL_MS = 400;

/**
 * Drains a conversation queue: every pending message of its conversations, each conversation in
 * the order its customer wrote, one message at a time. A message that fails stops its own
 * conversation for this run (later messages wait behind it) but not the others; the job then
 * fails so graphile-worker retries it with backoff. After MAX_MESSAGE_ATTEMPTS a message is set
 * aside (failed + alert) so one poison message cannot stall its conversation forever.
 * Messages that arrive after the last read are not stranded: their webhook queued a follow-up
 * job for this queue, which runs when this one ends.
 */
export function createProcessMessagesTask(deps: Deps): Task {
  const handleGroup = createGroupHandler(deps);
  return async (payload) => {
    const { queue } = drainJobPayload.parse(payload);
    const period = usagePeriod();
    const blocked: Blocked = { conversations: new Set(), errors: [] };
    // Conversations in a batch being handled (never read again until it is done), and the batches.
    const inFlight = new Set<string>();
    // Each running batch, with when it started.
    const running = new Map<Promise<void>, number>();
    let messagesInFlight = 0;
    let crashed: { error: unknown } | undefined;

    /** Handles a batch in the background: its turns, replies, and marking its messages processed. */
    function start(ready: PendingMessage[]): void {
      const conversations = new Set(ready.map(conversationOf));
      for (const c of conversations) inFlight.add(c);
      messagesInFlight += ready.length;
      const batch = (async () => {
        const sent = new Map<string, number>();
        // Messages of one number in one group (order kept): one pass of decisions and of sends.
        for (const group of groupBy(ready, (e) => e.channel_id).values()) await handleGroup(group, blocked, sent);
        await deps.inbox.markProcessed([...sent.keys()], period, Object.fromEntries(sent));
      })();
      const settled: Promise<void> = batch
        .catch((error: unknown) => void (crashed ??= { error }))
        .finally(() => {
          messagesInFlight -= ready.length;
          for (const c of conversations) inFlight.delete(c);
          running.delete(settled);
        });
      running.set(settled, performance.now());
    }

    /** Whether to look at the queue while batches run (see POLL_MS). */
    const lookWhileRunning = () =>
      decisionsWaitedOutside() || performance.now() - Math.min(...running.values()) >= SLOW_BATCH_MS;

    let handled = 0;
    // Whether the queue may hold more than the last read returned (a full page, or messages
    // still inside the reorder window), and when the next of those is ready.
    let more = true;
    let readyInMs = 0;
    let pollMs = POLL_MS;
    try {
      await drain();
    } finally {
      // Never end (or fail, to be retried) while batches of this job still run.
      await Promise.allSettled(running.keys());
    }
    if (crashed) throw crashed.error;
    const { errors } = blocked;
    if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} conversations failed; will retry`);

    async function drain(): Promise<void> {
      for (;;) {
        if (crashed) break;
        if (handled >= MAX_PER_JOB) {
          await Promise.all(running.keys());
          if (!crashed) await deps.inbox.requeue(queue);
          break;
        }
        if (running.size === 0 || (running.size < MAX_BATCHES_IN_FLIGHT && lookWhileRunning())) {
          // A look while batches run leaves their conversations out: it says nothing of what is
          // still pending for them, so only a look with none in flight clears `more`.
          const partial = inFlight.size > 0;
          const read = await deps.inbox.pendingMessages(queue, period, BATCH, [...blocked.conversations, ...inFlight]);
          const { ready, waitMs } = outsideReorderWindow(read, deps.reorderWindowMs);
          if (ready.length > 0) {
            start(ready);
            handled += ready.length;
            pollMs = POLL_MS;
          } else if (partial) pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
          if (read.length === BATCH || ready.length < read.length) more = true;
          else if (!partial) more = false;
          readyInMs = ready.length < read.length ? waitMs : 0;
          if (running.size === 0) {
            if (!more) break;
            // Only conversations whose first message just arrived: give a late predecessor its chance.
            await new Promise((r) => setTimeout(r, readyInMs));
            continue;
          }
        }
        // A batch finishing, or time for another look while it runs.
        const nextLook = messagesInFlight <= FEW_IN_FLIGHT ? QUICK_POLL_MS : pollMs;
        const finished = await raceOrTimeout([...running.keys()], readyInMs > 0 ? Math.min(readyInMs, nextLook) : nextLook);
        if (finished && running.size === 0 && !more) break;
      }
    }
  };
}

/** Whether one of `promises` settled before `ms` (they never reject). */
async function raceOrTimeout(promises: Promise<void>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([...promises.map((p) => p.then(() => true as const)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The messages of conversations whose first pending message arrived at least `windowMs` ago
 * (the rest wait for the next read), and how long until the next of the others is ready.
 */
function outsideReorderWindow(read: PendingMessage[], windowMs: number): { ready: PendingMessage[]; waitMs: number } {
  if (windowMs <= 0) return { ready: read, waitMs: 0 };
  // Ages by the database's clock (the one that stamped received_at), not this process's.
  const oldest = new Map<string, number>();
  for (const e of read) oldest.set(conversationOf(e), Math.max(e.age_ms, oldest.get(conversationOf(e)) ?? 0));
  const ready = read.filter((e) => oldest.get(conversationOf(e))! >= windowMs);
  const waitMs = Math.max(1, Math.min(...[...oldest.values()].map((age) => windowMs - age)));
  return { ready, waitMs };
}

const envelopeOf = (providers: ProviderRegistry, event: PendingMessage): InboundEnvelope => ({
  inboxId: BigInt(event.id),
  providerMessageId: event.provider_message_id,
  waId: event.wa_id,
  profileName: event.contact_name,
  timestamp: new Date(event.provider_timestamp),
  content: providers.readStoredMessage(event.provider, event.payload),
});

type Handled = { event: PendingMessage; result: HandleResult; inbound: InboundEnvelope };

/**
 * Handles the messages of one number: the engine's turns (customers decided concurrently, each
 * customer's messages in order; engine: conversation-engine.ts), and their replies sent as soon
 * as their turns commit — a customer whose decider is slow does not hold back the others'
 * replies. Records in `sent` each message handled, with the number of replies sent for it;
 * messages that failed (or wait behind one that did) are left out.
 */
function createGroupHandler(deps: Deps) {
  async function recordFailure(event: PendingMessage, companyId: string, err: unknown, blocked: Blocked) {
    const attempts = await deps.inbox.recordAttempt(event.id, String(err));
    deps.metrics.messagesProcessed.inc({ result: 'error' });
    if (attempts >= MAX_MESSAGE_ATTEMPTS) {
      await deps.inbox.markFailed(event.id, String(err));
      await deps.alerts.raise('message_failed', 'A customer message could not be processed and was set aside', { companyId, inboxId: event.id, error: String(err) });
      return;
    }
    deps.logger.error({ err, attempts, companyId, inboxId: event.id }, 'processing failed; will retry');
    blocked.conversations.add(conversationOf(event));
    blocked.errors.push(err);
  }

  /** Sends the replies of handled turns and records them; events become metrics and alerts. */
  async function sendReplies(channel: ResolvedChannel, handled: Handled[], sent: Map<string, number>, log: Logger): Promise<void> {
    const company = channel.company;
    // Customers' files are fetched by their own job, queued before the messages count as processed:
    // a crash in between retries the drain job, which queues them again (one job per message).
    if (deps.queueMediaDownloads) await deps.queueMediaDownloads({ channelId: channel.channelId, companyId: company.id }, handled.map((h) => h.inbound));
    const outcome = await deps.sender.sendGroups(
      channel,
      handled.map(({ event, result }) => ({ inboxId: BigInt(event.id), rows: result.outbound })),
      log,
    );
    deps.metrics.outbound.inc({ result: 'sent' }, outcome.sent);
    if (outcome.failed) deps.metrics.outbound.inc({ result: 'failed' }, outcome.failed);
    if (deps.markRead !== false) {
      // WhatsApp marks every earlier message of the chat read too: one call per conversation.
      const latest = new Map<string, PendingMessage>();
      for (const { event } of handled) if (!UNREADABLE.has(event.message_type)) latest.set(event.wa_id, event);
      const provider = deps.providers.for(channel);
      await Promise.all([...latest.values()].map((e) => provider.markRead(channel, e.provider_message_id)));
    }
    for (const { event, result } of handled) {
      const replies = result.outbound.filter((r) => outcome.sentIds.has(r.id)).length;
      sent.set(event.id, replies);
      deps.metrics.messagesProcessed.inc({ result: 'ok' });
      if (replies > 0) deps.metrics.replySeconds.observe((Date.now() - new Date(event.provider_timestamp).getTime()) / 1000);
      for (const e of result.events) {
        if (e.type === 'order_created') deps.metrics.orders.inc({ result: 'created' });
        // A stock shortage is an ordinary answer to the customer (CONFLICT), not an operator alert.
        if (e.type === 'session_reset') {
          await deps.alerts.raise('message_failed', 'A stored conversation step is unknown to this release; the customer was taken back to the menu', { companyId: company.id, ...e.detail });
        }
        if (e.type === 'plan_limit_reached') {
          await deps.alerts.raise('plan_limit', plansMessages.ownerLimitAlert, { companyId: company.id, ...e.detail });
        }
        if (e.type === 'order_failed' && e.detail?.reason !== 'CONFLICT') {
          deps.metrics.orders.inc({ result: 'failed' });
          await deps.alerts.raise('order_failed', 'An order could not be created', { companyId: company.id, ...e.detail });
        }
      }
    }
  }

  /**
   * Replies sent as turns commit: one pass at a time, and what commits during a pass goes in the
   * next one (so a batch whose turns all commit together is still sent in one pass).
   */
  function replySender(send: (handled: Handled[]) => Promise<void>) {
    let waiting: Handled[] = [];
    let running: Promise<void> | undefined;
    async function drain() {
      try {
        while (waiting.length > 0) {
          const next = waiting;
          waiting = [];
          await send(next);
        }
      } finally {
        running = undefined;
      }
    }
    return {
      add(handled: Handled[]) {
        waiting.push(...handled);
        running ??= drain();
        // Failures surface in done(); never as an unhandled rejection meanwhile.
        running.catch(() => undefined);
      },
      async done() {
        while (running) await running;
        if (waiting.length > 0) await drain();
      },
    };
  }

  return async (events: PendingMessage[], blocked: Blocked, sent: Map<string, number>): Promise<void> => {
    const channel = await deps.companies.resolveChannelById(events[0]!.channel_id);
    if (!channel) {
      for (const event of events) await deps.inbox.markFailed(event.id, 'channel no longer active');
      deps.logger.warn({ channelId: events[0]!.channel_id, messages: events.length }, 'messages for a disabled or deleted channel set aside');
      return;
    }
    const company = channel.company;
    const messagesUsed = Number(events[0]!.used);
    const db = deps.tenants.get(company.db);
    const log = deps.logger.child({ companyId: company.id });
    const envelopes = await deps.readTypedOptions(channel, events.map((e) => envelopeOf(deps.providers, e)));
    const eventOf = new Map(events.map((e) => [BigInt(e.id), e]));

    const replies = replySender((handled) => sendReplies(channel, handled, sent, log));
    const outcomes = await deps.engine
      .handleBatch(db, company, envelopes, {
        messagesUsed,
        onCommitted: (turns) => replies.add(turns.map(({ inbound, result }) => ({ event: eventOf.get(inbound.inboxId)!, result, inbound }))),
      })
      // The batch could not even be read (the database is down): every message failed this time.
      .catch((error: unknown) => events.map(() => ({ ok: false as const, error, skipped: false })));
    await replies.done();
    for (const [i, outcome] of outcomes.entries()) {
      if (!outcome.ok && !outcome.skipped) await recordFailure(events[i]!, company.id, outcome.error, blocked);
    }
  };
}
