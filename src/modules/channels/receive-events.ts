// The one intake of inbound events, whatever provider carried them (Chatwoot's incoming-message
// service): a provider's webhook route verifies and parses its request into neutral events, and
// this stores them in the durable inbox — deduplicated, with their drain jobs, before the route
// answers — and sets aside what cannot be stored. Nothing after this knows the provider's format.
import type { Alerts } from '../../platform/alerts.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { cleanString } from '../../platform/safe-json.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import type { InboundContent } from '../messages/index.ts';
import type { ChannelEvent, ProviderName, RejectedItem } from './provider.ts';
import { storedMessagePayload, storedStatusPayload } from './stored-events.ts';

/** An event to store in the inbox, already provider-neutral. */
export type NewInboxEvent = {
  kind: 'message' | 'status';
  /** The provider that carried it: dedupe keys are unique per provider. */
  provider: string;
  dedupeKey: string;
  providerMessageId: string;
  companyId: string;
  channelId: string;
  waId: string;
  contactName: string | null;
  messageType: string;
  payload: unknown;
  timestamp: Date;
};

/** An item of a delivery that cannot be stored, kept aside with its reason for the operator. */
export type InboxItemSetAside = { provider: string; companyId: string | null; kind: string; reason: string; excerpt: string };

/**
 * Where the intake stores events: the durable inbox (the inbox module's repository). Declared
 * here, as what the intake needs, so channels does not depend on the inbox that depends on it.
 */
export type InboxStore = {
  /** Stores events with their drain jobs in one statement; returns how many were new. */
  store(events: NewInboxEvent[]): Promise<number>;
  setAside(items: InboxItemSetAside[]): Promise<void>;
};

// SQLSTATE classes of errors caused by the data itself: 22 data exception (bad encoding, value out
// of range), 54 program limit exceeded (nesting too deep). Retrying those can never succeed.
const isDataError = (err: unknown) => /^(22|54)/.test(String((err as { code?: unknown }).code ?? ''));

/** The start of an item as text for the operator, cleaned so it can be stored. */
function excerptOf(item: unknown): string {
  try {
    return cleanString(JSON.stringify(item) ?? String(item)).slice(0, 4000);
  } catch {
    return '(cannot be printed)';
  }
}

/** The inbox's message_type: the content's type, a media message by its kind (image, audio…). */
const typeOf = (content: InboundContent) => (content.type === 'media' ? content.mediaKind : content.type);

/** Events of one delivery, each with the channel it belongs to. */
export type ReceivedEvent = ChannelEvent & { channel: Pick<ResolvedChannel, 'channelId' | 'company'> };

function toInboxRow(provider: ProviderName, e: ReceivedEvent): NewInboxEvent {
  const common = {
    provider,
    dedupeKey: e.dedupeKey,
    providerMessageId: e.providerMessageId,
    companyId: e.channel.company.id,
    channelId: e.channel.channelId,
    waId: e.waId,
    timestamp: e.timestamp,
  };
  return e.kind === 'message'
    ? { ...common, kind: 'message', contactName: e.contactName, messageType: typeOf(e.content), payload: storedMessagePayload(e.content) }
    : { ...common, kind: 'status', contactName: null, messageType: e.status, payload: storedStatusPayload(e) };
}

export function createEventIntake(deps: { inbox: InboxStore; metrics: Metrics; alerts: Alerts }) {
  /**
   * Stores the rows in one statement. If PostgreSQL refuses the data itself (a value it cannot
   * hold that slipped past the checks), each row is stored alone and those it still refuses are
   * set aside, so one bad event never fails the good ones. Any other error (the database is
   * down) fails the delivery, and the provider delivers it again.
   */
  async function storeEach(provider: ProviderName, rows: NewInboxEvent[], setAside: InboxItemSetAside[]): Promise<{ stored: number; failed: number }> {
    try {
      return { stored: await deps.inbox.store(rows), failed: 0 };
    } catch (err) {
      if (!isDataError(err) || rows.length === 0) throw err;
    }
    let stored = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        stored += await deps.inbox.store([row]);
      } catch (err) {
        if (!isDataError(err)) throw err;
        failed++;
        setAside.push({ provider, companyId: row.companyId, kind: row.kind, reason: `refused by the database: ${(err as Error).message}`, excerpt: excerptOf(row.payload) });
      }
    }
    return { stored, failed };
  }

  return {
    /**
     * Stores a verified delivery's events (deduplicated per provider) with their jobs, and sets
     * aside what could not be stored, with an alert. Resolves once everything is durable; throws
     * when the database cannot take it (the route then answers 5xx and the provider retries).
     */
    async receive(provider: ProviderName, events: ReceivedEvent[], rejected: RejectedItem[], log: Logger): Promise<{ stored: number }> {
      const rows = events.map((e) => toInboxRow(provider, e));
      const setAside: InboxItemSetAside[] = rejected.map((r) => ({ provider, companyId: r.companyId, kind: r.kind, reason: r.reason, excerpt: excerptOf(r.item) }));
      const { stored, failed } = await storeEach(provider, rows, setAside);
      if (setAside.length > 0) {
        await deps.inbox.setAside(setAside);
        deps.metrics.webhookRejects.inc(setAside.length);
        log.warn({ provider, rejected: setAside.map((r) => ({ kind: r.kind, reason: r.reason, companyId: r.companyId })) }, 'webhook items set aside');
        for (const companyId of new Set(setAside.map((r) => r.companyId ?? undefined))) {
          void deps.alerts.raise('webhook_rejected', 'Webhook items could not be stored as they are and were set aside (see webhook_rejects)', companyId ? { companyId } : {});
        }
      }
      if (stored + failed < rows.length) deps.metrics.duplicates.inc(rows.length - stored - failed);
      deps.metrics.inboxEvents.inc({ kind: 'any' }, stored);
      deps.metrics.webhookRequests.inc({ result: 'accepted' });
      log.debug({ provider, events: events.length, stored, waMessageIds: rows.map((r) => r.providerMessageId) }, 'webhook stored');
      return { stored };
    },
  };
}

export type EventIntake = ReturnType<typeof createEventIntake>;
