// What one customer message means, in one pure call: the intent, the request with greetings and
// filler removed, a cart edit, a question, a requested delivery window, an order code.
// This is the contract the flows read (issue 9). The body below is a first stub over detectIntent;
// the real implementation replaces it without changing these types.
import { detectIntent, isAffirmative, isNegative, smallTalk } from './intents.ts';

export type Region = 'mx' | 'ar' | 'co' | 'pe' | 'cl' | 'ca';
export type Quantity = { value: number; unit?: 'kg' | 'g' | 'l' | 'ml' | 'unit' | string };
/** A requested delivery window in absolute time. */
export type RequestedWindow = { text: string; from: Date; to: Date };
export type Understanding = {
  intent:
    | 'order' // items to add ("quiero 2 garrafones", "mandame 1 kilo de papa")
    | 'edit' // cart edit, see `edit`
    | 'question' // see `question`
    | 'status' | 'cancel' | 'advisor' | 'catalog' | 'menu' | 'repeat_order'
    | 'greeting' | 'thanks' | 'affirm' | 'deny' | 'ack' /* 👍 ok va */ | 'laugh' /* jaja */
    | 'unknown';
  /** The request with greetings, politeness and filler removed ("hola che, mandame 2 kilos de
   *  papa para mañana xfa" → "2 kilos de papa"); time expressions removed too. What flows match
   *  products against. */
  request: string;
  greeting: boolean; // a greeting was present (even when the intent is another)
  polite: boolean; // please/thanks present
  edit?: {
    kind: 'set' | 'replace' | 'remove' | 'clear';
    target?: string /* product text; absent = last line */;
    quantity?: Quantity;
    replacement?: string /* product text for replace */;
    replacementQuantity?: Quantity;
  };
  question?: {
    kind: 'price' | 'availability' | 'hours' | 'delivery' | 'delivery_area' | 'payment' | 'location' | 'other';
    product?: string;
    area?: string;
  };
  when?: RequestedWindow; // "para mañana en la tarde", "el sábado temprano", "después de las 6"
  orderCode?: string; // "P-1003" as written, normalised upper-case
  affirm?: boolean; // yes-like/no-like, for confirmations (also set for intent affirm/deny)
};
export type UnderstandContext = { now: Date; timeZone: string };

/** Stub: today's detectIntent behind the new contract (replaced by the full rules). */
export function understand(text: string, _ctx: UnderstandContext): Understanding {
  const intent = detectIntent(text);
  const yes = isAffirmative(text);
  const no = !yes && isNegative(text);
  const talk = smallTalk(text);
  const out: Understanding = {
    intent: yes ? 'affirm' : no ? 'deny' : talk === 'laugh' ? 'laugh' : talk === 'ack' || talk === 'emoji' ? 'ack' : intent ?? 'unknown',
    request: text.trim(),
    greeting: intent === 'greeting',
    polite: /\b(por favor|porfa|gracias)\b/i.test(text),
  };
  if (yes || no) out.affirm = yes;
  return out;
}
