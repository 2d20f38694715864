import type { TenantTx } from '../../platform/db/clients.ts';
import { Prisma } from '../../generated/tenant/client.ts';
import type { Customer, CustomerAddress } from '../../generated/tenant/client.ts';
import { quotedSchema } from './schema-name.ts';
import type { HandoffEntry } from './customers.types.ts';

export type { Customer, CustomerAddress };

/** Finds the customer by WhatsApp id or creates it; `created` tells whether this call created it. */
export async function findOrCreateCustomer(
  tx: TenantTx,
  waId: string,
  name: string | null,
): Promise<{ customer: Customer; created: boolean }> {
  const found = await tx.customer.findUnique({ where: { waId } });
  if (found) return { customer: found, created: false };
  const { count } = await tx.customer.createMany({
    data: [{ waId, name, phoneNumber: waId }],
    skipDuplicates: true,
  });
  const customer = await tx.customer.findUniqueOrThrow({ where: { waId } });
  return { customer, created: count === 1 };
}

export async function findCustomerByWaId(tx: TenantTx, waId: string): Promise<Customer | null> {
  return tx.customer.findUnique({ where: { waId } });
}

/**
 * Serializes work on one customer's conversation inside the caller's transaction. The queue
 * already keeps a conversation in order; this makes a second worker wait instead of racing.
 */
export async function lockCustomer(tx: TenantTx, schema: string, customerId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM ${Prisma.raw(quotedSchema(schema))}."customers" WHERE id = ${customerId}::uuid FOR UPDATE`;
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
