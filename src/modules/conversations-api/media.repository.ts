import { Prisma } from '../../generated/tenant/client.ts';
import type { TenantClient, TenantTx } from '../../platform/db/clients.ts';

type Db = TenantClient | TenantTx;
import { quotedSchema } from '../../platform/db/tenant-scope.ts';

// message_media: a customer's media from the provider reference to the stored copy.

const t = (schema: string, table: string) => Prisma.raw(`${quotedSchema(schema)}."${table}"`);

export type InboundMediaMessage = { id: bigint; customerId: string | null; type: string; payload: unknown; mediaStatus: string | null; storageKey: string | null };

/** The inbound message logged for an inbox message, with its media row when one exists. */
export async function findInboundForMedia(db: Db, schema: string, inboxId: bigint): Promise<InboundMediaMessage | null> {
  const rows = await db.$queryRaw<{ id: bigint; customer_id: string | null; type: string; payload: unknown; status: string | null; storage_key: string | null }[]>(Prisma.sql`
    SELECT m.id, m.customer_id, m.type, m.payload, mm.status, mm.storage_key
    FROM ${t(schema, 'messages')} m LEFT JOIN ${t(schema, 'message_media')} mm ON mm.message_id = m.id
    WHERE m.direction = 'inbound' AND m.inbox_id = ${inboxId}`);
  const r = rows[0];
  return r ? { id: r.id, customerId: r.customer_id, type: r.type, payload: r.payload, mediaStatus: r.status, storageKey: r.storage_key } : null;
}

export async function ensureMediaRow(db: Db, schema: string, row: { messageId: bigint; kind: string; providerRef: string; mimeType: string | null }): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    INSERT INTO ${t(schema, 'message_media')} (message_id, kind, provider_ref, mime_type, status, updated_at)
    VALUES (${row.messageId}, ${row.kind}, ${row.providerRef}, ${row.mimeType}, 'pending', now())
    ON CONFLICT (message_id) DO NOTHING`);
}

export async function recordMediaStored(db: Db, schema: string, messageId: bigint, stored: { key: string; mimeType: string; size: number }): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    UPDATE ${t(schema, 'message_media')}
    SET status = 'stored', storage_key = ${stored.key}, mime_type = ${stored.mimeType}, size_bytes = ${stored.size},
        attempts = attempts + 1, error = NULL, updated_at = now()
    WHERE message_id = ${messageId}`);
}

/** A failed attempt; `final`: the job gives up and the message shows the media as failed. */
export async function recordMediaFailure(db: Db, schema: string, messageId: bigint, error: string, final: boolean): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    UPDATE ${t(schema, 'message_media')}
    SET attempts = attempts + 1, error = left(${error}, 500), status = CASE WHEN ${final} THEN 'failed' ELSE status END, updated_at = now()
    WHERE message_id = ${messageId} AND status <> 'stored'`);
}

export async function findStoredMedia(db: Db, schema: string, customerId: string, messageId: bigint): Promise<{ status: string; storageKey: string | null; mimeType: string | null } | null> {
  const rows = await db.$queryRaw<{ status: string; storage_key: string | null; mime_type: string | null }[]>(Prisma.sql`
    SELECT mm.status, mm.storage_key, mm.mime_type
    FROM ${t(schema, 'message_media')} mm JOIN ${t(schema, 'messages')} m ON m.id = mm.message_id
    WHERE mm.message_id = ${messageId} AND m.customer_id = ${customerId}::uuid`);
  const r = rows[0];
  return r ? { status: r.status, storageKey: r.storage_key, mimeType: r.mime_type } : null;
}
