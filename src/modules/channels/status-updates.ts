import { preparedQuery } from '../../platform/db/clients.ts';
import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import { quotedSchema } from '../customers/index.ts';
import { STATUS_RANK, type ProviderStatus } from './message-status.ts';

export type StatusUpdate = { providerMessageId: string; status: ProviderStatus; at: Date; errorCode?: number; errorTitle?: string };

/** For each message id of the batch: whether the log has it, and whether the batch raised its status. */
export type StatusOutcome = Map<string, { updated: boolean }>;

/**
 * Writes a batch of delivery statuses onto a company's message log in one statement. Per message
 * the highest status wins and a status never moves down, so a late `delivered` never undoes
 * `read`; `delivered_at` / `read_at` are filled from the batch's statuses of that kind when the
 * message had not reached them yet. Raw `pg` on the tenant schema: it runs for every status.
 */
export function createStatusWriter(pools: PoolRegistry) {
  return async (channel: ResolvedChannel, updates: StatusUpdate[]): Promise<StatusOutcome> => {
    const table = `${quotedSchema(channel.company.db.schema)}.messages`;
    const { rows } = await pools.get(channel.company.db.url).query<{ pid: string; updated: boolean }>(
      preparedQuery(
        `WITH s AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::int[], $6::text[])
             AS s(pid, status, rank, at, code, title)
         ), best AS (
           SELECT pid, (array_agg(status ORDER BY rank DESC))[1] AS status, max(rank) AS rank,
                  min(at) FILTER (WHERE status = 'delivered') AS delivered_at,
                  min(at) FILTER (WHERE status = 'read') AS read_at,
                  (array_agg(code ORDER BY rank DESC) FILTER (WHERE code IS NOT NULL))[1] AS code,
                  (array_agg(title ORDER BY rank DESC) FILTER (WHERE code IS NOT NULL))[1] AS title
           FROM s GROUP BY pid
         ), raised AS (
           UPDATE ${table} m SET status = b.status, status_rank = b.rank,
             delivered_at = CASE WHEN m.status_rank < ${STATUS_RANK.delivered} THEN COALESCE(b.delivered_at, m.delivered_at) ELSE m.delivered_at END,
             read_at = CASE WHEN m.status_rank < ${STATUS_RANK.read} THEN COALESCE(b.read_at, m.read_at) ELSE m.read_at END,
             error_code = COALESCE(b.code, m.error_code), error_title = COALESCE(b.title, m.error_title), updated_at = now()
           FROM best b WHERE m.provider_message_id = b.pid AND m.status_rank < b.rank
           RETURNING m.provider_message_id
         )
         SELECT m.provider_message_id AS pid, EXISTS (SELECT 1 FROM raised r WHERE r.provider_message_id = m.provider_message_id) AS updated
         FROM ${table} m WHERE m.provider_message_id = ANY($1::text[])`,
        [
          updates.map((u) => u.providerMessageId),
          updates.map((u) => u.status),
          updates.map((u) => STATUS_RANK[u.status]),
          updates.map((u) => u.at),
          updates.map((u) => u.errorCode ?? null),
          updates.map((u) => u.errorTitle ?? null),
        ],
      ),
    );
    return new Map(rows.map((r) => [r.pid, { updated: r.updated }]));
  };
}

export type StatusWriter = ReturnType<typeof createStatusWriter>;
