// Spanish texts of the orders module: errors shown to staff and customers, status notices and
// the shop owner's new-order notification.
import type { Prisma } from '../../generated/tenant/client.ts';
import { formatAmountOf, formatMoney, type MoneyLocale } from '../catalog/index.ts';

export type OrderLineView = { productName: string; unit: string; quantity: Prisma.Decimal; lineTotal: Prisma.Decimal };

/** A status label inside a sentence: "ahora está *en camino*"; one that starts with an acronym stays as it is. */
export const midSentence = (label: string): string => (/^\p{Lu}\p{Ll}/u.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label);

export const ordersErrorMessages = {
  /** `left` is what remains, already formatted ("2 garrafones"), or null when it ran out. */
  outOfStock: (items: { name: string; left: string | null; one: boolean }[]) => {
    const verb = (i: { one: boolean }) => (i.one ? 'queda' : 'quedan');
    if (items.length === 1 && items[0]) {
      const i = items[0];
      return i.left ? `Ya no tenemos suficiente *${i.name}*: solo ${verb(i)} ${i.left}.` : `Se nos agotó *${i.name}*.`;
    }
    const each = items.map((i) => (i.left ? `*${i.name}* (solo ${verb(i)} ${i.left})` : `*${i.name}* (agotado)`));
    return `Ya no tenemos suficiente de: ${each.join(', ')}.`;
  },
  productUnavailable: (names: string[]) =>
    names.length === 1 ? `*${names[0]}* ya no está disponible.` : `Ya no están disponibles: ${names.map((n) => `*${n}*`).join(', ')}.`,
  emptyOrder: 'El pedido no tiene productos.',
  belowMinimum: (minimum: string, missing: string) => `El pedido mínimo es de ${minimum}: te faltan ${missing}.`,
  invalidQuantity: 'Las cantidades deben ser mayores a cero.',
  orderNotFound: (code: string) => `No encontramos el pedido ${code}.`,
  unknownStatus: (code: string, valid: string[]) => `El estado "${code}" no existe. Estados válidos: ${valid.join(', ')}.`,
  finalStatus: (code: string, label: string) => `El pedido ${code} ya está ${midSentence(label)} y no puede cambiar de estado.`,
  sameStatus: (code: string, label: string) => `El pedido ${code} ya está en estado ${midSentence(label)}.`,
  transitionNotAllowed: (code: string, from: string, to: string, allowed: string[]) =>
    `El pedido ${code} está ${midSentence(from)} y no puede pasar a ${midSentence(to)}.` +
    (allowed.length ? ` Desde aquí puede pasar a: ${allowed.map(midSentence).join(', ')}.` : ''),
};

const STATUS_EXTRA: Record<string, string> = {
  confirmado: '¡Gracias por tu compra! 🙌',
  en_preparacion: 'Lo estamos preparando 👩‍🍳',
  en_camino: 'Va en camino a tu domicilio 🚚',
  entregado: '¡Que lo disfrutes! Gracias por tu preferencia 😊',
  cancelado: 'Si tienes dudas, escribe *asesor* y te atiende una persona.',
};

export function statusChangedText(shop: string, orderCode: string, status: string, label: string): string {
  const extra = STATUS_EXTRA[status];
  return `📦 *${shop}*: tu pedido *${orderCode}* ahora está *${midSentence(label)}*.${extra ? `\n${extra}` : ''}`;
}

export function orderLinesText(lines: OrderLineView[], shop: MoneyLocale): string {
  return lines
    .map((l) => `• ${formatAmountOf(l.quantity, l.unit, l.productName)} — ${formatMoney(l.lineTotal, shop)}`)
    .join('\n');
}

export function mapsLink(latitude: Prisma.Decimal | number, longitude: Prisma.Decimal | number): string {
  return `https://maps.google.com/?q=${latitude.toString()},${longitude.toString()}`;
}

export function adminNewOrderText(input: {
  orderCode: string;
  customerName: string | null;
  customerPhone: string;
  lines: OrderLineView[];
  total: Prisma.Decimal;
  address: string | null;
  latitude: Prisma.Decimal | null;
  longitude: Prisma.Decimal | null;
  shop: MoneyLocale;
  /** The delivery window the customer asked for, already worded (windowText), or null. */
  requested?: string | null;
  /** The fee included in `total` (absent or 0: none) and whether the customer picks the order up. */
  deliveryFee?: Prisma.Decimal | null;
  pickup?: boolean;
}): string {
  const where = [input.address, input.latitude && input.longitude ? mapsLink(input.latitude, input.longitude) : null]
    .filter(Boolean)
    .join('\n');
  const fee = input.deliveryFee && input.deliveryFee.gt(0) ? input.deliveryFee : null;
  return [
    `🛎️ *Nuevo pedido ${input.orderCode}*`,
    `Cliente: ${input.customerName ?? 'Sin nombre'} (+${input.customerPhone})`,
    '',
    orderLinesText(input.lines, input.shop),
    ...(fee ? [`Envío: ${formatMoney(fee, input.shop)}`] : []),
    `*Total: ${formatMoney(input.total, input.shop)}*`,
    '',
    input.pickup ? '🏪 Pasa a recogerlo a la tienda' : `📍 Entrega: ${where || 'sin dirección'}`,
    ...(input.requested ? [`🕒 Para: ${input.requested}`] : []),
  ].join('\n');
}

