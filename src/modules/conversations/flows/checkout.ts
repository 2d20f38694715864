// Finishing an order: delivery address (saved, typed or a location pin), the summary, and
// the explicit confirmation that places the order.
import { findProductsByIds } from '../../catalog/index.ts';
import { findAddress, listRecentAddresses } from '../../customers/index.ts';
import { t } from '../conversations.messages.ts';
import { detectIntent, isAffirmative, isNegative, parseOptionNumber, smallTalk, wantsToChange } from '../nlu/intents.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { buttons, text, truncate, withNotice } from '../whatsapp-limits.ts';
import type { Outcome, Pin, StateOf } from './flow.ts';
import { isClearOrder, tryOrderText } from './order-lines.ts';
import { showEdit, showPickList } from './order-screens.ts';
import { placeConfirmedOrder } from './place-order.step.ts';
import { goTo, type Turn } from './turn.ts';
import { cartLinesText, cartTotalText, deliveryLabel, savedAddressLabel } from './views.ts';

const MIN_ADDRESS = 10;
const MAX_ADDRESS = 300;

export async function askAddress(turn: Turn, notice?: string | null): Promise<Outcome> {
  if (turn.session.cart.length === 0) return showPickList(turn, 0, [notice, t.cartEmpty].filter(Boolean).join('\n'));
  const saved = await listRecentAddresses(turn.tx, turn.customer.id, 2);
  goTo(turn, { step: 'address', addressIds: saved.map((a) => a.id) });
  if (saved.length === 0) return withNotice(notice, text(t.addressAsk));
  const labels = saved.map(savedAddressLabel);
  return withNotice(notice, buttons(t.addressSaved(labels), [
    ...saved.map((a, i) => ({ id: `addr:${a.id}`, title: truncate(labels[i] ?? '', 20) })),
    { id: 'addr:new', title: t.otherAddress },
  ]));
}

/** "Otra dirección": ask for a typed address or a pin, without the saved ones. */
export function askNewAddress(turn: Turn): Outcome {
  goTo(turn, { step: 'address', addressIds: [] });
  return text(t.addressAsk);
}

export async function chooseSavedAddress(turn: Turn, addressId: string): Promise<Outcome> {
  const address = await findAddress(turn.tx, turn.customer.id, addressId);
  if (!address) return askAddress(turn, t.staleButton);
  turn.session.delivery = { kind: 'saved', addressId: address.id, label: savedAddressLabel(address) };
  return showSummary(turn);
}

export async function handleAddressText(turn: Turn, state: StateOf<'address'>, raw: string): Promise<Outcome> {
  const value = raw.trim().replace(/\s+/g, ' ');
  const ids = state.addressIds;
  const n = parseOptionNumber(value, ids.length);
  const chosen = n !== null ? ids[n - 1] : undefined;
  if (chosen) return chooseSavedAddress(turn, chosen);
  if (/^otra( direccion)?$/.test(normalizeText(value))) return askNewAddress(turn);
  if (await isClearOrder(turn, value)) return (await tryOrderText(turn, value, { explicit: true })) ?? askAddress(turn);
  // "Sí" to the one saved address offered means that one; "sí", "gracias", "ok", "jaja" are not addresses.
  if (isAffirmative(value) && ids.length === 1) return chooseSavedAddress(turn, ids[0]!);
  const intent = detectIntent(value);
  if (isAffirmative(value) || isNegative(value) || intent === 'thanks' || intent === 'greeting' || smallTalk(value) !== null) {
    return askAddress(turn, t.addressStillNeeded);
  }
  const letters = (value.match(/\p{L}/gu) ?? []).length;
  if (value.length < MIN_ADDRESS || letters < 3) return askAddress(turn, t.addressTooShort);
  turn.session.delivery = { kind: 'text', text: truncate(value, MAX_ADDRESS) };
  return showSummary(turn);
}

export async function handleAddressPin(turn: Turn, pin: Pin): Promise<Outcome> {
  const named = [pin.name, pin.address].filter(Boolean).join(', ');
  turn.session.delivery = { kind: 'pin', latitude: pin.latitude, longitude: pin.longitude, address: named ? truncate(named, 500) : null };
  return showSummary(turn);
}

/**
 * Brings the cart up to date before it is shown for confirmation: current names and prices,
 * and products no longer sold taken out (and said so).
 */
async function refreshCart(turn: Turn): Promise<string[]> {
  const products = new Map((await findProductsByIds(turn.tx, turn.session.cart.map((l) => l.productId))).map((p) => [p.id, p]));
  const removed: string[] = [];
  turn.session.cart = turn.session.cart.flatMap((l) => {
    const p = products.get(l.productId);
    if (!p || !p.isActive) {
      removed.push(l.name);
      return [];
    }
    return [{ ...l, name: p.name, unit: p.unit, price: p.price.toFixed(2) }];
  });
  return removed;
}

export async function showSummary(turn: Turn, notice?: string | null): Promise<Outcome> {
  const removed = await refreshCart(turn);
  const note = [notice, removed.length > 0 ? t.removedFromCart(removed) : null].filter(Boolean).join('\n') || null;
  const cart = turn.session.cart;
  if (cart.length === 0) return showPickList(turn, 0, note);
  const delivery = turn.session.delivery;
  if (!delivery) return askAddress(turn, note);
  goTo(turn, { step: 'confirm' });
  const body = t.summaryBody(cartLinesText(turn, cart), cartTotalText(turn, cart), deliveryLabel(delivery));
  return withNotice(note, buttons(body, [
    { id: 'confirm:yes', title: t.confirm },
    { id: 'confirm:change', title: t.change },
    { id: 'confirm:cancel', title: t.cancel },
  ]));
}

export async function confirmOrder(turn: Turn): Promise<Outcome> {
  if (turn.session.cart.length === 0) return showPickList(turn, 0, t.cartEmpty);
  if (!turn.session.delivery) return askAddress(turn);
  return placeConfirmedOrder(turn);
}

export async function handleConfirmText(turn: Turn, value: string): Promise<Outcome | null> {
  if (isAffirmative(value)) return confirmOrder(turn);
  if (wantsToChange(value) || isNegative(value)) return showEdit(turn);
  return null;
}
