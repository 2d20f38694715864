// The conversation state kept in customer_sessions.data, validated with zod when read back:
// a session written by an older version (or edited by hand) falls back to a fresh one.
import { z } from 'zod';

const decimal = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/);
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = z.string().regex(UUID);

export const cartLineSchema = z.object({
  productId: id,
  name: z.string(),
  unit: z.string(),
  price: decimal,
  quantity: decimal,
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const deliverySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), addressId: id, label: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(500) }),
  z.object({
    kind: z.literal('pin'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    // The place name/address WhatsApp sent with the pin, if any.
    address: z.string().max(500).nullable(),
  }),
  // The customer picks the order up at the shop (no delivery fee).
  z.object({ kind: z.literal('pickup') }),
]);
export type Delivery = z.infer<typeof deliverySchema>;

/** A location pin the customer sent, kept for their order until it is placed or dropped. */
export const keptPinSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(200).nullable(),
  address: z.string().max(500).nullable(),
});
export type KeptPin = z.infer<typeof keptPinSchema>;

/** When the customer asked for the order ("para mañana en la tarde"): their words and the window (ISO). */
export const requestedSchema = z.object({
  text: z.string().min(1).max(200),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
});
export type RequestedInSession = z.infer<typeof requestedSchema>;

const parsedLineSchema = z.object({
  productQuery: z.string(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
});
export type QueuedLine = z.infer<typeof parsedLineSchema>;

const baseStates = [
  z.object({ step: z.literal('menu') }),
  z.object({ step: z.literal('catalog'), page: z.number().int().min(0) }),
  z.object({ step: z.literal('product'), productId: id }),
  z.object({ step: z.literal('pick'), page: z.number().int().min(0) }),
  z.object({
    step: z.literal('choose'),
    query: z.string(),
    options: z.array(id).min(1).max(10),
    quantity: z.number().nullable(),
    unit: z.string().nullable(),
  }),
  z.object({ step: z.literal('quantity'), productId: id, mode: z.enum(['add', 'set']) }),
  z.object({ step: z.literal('cart') }),
  z.object({ step: z.literal('edit') }),
  z.object({ step: z.literal('address'), addressIds: z.array(id).max(2) }),
  z.object({ step: z.literal('confirm') }),
  z.object({ step: z.literal('advisor') }),
  // "¿Cancelo tu pedido P-1003?": a placed order the customer asked to cancel.
  z.object({ step: z.literal('cancel_order'), orderCode: z.string().min(1).max(40) }),
] as const;

export const baseStateSchema = z.discriminatedUnion('step', [...baseStates]);
export type BaseState = z.infer<typeof baseStateSchema>;

export const stateSchema = z.discriminatedUnion('step', [
  ...baseStates,
  z.object({ step: z.literal('resume'), back: baseStateSchema }),
]);
export type State = z.infer<typeof stateSchema>;
export type Step = State['step'];

/** Every step a stored session may hold; each one must be declared by a flow (flows/registry.ts). */
export const STEP_NAMES: readonly string[] = stateSchema.options.map((o) => o.shape.step.value);

export const sessionDataSchema = z.object({
  state: stateSchema,
  cart: z.array(cartLineSchema).max(30).default([]),
  delivery: deliverySchema.nullable().default(null),
  queue: z.array(parsedLineSchema).max(10).default([]),
  // Day (YYYY-MM-DD, shop time) the "can't answer right now" notice was last sent.
  limitNoticeDay: z.string().nullable().default(null),
  // Whether the customer has placed an order, looked up once per session (null: not yet) so the
  // main menu, the screen shown most, does not ask the database on every message.
  ordered: z.boolean().nullable().default(null),
  pin: keptPinSchema.nullable().default(null),
  requested: requestedSchema.nullable().default(null),
  // Messages not understood in a row: the first gets the options, then a shorter hint, then a person.
  misses: z.number().int().min(0).max(1000).default(0),
  // The AI agent's memory of this customer (recent turns, a running summary, a pending order
  // confirmation): the agent module reads it with its own schema.
  agent: z.unknown().optional(),
});
export type SessionData = z.infer<typeof sessionDataSchema>;

export const freshSession = (): SessionData => ({
  state: { step: 'menu' },
  cart: [],
  delivery: null,
  queue: [],
  limitNoticeDay: null,
  ordered: null,
  pin: null,
  requested: null,
  misses: 0,
});
