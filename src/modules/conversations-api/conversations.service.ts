import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../platform/errors.ts';
import type { TenantClients } from '../../platform/db/clients.ts';
import { toCompany, type CompaniesService } from '../companies/index.ts';
import { findCustomerByWaId, listHandoffs, pauseBot, releaseHandoff } from '../customers/index.ts';
import { insertStaffReply, listCustomerMessages, type MessageSender, type OutboundContent } from '../messages/index.ts';
import { publish } from '../events/index.ts';
import { scheduleConversationSend } from '../inbox/index.ts';
import { companyPrefix, type Storage } from '../storage/index.ts';
import { conversationView, messageView, WINDOW_MS } from './conversation-views.ts';
import { inboxMessages as m } from './conversations-api.messages.ts';
import {
  assignConversation,
  findConversation,
  findConversationCustomer,
  findMessage,
  listConversations,
  listMessages,
  markConversationRead,
} from './conversations.repository.ts';
import { findStoredMedia } from './media.repository.ts';
import { composeReply, type ReplyInput, type ShopForReply } from './compose-reply.ts';

/** The company as the API route resolved it (after the membership check). */
export type InboxCompany = { id: string; slug: string; connection: { schema: string; url?: string } };

export type ConversationQuery = {
  limit: number;
  cursor?: string | undefined;
  needsPerson?: boolean | undefined;
  unread?: boolean | undefined;
  assignedTo?: string | undefined; // a user id, 'me' or 'nobody'
  q?: string | undefined;
};

/** Who sends a staff reply: a signed-in user, a company API key, or the platform admin token. */
export type SenderRef = { kind: MessageSender['kind']; id: string | null };

export type InboxDeps = {
  companies: CompaniesService;
  tenants: TenantClients;
  /** Central pool: the queue (graphile_worker) lives there. */
  pool: pg.Pool;
  storage: Storage;
  handoffTimeoutMinutes: number;
  /** The company's members (accounts module): who can be assigned, and their names. */
  members: (companyId: string) => Promise<{ userId: string; name: string }[]>;
  now?: () => Date;
};

const encodeCursor = (at: Date, customerId: string) => Buffer.from(`${at.toISOString()}|${customerId}`).toString('base64url');
function decodeCursor(cursor: string): { at: Date; customerId: string } {
  const [at, customerId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!customerId || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(customerId)) {
    throw new AppError('VALIDATION', 'cursor: no es válido; usa el nextCursor de la página anterior.');
  }
  return { at: date, customerId };
}

