// "Estado de mi pedido": the customer's last orders, their status and when it changed.
import { formatWhen, listRecentOrders } from '../../orders/index.ts';
import { MENU_OPTIONS, t } from '../conversations.messages.ts';
import { buttons } from '../whatsapp-limits.ts';
import type { FlowDef, Outcome } from './flow.ts';
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

/** No steps of its own: the answer is one message, and the customer is back at the menu. */
export const statusFlow: FlowDef = {
  name: 'status',
  start: showStatus,
  menuOption: { key: 'status', ...MENU_OPTIONS.status },
  understands: { intent: 'status' },
  steps: {},
};
