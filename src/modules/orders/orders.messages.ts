// Spanish texts of the orders module: errors shown to staff and customers, status notices and
// the shop owner's new-order notification.
import type { Prisma } from '../../generated/tenant/client.ts';
import { formatAmountOf, formatMoney, type MoneyLocale } from '../catalog/index.ts';

export type OrderLineView = { productName: string; unit: string; quantity: Prisma.Decimal; lineTotal: Prisma.Decimal };

/** A status label inside a sentence: "ahora está *en camino*"; one that starts with an acronym stays as it is. */
const midSentence = (label: string): string => (/^\p{Lu}\p{Ll}/u.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label);

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
}): string {
  const where = [input.address, input.latitude && input.longitude ? mapsLink(input.latitude, input.longitude) : null]
    .filter(Boolean)
    .join('\n');
  return [
    `🛎️ *Nuevo pedido ${input.orderCode}*`,
    `Cliente: ${input.customerName ?? 'Sin nombre'} (+${input.customerPhone})`,
    '',
    orderLinesText(input.lines, input.shop),
    `*Total: ${formatMoney(input.total, input.shop)}*`,
    '',
    `📍 Entrega: ${where || 'sin dirección'}`,
  ].join('\n');
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
    oneLine(where || 'sin dirección'),
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
