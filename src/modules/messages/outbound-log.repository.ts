import { preparedQuery } from '../../platform/db/clients.ts';
import { quotedSchema, type TenantPool } from '../../platform/db/tenant-scope.ts';
import { STATUS_RANK } from './message-status.ts';

// The sender's statements on the message log: claiming replies, recording what the provider
// answered, and finding the replies left unsettled. Raw `pg` on the tenant's schema through the
// company's pool: these run for every reply.

const table = (log: TenantPool) => `${quotedSchema(log.schema)}.messages`;
const secs = (param: string) => `make_interval(secs => ${param}::float8 / 1000)`;

// The provider's answer to a send is written as `accepted`, unless a status got there first.
const ACCEPTED_STATUS_SQL = `CASE WHEN m.status_rank < ${STATUS_RANK.accepted} THEN 'accepted' ELSE m.status END`;
const ACCEPTED_RANK_SQL = `GREATEST(m.status_rank, ${STATUS_RANK.accepted})`;
const INTERRUPTED = 'interrupted while sending; sent again only if no status comes';

export type SendTimings = {
  /** How long a reply is retried (from its creation) before it is failed for good. */
  retryHorizonMs: number;
  /** How long a reply whose outcome is unknown waits for a status before it is sent again. */
  unknownGraceMs: number;
};

export type Accepted = { id: bigint; providerMessageId: string };
export type WaveClaim = { id: string; outcome: 'claimed' | 'blocked' | 'interrupted'; recipient: string | null; due: Date | null };

/**
 * One statement for a wave of replies: writes the `accepted` results so far (never below a
 * status that already arrived), turns rows of `inboxIds` left `sending` by a crashed attempt into
 * `unknown`, and claims `ids` (pending → sending) unless an earlier row of their conversation is
 * unsettled (`blocked`). Only the parts with something to do are in the statement (one text per
 * combination, each prepared once): PostgreSQL plans it on every call (a custom plan costs less
 * than a generic one that guesses the arrays' lengths), and each part is another scan of the
 * message log to plan. Planning on a million-row log: 0.49 ms with every part, 0.18 ms for the
 * results alone (the statement after a call's last wave); bench, per 5,400 messages: these
 * statements' planning and execution 6.2 s → 4.4 s.
 */
export async function claimWave(log: TenantPool, wave: { inboxIds: string[]; ids: string[]; accepted: Accepted[] }, t: SendTimings): Promise<WaveClaim[]> {
  const parts = { accepted: wave.accepted.length > 0, interrupted: wave.inboxIds.length > 0, claimed: wave.ids.length > 0 };
  if (!parts.accepted && !parts.interrupted && !parts.claimed) return [];
  const { rows } = await log.pool.query<WaveClaim>(preparedQuery(claimWaveSql(log.schema, parts), [
    wave.inboxIds, wave.ids, wave.accepted.map((a) => a.id.toString()), wave.accepted.map((a) => a.providerMessageId), t.unknownGraceMs, t.retryHorizonMs,
  ]));
  return rows;
}

/**
 * The wave statement with the parts asked for. Parameters: $1 inbox ids, $2 row ids to claim,
 * $3/$4 accepted row ids and provider ids, $5 unknown grace, $6 retry horizon (ms); parts left
 * out still name theirs in a no-op, so every text takes the same six.
 */
