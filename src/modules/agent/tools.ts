// The agent's tools: the same reads and turn effects the menu's flows use. Arguments are
// validated with zod; every price, stock, total and order code the model can say comes from
// here (and each amount handed out is remembered, so a reply quoting any other is refused).
// Tools never write: the cart is the session's, an order, a saved address and a handoff are
// turn effects written by the commit under lock (and re-checked there).
import { z } from 'zod';
import { Prisma } from '../../generated/tenant/client.ts';
import { findActiveProduct, findProductsByIds, formatAmount, formatMoney, listAllActiveProducts, type Product } from '../catalog/index.ts';
import { buttonsReply, findProductsByText, listReply, textReply, type Reply, type Turn } from '../conversations/index.ts';
import { findAddress } from '../customers/index.ts';
import { adminNewOrderParams, adminNewOrderText, findCustomerOrder, findOrderByCode, listRecentOrders } from '../orders/index.ts';
import { templateMessage, type ListRow } from '../messages/index.ts';
import { deliveryCharges, isOpenAt, nextOpening } from '../settings/index.ts';
import { agentTexts } from './agent.messages.ts';
import { cartHash, cartTotal, lineTotal, MAX_CART_LINES, quantityIn, setLine, type CartLine } from './cart.ts';
import { newToken, type AgentMemory } from './memory.ts';

export type ToolCallLog = { name: string; args: unknown; ok: boolean; result?: unknown; error?: string; ms: number };

export type ToolContext = {
  turn: Turn;
  memory: AgentMemory;
  /** What the customer wrote this turn (the confirmation check reads it). */
  customerText: string;
  /** Amounts (in cents) the tools handed out this turn. */
  seen: Set<number>;
  /** Set by a tool whose answer is the reply itself (an order summary, a placed order, a handoff, options). */
  terminal: Reply | null;
  handoffMinutes: number;
  /** Preview: never reserve a real order code. */
  preview: boolean;
};

export class ToolError extends Error {}

const cents = (v: Prisma.Decimal | string) => Number(new Prisma.Decimal(v).mul(100).toDecimalPlaces(0).toFixed());

function money(ctx: ToolContext, v: Prisma.Decimal | string): string {
  ctx.seen.add(cents(v));
  return formatMoney(v, ctx.turn.company);
}

const stockView = (p: Product) => (p.stock === null ? 'disponible' : p.stock.lte(0) ? 'agotado' : `quedan ${formatAmount(p.stock, p.unit)}`);

function productView(ctx: ToolContext, p: Product) {
  return { product_id: p.id, name: p.name, price: money(ctx, p.price), unit: p.unit, stock: stockView(p), ...(p.description ? { description: p.description.slice(0, 200) } : {}) };
}

function cartView(ctx: ToolContext) {
  const s = ctx.turn.session;
  const cart = s.cart as CartLine[];
  const subtotal = cartTotal(cart);
  const charges = deliveryCharges(ctx.turn.company.businessInfo, subtotal.toFixed(2), ctx.turn.session.delivery?.kind === 'pickup' ? 'pickup' : 'delivery');
  return {
    lines: cart.map((l) => ({ product_id: l.productId, name: l.name, quantity: formatAmount(l.quantity, l.unit), unit_price: money(ctx, l.price), line_total: money(ctx, lineTotal(l)) })),
    subtotal: money(ctx, subtotal),
    delivery_fee: money(ctx, charges.fee),
    total: money(ctx, charges.total),
    ...(charges.belowMinimum && charges.missingForMinimum ? { below_minimum_by: money(ctx, charges.missingForMinimum) } : {}),
    delivery: deliveryText(ctx),
  };
}

function deliveryText(ctx: ToolContext): string | null {
  const d = ctx.turn.session.delivery;
  if (!d) return null;
  if (d.kind === 'saved') return d.label;
  if (d.kind === 'text') return d.text;
  // Chosen in the menu's checkout before the agent took the chat: picked up at the shop.
  if (d.kind === 'pickup') return agentTexts.pickup;
  return d.address ?? agentTexts.pinKept;
}

