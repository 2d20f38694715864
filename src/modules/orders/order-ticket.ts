// A printable ticket for the kitchen or the delivery person: plain text, 40 columns (58/80 mm
// thermal printers in their usual font), no characters a printer's code page may lack beyond
// Spanish letters; a pin is printed as coordinates.
import { formatAmount, formatMoney, type MoneyLocale } from '../catalog/index.ts';
import type { StaffOrder } from './staff-orders.ts';

const WIDTH = 40;

/** Words wrapped to the width; a word longer than a line is cut. */
function wrap(text: string, width = WIDTH): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r/g, '').split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > width) {
        if (line) lines.push(line);
        line = '';
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!word) continue;
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/** Left text and right amount on one line; the text wraps above when both do not fit. */
function columns(left: string, right: string): string[] {
  const room = WIDTH - right.length - 1;
  const wrapped = wrap(left, Math.max(room, 10));
  const last = wrapped.pop() ?? '';
  return [...wrapped, `${last.padEnd(WIDTH - right.length)}${right}`.slice(0, WIDTH)];
}

const center = (s: string) => {
  const t = s.slice(0, WIDTH);
  return `${' '.repeat(Math.floor((WIDTH - t.length) / 2))}${t}`;
};
const rule = (ch = '-') => ch.repeat(WIDTH);

/** Money without the currency's non-ASCII symbols a thermal printer may not have. */
const money = (amount: string, shop: MoneyLocale) => formatMoney(amount, shop).replace(/\u00a0/g, ' ');

export function orderTicket(order: StaffOrder, shop: MoneyLocale & { name: string; timezone: string }): string {
  const when = new Intl.DateTimeFormat(shop.locale, { timeZone: shop.timezone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(order.createdAt));
  const out: string[] = [
    ...wrap(shop.name).map(center),
    center(`Pedido ${order.orderCode}`),
    center(when),
    rule('='),
    ...wrap(`Cliente: ${order.customer.name ?? 'Sin nombre'}`),
    `Tel: +${order.customer.waId}`,
    ...(order.deliveryMethod === 'pickup' ? ['RECOGE EN TIENDA'] : []),
    ...(order.delivery.address ? wrap(`Entrega: ${order.delivery.address}`) : []),
    // Coordinates rather than the map link: a URL cut across two lines of paper opens nothing.
    ...(order.delivery.latitude && order.delivery.longitude ? wrap(`Ubicación: ${order.delivery.latitude}, ${order.delivery.longitude}`) : []),
    ...(order.deliveryMethod !== 'pickup' && !order.delivery.address && !order.delivery.latitude ? ['Entrega: sin dirección'] : []),
    rule(),
  ];
  for (const item of order.items) {
    out.push(...columns(`${formatAmount(item.quantity, item.unit)} ${item.productName}`, money(item.lineTotal, shop)));
    out.push(`   @ ${money(item.unitPrice, shop)} / ${item.unit}`.slice(0, WIDTH));
  }
  out.push(rule());
  // The stored fee, as charged: the shop's current fee may differ.
  if (order.deliveryFee !== '0.00' || order.deliveryMethod === 'pickup') {
    out.push(...columns('Subtotal', money(order.subtotal, shop)));
    out.push(...columns('Envío', order.deliveryMethod === 'pickup' ? 'recoge' : order.deliveryFee === '0.00' ? 'gratis' : money(order.deliveryFee, shop)));
  }
  out.push(...columns('TOTAL', money(order.total, shop)), rule());
  out.push(...wrap(`Estado: ${order.statusLabel}`));
  if (order.notes) out.push(...wrap(`Notas: ${order.notes}`));
  out.push('', center('¡Gracias por su compra!'), '');
  return `${out.map((l) => l.trimEnd()).join('\n')}\n`;
}
