// Taps on buttons and list rows. Ids describe themselves (menu:catalog, prod:<uuid>,
// qty:<uuid>:2, confirm:yes…), so a tap on an old message is either still meaningful
// (a product, a menu option) or answered with "that button is from an earlier message" and
// the current options — never acted on twice (confirm:yes only counts on the summary).
import { t } from '../conversations.messages.ts';
import { UUID } from '../sessions/session.types.ts';
import { showCatalogPage, showProductDetail } from './catalog.flow.ts';
import { askAddress, askNewAddress, chooseSavedAddress, confirmOrder, finishOrder } from './checkout.flow.ts';
import { renderStep, resumeStep } from './fallback.flow.ts';
import { pickOption } from './order-lines.flow.ts';
import { addQuantity, removeProduct, setQuantity } from './order-steps.flow.ts';
import { askQuantityFor, cancelOrder, showEdit, showPickList } from './order.flow.ts';
import { chooseMenuOption, restartOrder, type MenuChoice } from './router.ts';
import type { Reply, Turn } from './turn.ts';

const MENU: readonly MenuChoice[] = ['catalog', 'order', 'status', 'advisor', 'main'];
const isMenuChoice = (v: string | undefined): v is MenuChoice => MENU.some((m) => m === v);

const stale = (turn: Turn) => renderStep(turn, t.staleButton);
const isId = (v: string | undefined): v is string => v !== undefined && UUID.test(v);
const smallInt = (v: string | undefined): number | null => (v !== undefined && /^\d{1,3}$/.test(v) ? Number(v) : null);
const inCart = (turn: Turn, productId: string) => turn.session.cart.some((l) => l.productId === productId);

async function handleCartTap(turn: Turn, action: string | undefined): Promise<Reply> {
  switch (action) {
    case 'more':
      return showPickList(turn, 0);
    case 'finish':
      return finishOrder(turn);
    case 'cancel':
      return cancelOrder(turn);
    case 'edit':
      return showEdit(turn);
    case 'address':
      return turn.session.cart.length > 0 ? askAddress(turn) : stale(turn);
    default:
      return stale(turn);
  }
}

async function handleStepTap(turn: Turn, kind: string, a: string | undefined): Promise<Reply> {
  const step = turn.session.state.step;
  if (kind === 'addr' && step === 'address') {
    if (a === 'new') return askNewAddress(turn);
    return isId(a) ? chooseSavedAddress(turn, a) : stale(turn);
  }
  if (kind === 'confirm' && step === 'confirm') {
    if (a === 'yes') return confirmOrder(turn);
    if (a === 'change') return showEdit(turn);
    if (a === 'cancel') return cancelOrder(turn);
  }
  const state = turn.session.state;
  if (kind === 'resume' && state.step === 'resume') {
    if (a === 'yes') return resumeStep(turn, state.back);
    if (a === 'restart') return restartOrder(turn);
  }
  return stale(turn);
}

export async function handleReply(turn: Turn, replyId: string): Promise<Reply> {
  const [kind = '', a, b] = replyId.split(':');
  const state = turn.session.state;
  switch (kind) {
    case 'menu':
      return isMenuChoice(a) ? chooseMenuOption(turn, a) : stale(turn);
    case 'cat':
      return a === 'page' && smallInt(b) !== null ? showCatalogPage(turn, smallInt(b) ?? 0) : stale(turn);
    case 'prod':
      return isId(a) ? showProductDetail(turn, a) : stale(turn);
    case 'add':
      return isId(a) ? askQuantityFor(turn, a, 'add') : stale(turn);
    case 'pick':
      if (a === 'page' && smallInt(b) !== null) return showPickList(turn, smallInt(b) ?? 0);
      return isId(a) ? pickOption(turn, a) : stale(turn);
    case 'qty': {
      const n = smallInt(b);
      const current = state.step === 'quantity' && state.mode === 'add' && state.productId === a;
      return current && isId(a) && n !== null ? addQuantity(turn, a, n) : stale(turn);
    }
    case 'set': {
      const n = smallInt(b);
      return isId(a) && n !== null && inCart(turn, a) ? setQuantity(turn, a, n) : stale(turn);
    }
    case 'del':
      return isId(a) && inCart(turn, a) ? removeProduct(turn, a) : stale(turn);
    case 'edit':
      return isId(a) && inCart(turn, a) ? askQuantityFor(turn, a, 'set') : stale(turn);
    case 'cart':
      return handleCartTap(turn, a);
    default:
      return handleStepTap(turn, kind, a);
  }
}