function claimWaveSql(schema: string, parts: { accepted: boolean; interrupted: boolean; claimed: boolean }): string {
  const messages = `${quotedSchema(schema)}.messages`;
  const ctes: string[] = [];
  const results: string[] = [];
  const unused: string[] = [];
  if (parts.accepted) {
    ctes.push(`accepted AS (
       UPDATE ${messages} m SET provider_message_id = a.pid, status = ${ACCEPTED_STATUS_SQL}, status_rank = ${ACCEPTED_RANK_SQL},
         sent_at = now(), updated_at = now(), next_attempt_at = NULL
       FROM unnest($3::bigint[], $4::text[]) AS a(id, pid) WHERE m.id = a.id
       RETURNING m.id)`);
  } else unused.push('$3::bigint[]', '$4::text[]');
  if (parts.interrupted) {
    ctes.push(`interrupted AS (
       UPDATE ${messages} SET status = 'unknown', status_rank = ${STATUS_RANK.unknown}, updated_at = now(),
         next_attempt_at = now() + ${secs('$5')},
         error_title = '${INTERRUPTED}'
       WHERE inbox_id = ANY($1::bigint[]) AND direction = 'outbound' AND status = 'sending'
         AND id <> ALL($3::bigint[])
       RETURNING id, recipient, next_attempt_at)`);
    results.push(`SELECT id::text, 'interrupted', recipient, next_attempt_at FROM interrupted`);
  } else unused.push('$1::bigint[]', '$5::float8');
  if (parts.claimed) {
    ctes.push(`claimed AS (
       UPDATE ${messages} r SET status = 'sending', status_rank = ${STATUS_RANK.sending}, attempts = attempts + 1, updated_at = now()
       WHERE r.id = ANY($2::bigint[]) AND r.status = 'pending'
         AND NOT EXISTS (
           SELECT 1 FROM ${messages} o
           WHERE o.recipient = r.recipient AND o.direction = 'outbound'
             AND o.created_at > now() - ${secs('$6')} AND o.id < r.id
             AND o.status IN ('retry', 'unknown', 'sending') AND o.id <> ALL($3::bigint[]))
       RETURNING r.id)`);
    results.unshift(`SELECT id::text, 'claimed' AS outcome, NULL AS recipient, NULL::timestamptz AS due FROM claimed`);
    results.push(`SELECT p.id::text, 'blocked', p.recipient, NULL FROM ${messages} p
     WHERE p.id = ANY($2::bigint[]) AND p.status = 'pending' AND p.id NOT IN (SELECT id FROM claimed)`);
  } else unused.push('$2::bigint[]', '$6::float8');
  // The first SELECT names the columns' types: without a claim, one that returns nothing.
  if (!parts.claimed) results.unshift(`SELECT NULL::text AS id, NULL::text AS outcome, NULL::text AS recipient, NULL::timestamptz AS due WHERE false`);
  if (unused.length > 0) results.push(`SELECT NULL, NULL, NULL, NULL WHERE ${unused.map((u) => `${u} IS NULL`).join(' AND ')} AND false`);
  return `WITH ${ctes.join(', ')}\n     ${results.join('\n     UNION ALL\n     ')}`;
}

/** The provider accepted one reply (the send job's path; waves record theirs with the next claim). */
export async function recordAccepted(log: TenantPool, accepted: Accepted): Promise<void> {
  await log.pool.query(`UPDATE ${table(log)} m SET provider_message_id = $2, status = ${ACCEPTED_STATUS_SQL}, status_rank = ${ACCEPTED_RANK_SQL},
       sent_at = now(), updated_at = now(), next_attempt_at = NULL, error_code = NULL, error_title = NULL
     WHERE id = $1`, [accepted.id.toString(), accepted.providerMessageId]);
}

export type SendFailure = {
  id: bigint;
  code?: number;
  /** The readable cause (and the provider's title), kept on the row. */
  title: string;
  /** retry: a passing failure; unknown: the provider may have it; undefined: permanent. */
  waiting?: 'retry' | 'unknown';
  /** When it is due again. */
  delayMs: number;
};

/**
 * Records a send that did not succeed. Permanent: failed. Passing or unknown: `retry` /
 * `unknown` until `next_attempt_at` (failed instead once past the horizon). Only a row still
 * `sending` is touched, so a status that settled it while the send was in flight is never
 * overwritten: then undefined is returned.
 */
export async function recordSendFailure(log: TenantPool, f: SendFailure, t: Pick<SendTimings, 'retryHorizonMs'>): Promise<{ status: string; nextAttemptAt: Date | null } | undefined> {
  const { rows } = await log.pool.query<{ status: string; next_attempt_at: Date | null }>(
    `UPDATE ${table(log)} SET
       status = CASE WHEN $4::text IS NULL OR created_at < now() - ${secs('$5')} THEN 'failed' ELSE $4::text END,
       status_rank = CASE WHEN $4::text IS NULL OR created_at < now() - ${secs('$5')} THEN ${STATUS_RANK.failed}
                          ELSE $6::int END,
       next_attempt_at = now() + ${secs('$7')},
       error_code = $2, error_title = $3, updated_at = now()
     WHERE id = $1 AND status = 'sending' RETURNING status, next_attempt_at`,
    [f.id.toString(), f.code ?? null, f.title.slice(0, 500), f.waiting ?? null, t.retryHorizonMs, f.waiting ? STATUS_RANK[f.waiting] : 0, f.delayMs],
  );
  return rows[0] && { status: rows[0].status, nextAttemptAt: rows[0].next_attempt_at };
}

/** Hands claimed rows that were not sent back to `pending` (an earlier row of theirs is waiting). */
export async function releaseClaims(log: TenantPool, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  await log.pool.query(`UPDATE ${table(log)} SET status = 'pending', status_rank = ${STATUS_RANK.pending}, updated_at = now()
     WHERE id = ANY($1::bigint[]) AND status = 'sending'`, [ids.map((id) => id.toString())]);
}

export type UnsettledReply = { id: string; recipient: string; payload: unknown; status: string; nextAttemptAt: Date | null; attempts: number; expired: boolean };

