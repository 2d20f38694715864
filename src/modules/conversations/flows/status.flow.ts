// "Estado de mi pedido": the customer's last orders, their status and when it changed.
import { formatWhen, listRecentOrders } from '../../orders/index.ts';
import { MENU_OPTIONS, t } from '../conversations.messages.ts';
import { buttons } from '../whatsapp-limits.ts';
import { reread, show, toMenu, type FlowDef, type Outcome } from './flow.ts';
import { askToCancel, confirmCancelPlaced, keepPlaced, readCancelPlacedText } from './placed-orders.ts';
import { goTo, type Turn } from './turn.ts';
import { money } from './views.ts';

const SHOWN = 3;

export async function showStatus(turn: Turn): Promise<Outcome> {
  const orders = await listRecentOrders(turn.tx, turn.customer.id, SHOWN);
  goTo(turn, { step: 'menu' });
  if (orders.length === 0) {
    return buttons(t.noOrders, [
      { id: 'menu:order', title: t.makeOrder },
      { id: 'menu:catalog', title: t.seeCatalog },
      { id: 'menu:main', title: t.mainMenu },
    ]);
  }
  const entries = orders.map((o) =>
    t.statusEntry(o.orderCode, o.statusRef.label, formatWhen(o.statusChangedAt, turn.now, turn.company.timezone), money(turn, o.total)),
  );
  return buttons(t.statusBody(entries), [
    { id: 'menu:order', title: t.makeOrder },
    { id: 'menu:main', title: t.mainMenu },
  ]);
}

/**
 * The answer is one message and the customer is back at the menu; its one step asks before a
 * placed order is cancelled (placed-orders.ts).
 */
export const statusFlow: FlowDef = {
  name: 'status',
  start: showStatus,
  menuOption: { key: 'status', ...MENU_OPTIONS.status },
  understands: { intent: 'status' },
  // "cancelar" at "¿Quieres cancelar tu pedido?" is a yes; "menú" keeps the order.
  cancel: (turn) => (turn.session.state.step === 'cancel_order' ? confirmCancelPlaced(turn, turn.session.state.orderCode) : show({ step: 'menu' })),
  menu: toMenu,
  hint: () => t.hintCancelPlaced,
  steps: {
    cancel_order: {
      render: (turn, s, notice) => askToCancel(turn, s.orderCode, null, notice),
      // Anything but yes or no is read at the menu, and the order stays as it is.
      text: (turn, s, text) => readCancelPlacedText(turn, s.orderCode, text) ?? reread({ step: 'menu' }),
      taps: { corder: (turn, [a], s) => (a === 'yes' ? confirmCancelPlaced(turn, s.orderCode) : a === 'no' ? keepPlaced(s.orderCode) : null) },
    },
  },
};
