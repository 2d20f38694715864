// Finishing an order: delivery address (saved, typed or a location pin), the summary, and
// the explicit confirmation that places the order.
import { findProductsByIds } from '../../catalog/index.ts';
import { findAddress, listRecentAddresses } from '../../customers/index.ts';
import { t } from '../conversations.messages.ts';
import { detectIntent, isAffirmative, isNegative, parseOptionNumber, smallTalk, wantsToChange } from '../nlu/intents.ts';
import { normalizeText } from '../nlu/normalize.ts';
import type { KeptPin } from '../sessions/session.types.ts';
import { buttons, text, truncate, withNotice } from '../whatsapp-limits.ts';
import { show, type Outcome, type Pin, type StateOf } from './flow.ts';
import { belowMinimum, chargesOf, closedNow, deliveryLine, laterWindow, offersPickup, pickupAllowed, pickupOnly, totalsText } from './checkout-rules.ts';
import { isClearOrder, tryOrderText } from './order-lines.ts';
import { showCart, showEdit, showPickList } from './order-screens.ts';
import { placeConfirmedOrder } from './place-order.step.ts';
import { goTo, type Turn } from './turn.ts';
import { saysNo, saysYes } from './understood.ts';
import { cartLinesText, pinLabel, requestedText, savedAddressLabel } from './views.ts';

const MIN_ADDRESS = 10;
const MAX_ADDRESS = 300;

/**
 * What stops an order from going on to its address and summary: a cart under the shop's
 * minimum (the cart again, with what is missing: the customer keeps adding), or the shop being
 * closed and taking no orders then (its hours; the cart stays for later). Null: go on.
 */
function checkoutHold(turn: Turn, notice?: string | null): Promise<Outcome> | Outcome | null {
  if (belowMinimum(turn)) return showCart(turn, notice);
  const closed = closedNow(turn);
  if (closed && !closed.acceptsOrders) return show({ step: 'menu' }, [notice, closed.text].filter(Boolean).join('\n\n'));
  return null;
}

export async function askAddress(turn: Turn, notice?: string | null): Promise<Outcome> {
  if (turn.session.cart.length === 0) return showPickList(turn, 0, [notice, t.cartEmpty].filter(Boolean).join('\n'));
  const held = checkoutHold(turn, notice);
  if (held) return held;
  // A shop that only hands orders over at the counter asks no address.
  if (pickupOnly(turn)) return choosePickup(turn, notice);
  const pickup = offersPickup(turn) ? [{ id: 'addr:pickup', title: t.pickupButton }] : [];
  // A pin sent earlier in this order is what the customer most likely means: offered first.
  const pin = turn.session.pin;
  if (pin) {
    goTo(turn, { step: 'address', addressIds: [] });
    return withNotice(notice, buttons(`${t.pinOffer(pinLabel(pin))}\n${t.pinOfferBody}`, [
      { id: 'addr:pin', title: t.pinOfferYes },
      { id: 'addr:new', title: t.otherAddress },
      ...pickup,
    ]));
  }
  // Three buttons at most: with pickup offered, one saved address.
  const saved = await listRecentAddresses(turn.tx, turn.customer.id, pickup.length > 0 ? 1 : 2);
  goTo(turn, { step: 'address', addressIds: saved.map((a) => a.id) });
  if (saved.length === 0) return withNotice(notice, pickup.length > 0 ? buttons(`${t.addressAsk}\n\n${t.pickupOffer}`, pickup) : text(t.addressAsk));
  const labels = saved.map(savedAddressLabel);
  return withNotice(notice, buttons(t.addressSaved(labels), [
    ...saved.map((a, i) => ({ id: `addr:${a.id}`, title: truncate(labels[i] ?? '', 20) })),
    { id: 'addr:new', title: t.otherAddress },
    ...pickup,
  ]));
}

/** "Recoger en tienda": no address, no delivery fee. */
export function choosePickup(turn: Turn, notice?: string | null): Promise<Outcome> {
  turn.session.delivery = { kind: 'pickup' };
  return showSummary(turn, notice);
}

/** "paso a recogerlo", "lo recojo en la tienda", "voy por él". */
export function wantsPickup(value: string): boolean {
  const v = normalizeText(value);
  return /\b(recog\w*|recoj\w*|retir\w*|levant\w*)\b/.test(v) || /\b(paso|pasamos|voy|vamos|vengo) (a buscar|por el|por ella|por ellos|a la tienda|al local)\b/.test(v) || /\ben (la )?(tienda|local|sucursal)\b/.test(v);
}

/** "Otra dirección": ask for a typed address or a pin, without the saved ones (nor the pin offered). */
export function askNewAddress(turn: Turn): Outcome {
  turn.session.pin = null;
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
  if (pickupAllowed(turn) && wantsPickup(value)) return choosePickup(turn);
  // "Sí" to the pin or the one saved address offered means that one; "sí", "gracias", "ok", "jaja" are not addresses.
  const pin = turn.session.pin;
  if (pin && saysYes(turn, value)) return usePin(turn, pin);
  if (isAffirmative(value) && ids.length === 1) return chooseSavedAddress(turn, ids[0]!);
  if (pin && saysNo(turn, value)) return askNewAddress(turn);
  // "a la ubicación que te mandé": the pin, or a word that none came.
  if (mentionsPin(value)) return pin ? usePin(turn, pin) : askAddress(turn, t.noPinYet);
  // "aquí", "a mi casa", "donde siempre": the last saved address when there is one, else a question.
  if (isVagueAddress(value)) return ids[0] ? chooseSavedAddress(turn, ids[0]) : askAddress(turn, t.vagueAddress(value));
  const intent = detectIntent(value);
  if (isAffirmative(value) || isNegative(value) || intent === 'thanks' || intent === 'greeting' || smallTalk(value) !== null) {
    return askAddress(turn, t.addressStillNeeded);
  }
  const letters = (value.match(/\p{L}/gu) ?? []).length;
  if (value.length < MIN_ADDRESS || letters < 3) return askAddress(turn, t.addressTooShort);
  turn.session.delivery = { kind: 'text', text: truncate(value, MAX_ADDRESS) };
  return showSummary(turn);
}

