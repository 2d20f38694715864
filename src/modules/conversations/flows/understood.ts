// The turn's text read once by nlu/understanding.ts, in the shop's time zone, and what flows take
// from it: the request to match products against (greetings, filler and time words removed, so
// "hola che, mandame 2 kilos de papa para mañana" orders papa and never "Manzana"), and the
// delivery window asked for, kept in the session for the order.
import { isAffirmative, isNegative } from '../nlu/intents.ts';
import { understand, type Understanding } from '../nlu/understanding.ts';
import type { Turn } from './turn.ts';

export function understood(turn: Turn, text: string): Understanding {
  const cached = turn.understood;
  if (cached && cached.text === text) return cached.meaning;
  const meaning = understand(text, { now: turn.now, timeZone: turn.company.timezone });
  turn.understood = { text, meaning };
  return meaning;
}

/** The text flows parse for products: empty when only greetings, filler or a time were said. */
export const requestOf = (turn: Turn, text: string): string => understood(turn, text).request.trim();

/** Keeps "para mañana en la tarde" for the order being built (a later time replaces it). */
export function keepRequestedTime(turn: Turn, text: string): void {
  const when = understood(turn, text).when;
  if (!when || when.to.getTime() < when.from.getTime()) return;
  // A window already over (a typo'd hour "a las 2" said at 3 pm) is not kept as asked.
  if (when.to.getTime() < turn.now.getTime()) return;
  turn.session.requested = { text: when.text.slice(0, 200) || text.slice(0, 200), from: when.from.toISOString(), to: when.to.toISOString() };
}

/** A yes to the question on screen: "sí", "dale", and the regional ones ("de una", "órale va", "sí dale"). */
export const saysYes = (turn: Turn, text: string): boolean => isAffirmative(text) || understood(turn, text).affirm === true;

/** A no to the question on screen: "no", "nel", "no gracias"… */
export const saysNo = (turn: Turn, text: string): boolean => isNegative(text) || understood(turn, text).affirm === false;
