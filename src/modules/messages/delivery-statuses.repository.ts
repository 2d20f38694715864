import { preparedQuery } from '../../platform/db/clients.ts';
import { quotedSchema, type TenantPool } from '../../platform/db/tenant-scope.ts';
import { STATUS_RANK, type ProviderStatus } from './message-status.ts';

export type StatusUpdate = {
  providerMessageId: string;
  status: ProviderStatus;
  at: Date;
  errorCode?: number;
  errorTitle?: string;
  /** The row our send named, echoed by the provider (Meta's biz_opaque_callback_data, Twilio's status URL). */
  rowId?: bigint;
};

/** For each message id of the batch: whether the log has it, and whether the batch raised its status. */
export type StatusOutcome = Map<string, { updated: boolean; raised?: { messageId: string; customerId: string | null; status: string } }>;

/**
 * Writes a batch of delivery statuses onto a company's message log in one statement. Per message
 * the highest status wins and a status never moves down, so a late `delivered` never undoes
 * `read`; `delivered_at` / `read_at` are filled from the batch's statuses of that kind when the
 * message had not reached them yet. A status is matched by the provider's message id or, for a
 * reply whose send answer never came (so its id was never recorded), by the row id the provider
 * echoed (Meta's biz_opaque_callback_data, Twilio's StatusCallback URL): that settles the reply
 * and records its id. Raw `pg` on the tenant schema: it runs for every status.
 */
export async function applyStatuses(log: TenantPool, updates: StatusUpdate[]): Promise<StatusOutcome> {
  const table = `${quotedSchema(log.schema)}.messages`;
  const { rows } = await log.pool.query<{ pid: string; updated: boolean; mid: string | null; customer_id: string | null; status: string | null }>(
    preparedQuery(
      `WITH s AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::int[], $6::text[], $7::bigint[])
           AS s(pid, status, rank, at, code, title, row_id)
       ), best AS (
         SELECT pid, (array_agg(status ORDER BY rank DESC))[1] AS status, max(rank) AS rank, max(row_id) AS row_id,
                min(at) FILTER (WHERE status = 'delivered') AS delivered_at,
                min(at) FILTER (WHERE status = 'read') AS read_at,
                (array_agg(code ORDER BY rank DESC) FILTER (WHERE code IS NOT NULL))[1] AS code,
                (array_agg(title ORDER BY rank DESC) FILTER (WHERE code IS NOT NULL))[1] AS title
         FROM s GROUP BY pid
       ), target AS (
         SELECT b.*, m.id AS mid FROM best b JOIN ${table} m ON m.provider_message_id = b.pid
         UNION ALL
         SELECT b.*, m.id FROM best b JOIN ${table} m
           ON b.row_id IS NOT NULL AND m.id = b.row_id AND m.direction = 'outbound' AND m.provider_message_id IS NULL
         WHERE NOT EXISTS (SELECT 1 FROM ${table} k WHERE k.provider_message_id = b.pid)
       ), raised AS (
         UPDATE ${table} m SET provider_message_id = t.pid, status = t.status, status_rank = t.rank,
           delivered_at = CASE WHEN m.status_rank < ${STATUS_RANK.delivered} THEN COALESCE(t.delivered_at, m.delivered_at) ELSE m.delivered_at END,
           read_at = CASE WHEN m.status_rank < ${STATUS_RANK.read} THEN COALESCE(t.read_at, m.read_at) ELSE m.read_at END,
           sent_at = COALESCE(m.sent_at, now()),
           error_code = COALESCE(t.code, m.error_code), error_title = COALESCE(t.title, m.error_title), updated_at = now()
         FROM target t WHERE m.id = t.mid AND m.status_rank < t.rank
         RETURNING t.pid, m.id AS mid, m.customer_id, t.status
       )
       SELECT t.pid, r.pid IS NOT NULL AS updated, r.mid::text AS mid, r.customer_id, r.status
       FROM target t LEFT JOIN (SELECT DISTINCT ON (pid) * FROM raised) r ON r.pid = t.pid`,
      [
        updates.map((u) => u.providerMessageId),
        updates.map((u) => u.status),
        updates.map((u) => STATUS_RANK[u.status]),
        updates.map((u) => u.at),
        updates.map((u) => u.errorCode ?? null),
        updates.map((u) => u.errorTitle ?? null),
        updates.map((u) => u.rowId?.toString() ?? null),
      ],
    ),
  );
  // What was raised (message, customer, status): the staff inbox's live events.
  return new Map(rows.map((r) => [r.pid, { updated: r.updated, ...(r.updated && r.mid ? { raised: { messageId: r.mid, customerId: r.customer_id, status: r.status ?? '' } } : {}) }]));
}