/** A pin sent at any step, kept for the order (offered when the address is asked). */
export function keepPin(turn: Turn, pin: Pin): KeptPin {
  const kept: KeptPin = {
    latitude: pin.latitude,
    longitude: pin.longitude,
    name: pin.name ? truncate(pin.name, 200) : null,
    address: pin.address ? truncate(pin.address, 500) : null,
  };
  turn.session.pin = kept;
  return kept;
}

export function usePin(turn: Turn, pin: KeptPin): Promise<Outcome> {
  const named = [pin.name, pin.address].filter(Boolean).join(', ');
  turn.session.delivery = { kind: 'pin', latitude: pin.latitude, longitude: pin.longitude, address: named ? truncate(named, 500) : null };
  return showSummary(turn);
}

export async function handleAddressPin(turn: Turn, pin: Pin): Promise<Outcome> {
  return usePin(turn, keepPin(turn, pin));
}

const PIN_WORDS = new Set(['ubicacion', 'ubicasion', 'ubi', 'pin', 'location', 'mapa', 'localizacion']);
// Words that say where without saying an address a driver can find.
const VAGUE_WORDS = new Set(['aqui', 'aca', 'ahi', 'alli', 'alla', 'casa', 'siempre', 'mismo', 'misma', 'donde', 'lugar',
  'domicilio', 'trabajo', 'oficina', 'depa', 'departamento', 'chamba', 'otra', 'vez', 'ultima', 'anterior', 'usual', 'de', 'la',
  'el', 'a', 'en', 'mi', 'al', 'lo', 'por', 'favor', 'porfa', 'xfa', 'pf', 'para', 'que', 'te', 'mande', 'envie', 'dije', 'siempre',
  'llevalo', 'llevamelo', 'traelo', 'traemelo', 'mandalo', 'mandamelo', 'es', 'igual', 'pues', 'nomas', 'nada', 'mas', 'acaso', 'ya', 'sabes', 'y']);
const PLACE_WORDS = new Set(['aqui', 'aca', 'ahi', 'alli', 'alla', 'casa', 'siempre', 'mismo', 'misma', 'lugar', 'domicilio', 'trabajo', 'oficina', 'depa', 'departamento', 'chamba', 'anterior', 'usual']);

/** "a la ubicación que te mandé", "al pin": a reference to a location pin, not an address. */
export function mentionsPin(value: string): boolean {
  const words = normalizeText(value).split(' ');
  return !/\d/.test(value) && words.some((w) => PIN_WORDS.has(w));
}

/** "aquí", "a mi casa", "donde siempre", "la misma de la otra vez": no street, no number. */
export function isVagueAddress(value: string): boolean {
  const words = normalizeText(value).split(' ').filter(Boolean);
  return !/\d/.test(value) && words.length > 0 && words.length <= 8 && words.every((w) => VAGUE_WORDS.has(w)) && words.some((w) => PLACE_WORDS.has(w));
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
  const held = checkoutHold(turn, note);
  if (held) return held;
  const delivery = turn.session.delivery;
  if (!delivery) return askAddress(turn, note);
  // A pickup chosen earlier at a shop that no longer offers it: ask again.
  if (delivery.kind === 'pickup' && !pickupAllowed(turn)) {
    turn.session.delivery = null;
    return askAddress(turn, note);
  }
  goTo(turn, { step: 'confirm' });
  const later = laterWindow(turn);
  const body = t.summaryBody(cartLinesText(turn, cart), totalsText(turn, chargesOf(turn)), deliveryLine(turn, delivery), requestedText(turn, turn.session.requested ?? later));
  const closedNote = closedNow(turn) ? t.closedSummary : null;
  return withNotice([note, closedNote].filter(Boolean).join('\n') || null, buttons(body, [
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

// A bare "ok" at the summary may only mean "I read it": never taken for the confirmation.
const BARE_OK = new Set(['ok', 'okay', 'okey', 'oki', 'okis', 'k', 'okk']);

export async function handleConfirmText(turn: Turn, value: string): Promise<Outcome | null> {
  // The summary's options typed by number, on any provider: 1 Confirmar, 2 Cambiar, 3 Cancelar.
  const n = parseOptionNumber(value, 3);
  if (n === 1) return confirmOrder(turn);
  if (n === 2) return showEdit(turn);
  const talk = smallTalk(value);
  const bareOk = BARE_OK.has(normalizeText(value));
  // "👍", "jaja", "gracias", "ok": ask for the tap rather than guess a yes.
  if (bareOk || talk === 'emoji' || talk === 'laugh' || (talk === 'thanks' && !isAffirmative(value))) return showSummary(turn, t.tapToConfirm);
  if (saysYes(turn, value)) return confirmOrder(turn);
  if (wantsToChange(value) || saysNo(turn, value)) return showEdit(turn);
  return null;
}