const productId = z.uuid('product_id: el id que dio search_products');
const quantity = z.union([z.number(), z.string().regex(/^\d+([.,]\d+)?$/)]).transform((v) => new Prisma.Decimal(String(v).replace(',', '.')))
  .refine((d) => d.gt(0) && d.lte(10_000), 'quantity: mayor que 0');

async function activeProduct(ctx: ToolContext, id: string): Promise<Product> {
  const p = await findActiveProduct(ctx.turn.tx, id);
  if (!p) throw new ToolError('Ese producto no existe o ya no se vende. Usa search_products.');
  return p;
}

// "sí", "confirmo", "dale", "ok va": an explicit yes, with nothing that takes it back.
const YES = /^(s[ií]+|si+p?|confirm[oa]r?|confirmado|dale|ok(ay)?|va|vale|listo|de acuerdo|correcto|perfecto|claro|adelante|hazlo|h[aá]gale|[oó]rale|de una|ya po|sale|est[aá] bien|as[ií] est[aá] bien|todo bien)(?=\s|$)/i;
const TAKES_BACK = /\b(no|espera|cambi|quita|agrega|pero|mejor|otra|falta)\b/i;
export const explicitYes = (text: string) => {
  const t = text.trim().toLowerCase().replace(/[¡!¿?.,👍✅]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t.length > 0 && t.length <= 60 && YES.test(t) && !TAKES_BACK.test(t);
};

/** The confirmed order: address saved and order placed by the commit (turn effects), the shop told, the cart emptied. */
export async function placeConfirmed(ctx: ToolContext): Promise<Reply> {
  const turn = ctx.turn;
  const d = turn.session.delivery;
  if (!d) throw new ToolError('Falta la dirección de entrega.');
  const label = deliveryText(ctx) ?? '';
  let target: { addressId: string | null; address: string | null; latitude: Prisma.Decimal | number | null; longitude: Prisma.Decimal | number | null };
  if (d.kind === 'pickup') {
    target = { addressId: null, address: null, latitude: null, longitude: null };
  } else if (d.kind === 'saved') {
    const a = await findAddress(turn.tx, turn.customer.id, d.addressId);
    target = { addressId: a?.id ?? null, address: a?.address ?? d.label, latitude: a?.latitude ?? null, longitude: a?.longitude ?? null };
  } else {
    const input = d.kind === 'text' ? { text: d.text, latitude: null, longitude: null } : { text: d.address, latitude: d.latitude, longitude: d.longitude };
    const saved = await turn.effects.saveAddress(input);
    target = { addressId: saved.id, address: saved.address, latitude: saved.latitude, longitude: saved.longitude };
  }
  const window = turn.session.requested;
  const result = await turn.effects.placeOrder({
    lines: (turn.session.cart as CartLine[]).map((l) => ({ productId: l.productId, quantity: l.quantity })),
    delivery: target,
    sourceMessageId: turn.inbound.providerMessageId,
    now: turn.now,
    requested: window ? { from: new Date(window.from), to: new Date(window.to), text: window.text } : null,
    method: d.kind === 'pickup' ? 'pickup' : 'delivery',
  });
  ctx.memory.pending = null;
  if (!result.ok) {
    turn.events.push({ type: 'order_failed', detail: { reason: result.error.code, message: result.error.message, problems: result.problems, by: 'agent' } });
    return textReply(agentTexts.orderNotPlaced(result.error.message));
  }
  const order = result.order;
  turn.events.push({ type: 'order_created', detail: { orderCode: order.orderCode, total: order.total.toFixed(2), currency: order.currency, duplicate: result.duplicate, by: 'agent' } });
  const admin = turn.company.adminPhone;
  if (!result.duplicate && admin) {
    const notice = {
      orderCode: order.orderCode, customerName: turn.customer.name, customerPhone: turn.customer.phoneNumber ?? turn.customer.waId, lines: order.items, total: order.total,
      address: order.deliveryAddress, latitude: order.latitude, longitude: order.longitude, shop: turn.company, requested: window?.text ?? null,
    };
    const template = turn.company.adminOrderTemplate;
    turn.extra.push({ to: admin, customerId: null, content: template ? templateMessage(template, turn.company.locale, adminNewOrderParams(notice)) : textReply(adminNewOrderText(notice)) });
  }
  const s = turn.session;
  s.cart = [];
  s.delivery = null;
  s.queue = [];
  s.pin = null;
  s.requested = null;
  s.ordered = true;
  s.state = { step: 'menu' };
  return textReply(agentTexts.orderPlaced(order.orderCode, money(ctx, order.total), order.deliveryAddress ?? label, turn.company.businessInfo.botTexts?.orderThanks ?? null));
}

/** The summary the customer confirms: from the cart and the delivery, with a token the confirmation must name. */
function summarize(ctx: ToolContext) {
  const s = ctx.turn.session;
  const cart = s.cart as CartLine[];
  if (cart.length === 0) throw new ToolError('El carrito está vacío.');
  if (!s.delivery) throw new ToolError('Falta la dirección de entrega: pídesela al cliente y guárdala con set_delivery.');
  const view = cartView(ctx);
  const charges = deliveryCharges(ctx.turn.company.businessInfo, cartTotal(cart).toFixed(2), ctx.turn.session.delivery?.kind === 'pickup' ? 'pickup' : 'delivery');
  if (view.below_minimum_by) throw new ToolError(`El pedido no llega al mínimo: faltan ${view.below_minimum_by}.`);
  const token = newToken();
  ctx.memory.pending = { token, hash: cartHash(cart, s.delivery), turnNo: ctx.memory.turnNo };
  const lines = view.lines.map((l) => `• ${l.quantity} ${l.name} — ${l.line_total}`).join('\n');
  const fee = new Prisma.Decimal(charges.fee).gt(0) ? view.delivery_fee : null;
  ctx.terminal = buttonsReply(agentTexts.summary(lines, view.total, view.delivery ?? '', fee), [
    { id: `agent:confirm:${token}`, title: agentTexts.confirmButton },
    { id: 'agent:change', title: agentTexts.changeButton },
  ]);
  return { summary_shown: true, total: view.total, note: 'El resumen ya se le mostró al cliente con botones. Espera su confirmación.' };
}

type ToolDef<S extends z.ZodType> = { description: string; args: S; run(args: z.infer<S>, ctx: ToolContext): Promise<unknown> | unknown };
const tool = <S extends z.ZodType>(d: ToolDef<S>) => d as unknown as ToolDef<z.ZodType>;

export const TOOLS: Record<string, ToolDef<z.ZodType>> = {
  search_products: tool({
    description: 'Busca productos de la tienda por nombre (tolera errores de ortografía). Devuelve id, precio, unidad y existencias.',
    args: z.object({ query: z.string().trim().min(1).max(120) }),
    async run({ query }, ctx) {
      const found = (await findProductsByText(ctx.turn.tx, query)).slice(0, 8);
      if (found.length > 0) return { products: found.map((p) => productView(ctx, p)) };
      const some = (await listAllActiveProducts(ctx.turn.tx)).filter((p) => p.stock === null || p.stock.gt(0)).slice(0, 8);
      return { no_match: query, other_products: some.map((p) => productView(ctx, p)) };
    },
  }),
  get_product: tool({
    description: 'Detalle de un producto por su product_id.',
    args: z.object({ product_id: productId }),
    async run({ product_id }, ctx) {
      return productView(ctx, await activeProduct(ctx, product_id));
    },
  }),
  add_to_cart: tool({
    description: 'Agrega una cantidad de un producto al carrito (se suma a lo que ya había). Usa el product_id de search_products.',
    args: z.object({ product_id: productId, quantity }),
    async run({ product_id, quantity: q }, ctx) {
      const p = await activeProduct(ctx, product_id);
      const cart = ctx.turn.session.cart as CartLine[];
      if (cart.length >= MAX_CART_LINES && !cart.some((l) => l.productId === p.id)) throw new ToolError(`El carrito ya tiene ${MAX_CART_LINES} productos distintos.`);
      const wanted = quantityIn(cart, p.id).add(q);
      if (p.stock !== null && p.stock.lt(wanted)) throw new ToolError(`Solo quedan ${formatAmount(p.stock, p.unit)} de ${p.name}.`);
      ctx.turn.session.cart = setLine(cart, p, wanted);
      return { added: formatAmount(q, p.unit), product: p.name, cart: cartView(ctx) };
    },
  }),
  view_cart: tool({
    description: 'Muestra el carrito: líneas, subtotal, envío, total y dirección de entrega.',
    args: z.object({}),
    run: (_a, ctx) => cartView(ctx),
  }),
  remove_from_cart: tool({
    description: 'Quita un producto del carrito, o solo una cantidad de él.',
    args: z.object({ product_id: productId, quantity: quantity.optional() }),
    async run({ product_id, quantity: q }, ctx) {
      const cart = ctx.turn.session.cart as CartLine[];
      const line = cart.find((l) => l.productId === product_id);
      if (!line) throw new ToolError('Ese producto no está en el carrito.');
      const left = q ? new Prisma.Decimal(line.quantity).sub(q) : new Prisma.Decimal(0);
      ctx.turn.session.cart = setLine(cart, { id: line.productId, name: line.name, unit: line.unit, price: new Prisma.Decimal(line.price) }, left);
      return { cart: cartView(ctx) };
    },
  }),
  set_delivery: tool({
    description: 'Guarda la dirección de entrega que dio el cliente (texto), o la ubicación que envió por WhatsApp (use_sent_location).',
    args: z.object({ address: z.string().trim().min(5).max(500).optional(), use_sent_location: z.boolean().optional() }),
    run({ address, use_sent_location }, ctx) {
      const s = ctx.turn.session;
      if (use_sent_location) {
        if (!s.pin) throw new ToolError('El cliente no ha enviado una ubicación.');
        s.delivery = { kind: 'pin', latitude: s.pin.latitude, longitude: s.pin.longitude, address: s.pin.address ?? s.pin.name };
      } else if (address) s.delivery = { kind: 'text', text: address };
      else throw new ToolError('Indica address o use_sent_location.');
      return { delivery: deliveryText(ctx) };
    },
  }),
  create_order: tool({
    description: 'Sin confirmation_token: muestra al cliente el resumen del pedido con botones para confirmar. Con el confirmation_token que dio el resumen, y solo si el cliente respondió que sí a ese resumen en este mensaje: registra el pedido.',
    args: z.object({ confirmation_token: z.string().trim().max(40).optional() }),
    async run({ confirmation_token }, ctx) {
      if (!confirmation_token) return summarize(ctx);
      const pending = ctx.memory.pending;
      const s = ctx.turn.session;
      if (!pending || pending.token !== confirmation_token) throw new ToolError('Ese token no corresponde a un resumen pendiente: llama create_order sin token para mostrar el resumen.');
      if (pending.turnNo >= ctx.memory.turnNo) throw new ToolError('El cliente todavía no ha visto el resumen: espera su respuesta.');
      if (pending.hash !== cartHash(s.cart as CartLine[], s.delivery)) throw new ToolError('El pedido cambió desde el resumen: muestra un resumen nuevo.');
      if (!explicitYes(ctx.customerText)) throw new ToolError('El cliente no confirmó explícitamente el resumen en este mensaje: pregúntale si lo confirma.');
      ctx.terminal = await placeConfirmed(ctx);
      return { placed: true };
    },
  }),
  order_status: tool({
    description: 'Estado de los pedidos del cliente: uno por su código (P-1003) o los últimos.',
    args: z.object({ order_code: z.string().trim().max(40).optional() }),
    async run({ order_code }, ctx) {
      const { turn } = ctx;
      if (order_code) {
        const code = order_code.toUpperCase().replace(/^P-?/, 'P-');
        const o = await findCustomerOrder(turn.tx, turn.customer.id, code);
        if (!o) return { not_found: code, note: 'No hay un pedido con ese código en este número.' };
        return { order_code: o.orderCode, status: o.statusRef.label, total: money(ctx, o.total), updated_at: o.statusChangedAt.toISOString() };
      }
      const recent = await listRecentOrders(turn.tx, turn.customer.id, 3);
      return { orders: recent.map((o) => ({ order_code: o.orderCode, status: o.statusRef.label, total: money(ctx, o.total), created_at: o.createdAt.toISOString() })) };
    },
  }),
  repeat_last_order: tool({
    description: 'Arma el carrito con el último pedido del cliente, a los precios y existencias de hoy (reemplaza el carrito).',
    args: z.object({}),
    async run(_a, ctx) {
      const { turn } = ctx;
      const [last] = await listRecentOrders(turn.tx, turn.customer.id, 1);
      const order = last ? await findOrderByCode(turn.tx, last.orderCode) : null;
      if (!order) return { no_orders: true };
      const products = new Map((await findProductsByIds(turn.tx, order.items.map((i) => i.productId))).map((p) => [p.id, p]));
      let cart: CartLine[] = [];
      const missing: string[] = [];
      for (const item of order.items) {
        const p = products.get(item.productId);
        const q = p && (p.stock === null || p.stock.gte(item.quantity)) ? item.quantity : null;
        if (!p || !p.isActive || !q) missing.push(item.productName);
        else cart = setLine(cart, p, quantityIn(cart, p.id).add(q));
      }
      if (cart.length > 0) turn.session.cart = cart;
      return { from_order: order.orderCode, not_available: missing, cart: cartView(ctx) };
    },
  }),
  business_info: tool({
    description: 'Datos de la tienda: horario (y si está abierta ahora), entregas, costo de envío, mínimo, zonas, formas de pago, dirección y políticas.',
    args: z.object({}),
    run(_a, ctx) {
      const { company, now } = ctx.turn;
      const info = company.businessInfo;
      const next = nextOpening(info, company.timezone, now);
      const days = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
      const d = info.delivery;
      return {
        name: company.name,
        open_now: isOpenAt(info, company.timezone, now),
        next_opening: next ? JSON.stringify(next) : null,
        weekly_hours: (info.hours?.weekly ?? []).map((h) => `${days[h.day]} ${h.open}-${h.close}`),
        delivery: d ? { delivery: d.delivery, pickup: d.pickup, fee: d.fee ? money(ctx, d.fee) : null, free_from: d.freeFrom ? money(ctx, d.freeFrom) : null, minimum_order: d.minimumOrder ? money(ctx, d.minimumOrder) : null, areas: d.areas ?? null, estimated_time: d.estimatedTime ?? null } : null,
        payment_methods: info.paymentMethods ?? [],
        address: info.address ?? null,
        map_url: info.mapUrl ?? null,
        policies: info.policies ?? null,
      };
    },
  }),
  handoff_to_human: tool({
    description: 'Pasa la conversación a una persona del equipo (el cliente lo pidió, o no puedes resolverlo).',
    args: z.object({ reason: z.string().trim().max(300).optional() }),
    run({ reason }, ctx) {
      const { turn } = ctx;
      turn.effects.pauseBot(new Date(turn.now.getTime() + ctx.handoffMinutes * 60_000));
      turn.events.push({ type: 'handoff_requested', detail: { by: 'agent', reason: reason ?? null } });
      ctx.terminal = textReply(turn.company.businessInfo.botTexts?.advisor ?? agentTexts.handoff);
      return { handed_off: true };
    },
  }),
  send_options: tool({
    description: 'Responde con botones (hasta 3 opciones) o una lista (hasta 10). El texto y las opciones son tu respuesta final de este turno.',
    args: z.object({ body: z.string().trim().min(1).max(1000), options: z.array(z.string().trim().min(1).max(24)).min(1).max(10), button: z.string().trim().min(1).max(20).optional() }),
    run({ body, options, button }, ctx) {
      const rows: ListRow[] = options.map((o, i) => ({ id: `agent:opt:${i}:${o}`, title: o }));
      ctx.terminal = options.length <= 3 ? buttonsReply(body, rows) : listReply(body, button ?? 'Ver opciones', 'Opciones', rows);
      return { shown: true };
    },
  }),
};

/** The tools in Chat Completions' format (JSON Schema from the zod schemas). */
export const toolSpecs = Object.entries(TOOLS).map(([name, t]) => {
  const { $schema: _drop, ...parameters } = z.toJSONSchema(t.args, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { type: 'function' as const, function: { name, description: t.description, parameters } };
});
