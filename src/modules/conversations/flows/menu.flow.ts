import { MENU_OPTIONS, t } from '../conversations.messages.ts';
import { list, withNotice } from '../whatsapp-limits.ts';
import { goTo, type Reply, type Turn } from './turn.ts';

/** The main menu: a list with the four options, also numbered in the body for typing. */
export function menuContent(turn: Turn): Reply {
  return list(
    t.menuBody(turn.session.cart.length),
    t.menuButton,
    t.menuSection,
    MENU_OPTIONS.map((o) => ({ id: o.id, title: o.title, description: o.description })),
  );
}

export function showMenu(turn: Turn, notice?: string | null): Reply {
  goTo(turn, { step: 'menu' });
  return withNotice(notice, menuContent(turn));
}