/**
 * A conversation's unsettled replies (pending, sending, retry, unknown), oldest first, for its
 * send job. Rows found `sending` were left by a crash (the conversation's queue runs one job at
 * a time): they become `unknown`, due after the grace. `expired`: past the retry horizon.
 */
export async function unsettledReplies(log: TenantPool, waId: string, t: SendTimings): Promise<UnsettledReply[]> {
  const { rows } = await log.pool.query<Omit<UnsettledReply, 'nextAttemptAt'> & { next_attempt_at: Date | null }>(
    `WITH crashed AS (
       UPDATE ${table(log)} SET status = 'unknown', status_rank = ${STATUS_RANK.unknown},
         next_attempt_at = updated_at + ${secs('$2')},
         error_title = '${INTERRUPTED}'
       WHERE recipient = $1 AND direction = 'outbound' AND status = 'sending'
       RETURNING id
     )
     SELECT id::text, recipient, payload, CASE WHEN id IN (SELECT id FROM crashed) THEN 'unknown' ELSE status END AS status,
            CASE WHEN id IN (SELECT id FROM crashed) THEN updated_at + ${secs('$2')} ELSE next_attempt_at END AS next_attempt_at,
            attempts, created_at < now() - ${secs('$3')} AS expired
     FROM ${table(log)} m
     WHERE recipient = $1 AND direction = 'outbound' AND status IN ('pending', 'sending', 'retry', 'unknown')
     ORDER BY m.id -- the bigint, not the text it is selected as ('14' < '4')`,
    [waId, t.unknownGraceMs, t.retryHorizonMs],
  );
  return rows.map(({ next_attempt_at, ...r }) => ({ ...r, nextAttemptAt: next_attempt_at }));
}

/** Claims one reply from the state it was read in (a status that settled it meanwhile wins). */
export async function claimReply(log: TenantPool, id: string, fromStatus: string): Promise<boolean> {
  const claimed = await log.pool.query(`UPDATE ${table(log)} SET status = 'sending', status_rank = ${STATUS_RANK.sending}, attempts = attempts + 1, updated_at = now()
     WHERE id = $1 AND status = $2`, [id, fromStatus]);
  return (claimed.rowCount ?? 0) > 0;
}

/** Fails a reply that will never be sent (past the horizon, unreadable), unless it left `fromStatus` meanwhile. */
export async function failReply(log: TenantPool, id: string, cause: string, fromStatus: string): Promise<void> {
  await log.pool.query(`UPDATE ${table(log)} SET status = 'failed', status_rank = ${STATUS_RANK.failed}, error_title = left(COALESCE(error_title || ' — ', '') || $2, 500), updated_at = now()
     WHERE id = $1 AND status = $3`, [id, cause, fromStatus]);
}

/**
 * Conversations with replies left unsent and untouched for longer than `staleMs`, past when
 * they were due (pending or sending: their job was lost, or their worker died; retry or
 * unknown: their send job is late or gone), with when the first is due. Rows just recorded are
 * left out: their sender schedules their job right after.
 */
export async function unsettledConversations(log: TenantPool, staleMs: number, t: Pick<SendTimings, 'retryHorizonMs'>): Promise<{ waId: string; due: Date }[]> {
  const { rows } = await log.pool.query<{ recipient: string; due: Date }>(
    `SELECT recipient, COALESCE(min(next_attempt_at), now()) AS due FROM ${table(log)}
     WHERE direction = 'outbound' AND status IN ('pending', 'sending', 'retry', 'unknown')
       AND created_at > now() - ${secs('$2')} - interval '1 hour'
       AND updated_at < now() - ${secs('$1')}
       AND COALESCE(next_attempt_at, updated_at) < now() - ${secs('$1')}
     GROUP BY recipient`,
    [staleMs, t.retryHorizonMs],
  );
  return rows.map((r) => ({ waId: r.recipient, due: r.due }));
}

/** The last message each of these customers was sent (its stored payload), by number. */
export async function lastSentPayloads(log: TenantPool, waIds: string[]): Promise<Map<string, unknown>> {
  const schema = quotedSchema(log.schema);
  const { rows } = await log.pool.query<{ wa_id: string; payload: unknown }>(
    `SELECT c.wa_id, m.payload FROM ${schema}.customers c
     CROSS JOIN LATERAL (
       SELECT o.payload FROM ${schema}.messages o
       WHERE o.customer_id = c.id AND o.direction = 'outbound' AND o.recipient = c.wa_id
       ORDER BY o.created_at DESC, o.id DESC LIMIT 1) m
     WHERE c.wa_id = ANY($1::text[])`,
    [waIds],
  );
  return new Map(rows.map((r) => [r.wa_id, r.payload]));
}