export function createConversationsService(deps: InboxDeps) {
  const clock = deps.now ?? (() => new Date());
  const dbOf = (c: InboxCompany) => deps.tenants.get(c.connection);
  const schemaOf = (c: InboxCompany) => c.connection.schema;
  const mediaUrl = (c: InboxCompany, customerId: string) => (id: bigint) =>
    `/api/companies/${encodeURIComponent(c.slug)}/conversations/${customerId}/messages/${id}/media`;

  async function memberNames(companyId: string) {
    return new Map((await deps.members(companyId)).map((x) => [x.userId, x.name]));
  }

  async function shopOf(c: InboxCompany): Promise<ShopForReply> {
    const full = await deps.companies.getCompany(c.slug);
    const channel = full.channels.find((ch) => ch.status === 'active');
    const settings = (channel?.providerSettings ?? {}) as { contentSids?: Record<string, string> };
    const templates = [...new Set([full.statusUpdateTemplate, ...Object.keys(settings.contentSids ?? {})].filter((n): n is string => Boolean(n)))];
    return {
      name: full.name,
      currency: full.currency,
      locale: full.locale,
      channelId: channel?.id ?? null,
      templates: templates.map((name) => ({ name, language: full.locale.replace('-', '_') })),
    };
  }

  /** The conversation's current state as the API shows it (after an action). */
  async function view(c: InboxCompany, customerId: string) {
    const row = await findConversation(dbOf(c), schemaOf(c), customerId);
    if (!row) throw new AppError('NOT_FOUND', m.conversationNotFound);
    return conversationView(row, clock(), await memberNames(c.id));
  }

  return {
    async list(c: InboxCompany, q: ConversationQuery, me: string | null) {
      const assignedTo = q.assignedTo === 'nobody' ? null : q.assignedTo === 'me' ? (me ?? randomUUID()) : q.assignedTo;
      const now = clock();
      const rows = await listConversations(dbOf(c), schemaOf(c), {
        limit: q.limit,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
        needsPerson: q.needsPerson,
        unread: q.unread,
        assignedTo,
        q: q.q,
        now,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const names = await memberNames(c.id);
      return {
        conversations: page.map((r) => conversationView(r, now, names)),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.last_message_at, last.customer_id) : null,
      };
    },

    get: view,

    async messages(c: InboxCompany, customerId: string, q: { limit: number; before?: string | undefined }) {
      const db = dbOf(c);
      if (!(await findConversationCustomer(db, schemaOf(c), customerId))) throw new AppError('NOT_FOUND', m.conversationNotFound);
      const rows = await listMessages(db, schemaOf(c), customerId, { limit: q.limit, before: q.before === undefined ? undefined : BigInt(q.before) });
      const page = rows.slice(0, q.limit);
      return {
        messages: page.map((r) => messageView(r, mediaUrl(c, customerId))),
        nextCursor: rows.length > q.limit ? page.at(-1)!.id.toString() : null,
      };
    },

    async markRead(c: InboxCompany, customerId: string, upTo?: string) {
      const done = await markConversationRead(dbOf(c), schemaOf(c), customerId, upTo === undefined ? undefined : BigInt(upTo));
      if (!done) throw new AppError('NOT_FOUND', m.conversationNotFound);
      return view(c, customerId);
    },

    async assign(c: InboxCompany, customerId: string, userId: string | null) {
      if (userId !== null && !(await memberNames(c.id)).has(userId)) throw new AppError('VALIDATION', m.assigneeNotMember, { userId });
      if (!(await assignConversation(dbOf(c), schemaOf(c), customerId, userId))) throw new AppError('NOT_FOUND', m.conversationNotFound);
      return view(c, customerId);
    },

    /** A person takes the chat: the bot stays quiet for this customer until returned (or the handoff timeout). */
    async takeOver(c: InboxCompany, customerId: string, by: string | null) {
      const db = dbOf(c);
      const now = clock();
      await db.$transaction(async (tx) => {
        const customer = await findConversationCustomer(tx, schemaOf(c), customerId, true);
        if (!customer) throw new AppError('NOT_FOUND', m.conversationNotFound);
        await pauseBot(tx, customerId, new Date(now.getTime() + deps.handoffTimeoutMinutes * 60_000), now);
        if (by) await assignConversation(tx, schemaOf(c), customerId, by);
        await publish(tx, c.id, { type: 'handoff', data: { customerId, active: true } });
      });
      return view(c, customerId);
    },

    /** Back to the bot: the customer is told the assistant answers again (as when the handoff times out). */
    async returnToBot(c: InboxCompany, customerId: string) {
      const db = dbOf(c);
      const shop = await shopOf(c);
      const customer = await findConversationCustomer(db, schemaOf(c), customerId);
      if (!customer) throw new AppError('NOT_FOUND', m.conversationNotFound);
      const { outbound } = await releaseHandoff(db, toCompany(await deps.companies.getCompany(c.slug)), customer.waId);
      if (outbound) {
        await publish(deps.pool, c.id, { type: 'handoff', data: { customerId, active: false } });
        await publish(deps.pool, c.id, { type: 'message.new', data: { customerId, messageId: outbound.id.toString(), direction: 'outbound' } });
        if (shop.channelId) await scheduleConversationSend(deps.pool, { channelId: shop.channelId, companyId: c.id, waId: customer.waId });
      }
      return { conversation: await view(c, customerId), customerNotified: Boolean(outbound && shop.channelId) };
    },

    /**
     * A staff reply, sent through the company's channel by the same pipeline as the bot's replies
     * (retries, statuses). Outside WhatsApp's 24-hour window only an approved template may go:
     * the refusal lists the company's templates. Replying takes the chat from the bot.
     */
    async reply(c: InboxCompany, customerId: string, input: ReplyInput, by: string | null, via: SenderRef = by ? { kind: 'user', id: by } : { kind: 'platform', id: null }) {
      const db = dbOf(c);
      const shop = await shopOf(c);
      // The member's name as it is now, kept on the message (a later rename does not rewrite history).
      const sender: MessageSender = { ...via, name: via.kind === 'user' && via.id ? ((await deps.members(c.id)).find((x) => x.userId === via.id)?.name ?? null) : null };
      if (!shop.channelId) throw new AppError('CONFLICT', m.noChannel);
      const now = clock();
      const written = await db.$transaction(async (tx) => {
        const customer = await findConversationCustomer(tx, schemaOf(c), customerId, true);
        if (!customer) throw new AppError('NOT_FOUND', m.conversationNotFound);
        const windowOpen = customer.lastInboundAt !== null && now.getTime() - customer.lastInboundAt.getTime() < WINDOW_MS;
        if (!windowOpen && input.kind !== 'template') {
          throw new AppError('CONFLICT', m.windowClosed(shop.templates.length), {
            reason: 'WINDOW_CLOSED',
            lastCustomerMessageAt: customer.lastInboundAt?.toISOString() ?? null,
            templates: shop.templates,
          });
        }
        const content: OutboundContent = await composeReply(tx, { company: c, shop, storage: deps.storage }, input);
        const row = await insertStaffReply({ tx, schema: schemaOf(c) }, { id: customerId, waId: customer.waId }, content, sender);
        if (!customer.botPausedUntil || customer.botPausedUntil <= now) {
          await pauseBot(tx, customerId, new Date(now.getTime() + deps.handoffTimeoutMinutes * 60_000), now);
          await publish(tx, c.id, { type: 'handoff', data: { customerId, active: true } });
        }
        await markConversationRead(tx, schemaOf(c), customerId);
        if (by) await assignIfNobody(tx, schemaOf(c), customerId, by);
        await publish(tx, c.id, { type: 'message.new', data: { customerId, messageId: row.id.toString(), direction: 'outbound' } });
        return { id: row.id, waId: customer.waId };
      });
      // The conversation's send job sends it after any reply queued before it.
      await scheduleConversationSend(deps.pool, { channelId: shop.channelId, companyId: c.id, waId: written.waId });
      const row = await findMessage(db, schemaOf(c), customerId, written.id);
      return { message: messageView(row!, mediaUrl(c, customerId)) };
    },

    /** A customer's stored file, for staff: only through the company's own message row. */
    async media(c: InboxCompany, customerId: string, messageId: string) {
      const media = await findStoredMedia(dbOf(c), schemaOf(c), customerId, BigInt(messageId));
      if (!media) throw new AppError('NOT_FOUND', m.mediaNotFound);
      if (media.status === 'failed') throw new AppError('NOT_FOUND', m.mediaFailed);
      if (media.status !== 'stored' || !media.storageKey) throw new AppError('CONFLICT', m.mediaPending, { reason: 'MEDIA_PENDING' });
      // Keys are written by the download job under the company's private prefix; anything else is not ours.
      if (!media.storageKey.startsWith(companyPrefix('private', c.id))) throw new AppError('NOT_FOUND', m.mediaNotFound);
      return deps.storage.read(media.storageKey);
    },

    // The first admin API's shapes, by WhatsApp number (kept for its clients).
    async handoffs(c: InboxCompany) {
      return { handoffs: await listHandoffs(dbOf(c), clock()) };
    },

    async releaseByWaId(c: InboxCompany, waId: string) {
      const db = dbOf(c);
      const customer = await findCustomerByWaId(db, waId);
      if (!customer) throw new AppError('NOT_FOUND', m.customerNotFound);
      const { customerNotified } = await this.returnToBot(c, customer.id).catch(async (err: unknown) => {
        // A customer who never wrote has no conversation row: nothing to release.
        if (err instanceof AppError && err.code === 'NOT_FOUND') return { customerNotified: false };
        throw err;
      });
      return { released: true, customerNotified };
    },

    async customerLog(c: InboxCompany, waId: string) {
      const db = dbOf(c);
      const customer = await findCustomerByWaId(db, waId);
      if (!customer) throw new AppError('NOT_FOUND', m.customerNotFound);
      return { customer, messages: await listCustomerMessages(db, customer.id, 500) };
    },

    /** The approved templates staff may send outside the 24-hour window (the reply box offers them). */
    async templates(c: InboxCompany) {
      return { templates: (await shopOf(c)).templates };
    },

    async bot(c: InboxCompany) {
      const full = await deps.companies.getCompany(c.slug);
      return { enabled: full.botEnabled };
    },

    async setBot(c: InboxCompany, enabled: boolean) {
      await deps.companies.updateCompany(c.slug, { botEnabled: enabled });
      return { enabled };
    },
  };
}

async function assignIfNobody(tx: Parameters<typeof assignConversation>[0], schema: string, customerId: string, userId: string) {
  const row = await findConversation(tx, schema, customerId);
  if (row && !row.assigned_user_id) await assignConversation(tx, schema, customerId, userId);
}

export type ConversationsService = ReturnType<typeof createConversationsService>;
