import type { TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import type { Customer, CustomerAddress } from '../../generated/tenant/client.ts';
import { quotedSchema } from '../../platform/db/tenant-scope.ts';
import type { HandoffEntry } from './customers.types.ts';

export type { Customer, CustomerAddress };

export type CustomerRow = {
  id: string;
  wa_id: string;
  name: string | null;
  phone_number: string | null;
  first_contact_at: Date;
  bot_paused_until: Date | null;
  handoff_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  waId: r.wa_id,
  name: r.name,
  phoneNumber: r.phone_number,
  firstContactAt: r.first_contact_at,
  botPausedUntil: r.bot_paused_until,
  handoffAt: r.handoff_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const CUSTOMER_COLUMNS = Prisma.raw('id::text AS id, wa_id, name, phone_number, first_contact_at, bot_paused_until, handoff_at, created_at, updated_at');

/**
 * The customers' rows (CustomerRow columns plus `created`) for several numbers at once, locked
 * for the rest of the transaction (in number order, so two transactions cannot deadlock); new
 * numbers are inserted (and so locked too). The queue already runs a conversation one message at
 * a time; the lock makes a second worker wait instead of racing on the session. A number has no
 * row only when another transaction inserted it at that instant. A list of CTEs (data-modifying
 * ones must sit at the top level of a statement) whose last one, `${as}`, holds the rows.
 */
export const lockOrCreateCustomersCtes = (schema: string, numbers: { waId: string; name: string | null }[], as: string) => {
  const table = Prisma.raw(`${quotedSchema(schema)}."customers"`);
  const waIds = numbers.map((n) => n.waId);
  return Prisma.sql`
    customer_input AS (SELECT * FROM unnest(${waIds}::text[], ${numbers.map((n) => n.name)}::text[]) AS i(wa_id, name)),
    customer_found AS (
      SELECT ${CUSTOMER_COLUMNS} FROM ${table} WHERE wa_id = ANY(${waIds}::text[]) ORDER BY wa_id FOR UPDATE),
    customer_inserted AS (
      INSERT INTO ${table} (id, wa_id, name, phone_number, first_contact_at, created_at, updated_at)
      SELECT gen_random_uuid(), i.wa_id, i.name, i.wa_id, now(), now(), now() FROM customer_input i
      WHERE NOT EXISTS (SELECT 1 FROM customer_found f WHERE f.wa_id = i.wa_id)
      ORDER BY i.wa_id
      ON CONFLICT (wa_id) DO NOTHING
      RETURNING ${CUSTOMER_COLUMNS}),
    ${Prisma.raw(as)} AS (SELECT *, false AS created FROM customer_found UNION ALL SELECT *, true AS created FROM customer_inserted)`;
};

export async function findCustomerByWaId(tx: TenantTx, waId: string): Promise<Customer | null> {
  return tx.customer.findUnique({ where: { waId } });
}

export async function pauseBot(tx: TenantTx, customerId: string, until: Date, at: Date): Promise<void> {
  await tx.customer.update({ where: { id: customerId }, data: { botPausedUntil: until, handoffAt: at } });
}

export async function clearBotPause(tx: TenantTx, customerId: string): Promise<void> {
  await tx.customer.update({ where: { id: customerId }, data: { botPausedUntil: null, handoffAt: null } });
}

export async function listRecentAddresses(tx: TenantTx, customerId: string, take: number): Promise<CustomerAddress[]> {
  return tx.customerAddress.findMany({
    where: { customerId },
    orderBy: [{ isPrimary: 'desc' }, { createdAt: 'desc' }],
    take,
  });
}

export async function findAddress(tx: TenantTx, customerId: string, addressId: string): Promise<CustomerAddress | null> {
  return tx.customerAddress.findFirst({ where: { id: addressId, customerId } });
}

export type NewAddress = { text: string | null; latitude: number | null; longitude: number | null };

/** Saves a delivery address, reusing an identical one the customer already has. */
export async function saveAddress(tx: TenantTx, customerId: string, input: NewAddress): Promise<CustomerAddress> {
  const latitude = input.latitude === null ? null : new Prisma.Decimal(input.latitude.toFixed(6));
  const longitude = input.longitude === null ? null : new Prisma.Decimal(input.longitude.toFixed(6));
  const existing = await tx.customerAddress.findFirst({
    where: {
      customerId,
      address: input.text === null ? null : { equals: input.text, mode: 'insensitive' },
      latitude,
      longitude,
    },
  });
  if (existing) return existing;
  return tx.customerAddress.create({ data: { customerId, address: input.text, latitude, longitude } });
}

/** Customers whose chat is with a person right now (pause still in the future). */
export async function listPausedCustomers(tx: TenantTx, now: Date): Promise<HandoffEntry[]> {
  const rows = await tx.customer.findMany({
    where: { botPausedUntil: { gt: now } },
    orderBy: [{ handoffAt: 'asc' }, { id: 'asc' }],
    select: { id: true, waId: true, name: true, handoffAt: true, botPausedUntil: true },
  });
  return rows.flatMap((r) =>
    r.botPausedUntil ? [{ customerId: r.id, waId: r.waId, name: r.name, handoffAt: r.handoffAt, botPausedUntil: r.botPausedUntil }] : [],
  );
}
