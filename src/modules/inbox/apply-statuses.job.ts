import type { Task } from 'graphile-worker';
import { groupBy } from '../../platform/collections.ts';
import type { Alerts } from '../../platform/alerts.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { ProviderRegistry, StatusWriter } from '../channels/index.ts';
import { isProviderStatus, type ProviderStatus, type StatusOutcome, type StatusUpdate } from '../messages/index.ts';
import type { CompaniesService, ResolvedChannel } from '../companies/index.ts';
import { statusJobPayload, type InboxRepository, type InboxRow } from './inbox.repository.ts';

// A status can arrive before the send's response has been recorded: it is retried, and given up
// only after this many attempts and a minute, when the id is surely not one of ours.
const MAX_STATUS_ATTEMPTS = 6;
const GIVE_UP_AFTER_MS = 60_000;
const RETRY_WAITING_MS = 2_000;
const BATCH = 200;
const MAX_PER_JOB = 2_000;

type Deps = {
  inbox: InboxRepository;
  companies: CompaniesService;
  /** Reads a stored status back (neutral, or a provider's own format stored by earlier versions). */
  providers: ProviderRegistry;
  writeStatuses: StatusWriter;
  metrics: Metrics;
  alerts: Alerts;
  logger: Logger;
};

/**
 * Drains pending delivery statuses (sent/delivered/read/failed) onto the message log, one
 * statement per number and batch. A status only ever raises a message's rank, so order does not
 * matter and a late `delivered` never undoes `read`. Statuses for ids not (yet) in the log stay
 * pending and the shard is drained again 2 s later.
 */
export function createApplyStatusesTask(deps: Deps): Task {
  const applyGroup = createGroupApplier(deps);
  return async (payload) => {
    const { shard } = statusJobPayload.parse(payload ?? {});
    let waiting = 0;
    const seen = new Set<string>();
    for (let handled = 0; handled < MAX_PER_JOB; ) {
      const batch = (await deps.inbox.pendingStatuses(shard, BATCH)).filter((e) => !seen.has(e.id));
      if (batch.length === 0) break;
      const done: string[] = [];
      for (const e of batch) seen.add(e.id);
      for (const group of groupBy(batch, (e) => e.channel_id).values()) {
        const outcome = await applyGroup(group);
        done.push(...outcome.applied);
        waiting += outcome.waiting;
      }
      await deps.inbox.markProcessed(done);
      handled += batch.length;
    }
    if (waiting === 0) return;
    // Usually a status that overtook the record of its send: look again shortly, quietly.
    if (shard === undefined) throw new Error(`${waiting} statuses for messages not (yet) in the message log; retrying`);
    deps.logger.debug({ shard, waiting }, 'statuses for messages not (yet) in the message log; looking again shortly');
    await deps.inbox.requeueStatuses(shard, RETRY_WAITING_MS);
  };
}

function createGroupApplier(deps: Deps) {
  const updateOf = (e: InboxRow & { message_type: ProviderStatus }): StatusUpdate => {
    const { rowId, error } = deps.providers.readStoredStatus(e.provider, e.payload);
    // A code a provider could send is a small integer; anything else is kept out of the integer column.
    const code = error?.code !== undefined && Number.isSafeInteger(error.code) && Math.abs(error.code) < 2 ** 31 ? error.code : undefined;
    return {
      providerMessageId: e.provider_message_id,
      status: e.message_type,
      at: new Date(e.provider_timestamp),
      ...(error ? { errorCode: code, errorTitle: error.cause } : {}),
      ...(rowId !== undefined ? { rowId } : {}),
    };
  };

  /**
   * Writes the statuses in one statement; if that fails, one by one, so a status that cannot be
   * written (a poison) fails alone: it is retried a few times, then set aside with an alert, and
   * never holds back the shard's other statuses.
   */
  async function write(channel: ResolvedChannel, events: (InboxRow & { message_type: ProviderStatus })[]): Promise<{ outcome: StatusOutcome; poisoned: Set<string> }> {
    const poisoned = new Set<string>();
    try {
      return { outcome: await deps.writeStatuses(channel, events.map(updateOf)), poisoned };
    } catch (err) {
      if (events.length === 1) {
        const event = events[0]!;
        poisoned.add(event.id);
        const attempts = await deps.inbox.recordAttempt(event.id, String(err));
        if (attempts >= MAX_STATUS_ATTEMPTS) {
          await deps.inbox.markFailed(event.id, `could not be applied: ${String(err)}`);
          await deps.alerts.raise('status_failed', 'A delivery status could not be applied and was set aside', { companyId: channel.company.id, inboxId: event.id, error: String(err) });
        }
        return { outcome: new Map(), poisoned };
      }
      const outcome: StatusOutcome = new Map();
      for (const event of events) {
        const one = await write(channel, [event]);
        for (const [k, v] of one.outcome) outcome.set(k, v);
        for (const id of one.poisoned) poisoned.add(id);
      }
      return { outcome, poisoned };
    }
  }

  return async (events: InboxRow[]): Promise<{ applied: string[]; waiting: number }> => {
    const result = { applied: [] as string[], waiting: 0 };
    const channel = await deps.companies.resolveChannelById(events[0]!.channel_id);
    const valid: (InboxRow & { message_type: ProviderStatus })[] = [];
    for (const event of events) {
      if (!channel || !isProviderStatus(event.message_type)) {
        await deps.inbox.markFailed(event.id, !channel ? 'channel no longer active' : `unknown status ${event.message_type}`);
      } else valid.push(event as InboxRow & { message_type: ProviderStatus });
    }
    if (!channel || valid.length === 0) return result;
    const { outcome, poisoned } = await write(channel, valid);
    for (const event of valid) {
      if (poisoned.has(event.id)) {
        result.waiting++;
        continue;
      }
      const known = outcome.get(event.provider_message_id);
      if (!known) {
        const attempts = await deps.inbox.recordAttempt(event.id, 'message id not (yet) in the message log');
        if (attempts < MAX_STATUS_ATTEMPTS || Date.now() - new Date(event.received_at).getTime() < GIVE_UP_AFTER_MS) result.waiting++;
        else await deps.inbox.markFailed(event.id, 'status for a message this platform did not send');
        continue;
      }
      result.applied.push(event.id);
      deps.metrics.statuses.inc({ status: known.updated ? event.message_type : 'stale' });
      if (event.message_type === 'failed') {
        const { errorCode: code, errorTitle } = updateOf(event);
        const cause = errorTitle ?? deps.providers.for(channel).describeError(code).cause;
        deps.logger.warn({ companyId: channel.company.id, waMessageId: event.provider_message_id, code, cause }, 'message delivery failed');
        await deps.alerts.raise('send_failures', `WhatsApp could not deliver a message: ${cause}`, { companyId: channel.company.id, code });
      }
    }
    return result;
  };
}