/** The shop is told when a customer cancels their own pending order from WhatsApp. */
export function adminCancelledText(input: { orderCode: string; customerName: string | null; customerPhone: string }): string {
  return `❌ *${input.customerName ?? 'Un cliente'}* (+${input.customerPhone}) canceló su pedido *${input.orderCode}* desde WhatsApp. Ya devolví las existencias al inventario.`;
}

/**
 * Body variables of the shop's approved new-order template, in order: {{1}} order code,
 * {{2}} customer, {{3}} total, {{4}} delivery. Meta refuses variables with line breaks or long
 * runs of spaces (132018), so each is one line.
 */
export function adminNewOrderParams(input: Parameters<typeof adminNewOrderText>[0]): string[] {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 500);
  const where = [input.address, input.latitude && input.longitude ? mapsLink(input.latitude, input.longitude) : null].filter(Boolean).join(' ');
  return [
    input.orderCode,
    oneLine(`${input.customerName ?? 'Sin nombre'} (+${input.customerPhone})`),
    formatMoney(input.total, input.shop),
    oneLine([input.pickup ? 'recoge en tienda' : where || 'sin dirección', input.requested ? `(para ${input.requested})` : null].filter(Boolean).join(' ')),
  ];
}

const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  const get = (type: string) => Number(f.formatToParts(date).find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
}

const WEEKDAYS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
const hm = (p: { hh: number; mm: number }) => `${p.hh}:${String(p.mm).padStart(2, '0')}`;

/** The shop-day of a date: "hoy", "mañana", "el sábado 5 dic", in the shop's time zone. */
export function dayText(date: Date, now: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  const same = (a: ReturnType<typeof partsIn>) => a.y === p.y && a.m === p.m && a.d === p.d;
  if (same(partsIn(now, timeZone))) return 'hoy';
  if (same(partsIn(new Date(now.getTime() + 86_400_000), timeZone))) return 'mañana';
  const weekday = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return `el ${WEEKDAYS[weekday]} ${p.d} ${MONTHS[p.m - 1] ?? ''}`;
}

/**
 * A requested delivery window as the shop and the customer read it: "mañana de 14:00 a 19:00",
 * "el sábado 5 dic de 8:00 a 11:00" (in the shop's time zone); a window over days gives both.
 */
export function windowText(w: { from: Date; to: Date }, now: Date, timeZone: string): string {
  const from = partsIn(w.from, timeZone);
  const to = partsIn(new Date(w.to.getTime() - 1), timeZone);
  const fromDay = dayText(w.from, now, timeZone);
  const toDay = dayText(new Date(w.to.getTime() - 1), now, timeZone);
  const end = partsIn(w.to, timeZone);
  if (fromDay !== toDay) return `${fromDay} ${hm(from)} a ${toDay} ${hm(end)}`;
  if (from.hh === 0 && from.mm === 0 && to.hh === 23 && to.mm === 59) return fromDay;
  return `${fromDay} de ${hm(from)} a ${hm(end)}`;
}

/** "hoy 14:05", "ayer 09:10", "22 nov 10:30" (or "22 nov 2025 10:30" another year), in the shop's time zone. */
export function formatWhen(date: Date, now: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  const today = partsIn(now, timeZone);
  const yesterday = partsIn(new Date(now.getTime() - 86_400_000), timeZone);
  const time = `${String(p.hh).padStart(2, '0')}:${String(p.mm).padStart(2, '0')}`;
  const same = (a: typeof p) => a.y === p.y && a.m === p.m && a.d === p.d;
  if (same(today)) return `hoy ${time}`;
  if (same(yesterday)) return `ayer ${time}`;
  const year = p.y === today.y ? '' : ` ${p.y}`;
  return `${p.d} ${MONTHS[p.m - 1] ?? ''}${year} ${time}`;
}

/** Why an order-status flow is refused (the owner's PUT of the transitions). */
export const transitionMessages = {
  refused: 'No guardé los cambios de estados:',
  unknownStatuses: (codes: string[], valid: string[]) =>
    `Estos estados no existen: ${codes.join(', ')}. Estados del negocio: ${valid.join(', ')}.`,
  toItself: (label: string) => `«${label}» no puede pasar a sí mismo.`,
  fromFinal: (from: string, to: string) => `«${from}» es un estado final: un pedido ahí ya no cambia (quita «${from} → ${to}»).`,
  unreachable: (label: string, initial: string) => `Ningún pedido podría llegar a «${label}» desde «${initial}».`,
  noWayOut: (label: string) => `Un pedido en «${label}» quedaría atorado: necesita un camino hasta un estado final (entregado o cancelado).`,
};
