// A customer's messages pending together in one drain, read as one turn where that is what they
// meant: "quiero 2 garrafones" + "para mañana" is one order for tomorrow, and thirty "sí" in a
// row are one "sí". Pure: which messages are folded into a later one, and the text that later
// one is read with. A folded message is still logged (the inbox shows it), it only gets no reply
// of its own.
import type { InboundContent } from '../../messages/index.ts';
import { normalizeText } from '../nlu/normalize.ts';
import { understand } from '../nlu/understanding.ts';

type Pending = { inboxId: bigint; waId: string; content: InboundContent };

/** What a message becomes: folded into a later one, or read with this text (null: as it came). */
export type BurstPlan = Map<bigint, { folded: true } | { folded: false; text: string }>;

const MAX_MERGED = 1000;
const MAX_TAIL = 60;

/**
 * Adds to the message before it without asking anything of its own: only a delivery time ("para
 * mañana", "en la tarde") or politeness ("porfa", "gracias") — nothing left of the request.
 */
function isTail(text: string, ctx: { now: Date; timeZone: string }): boolean {
  // Tails are short; reading a long message twice (here and in its turn) would only cost time.
  if (text.length > MAX_TAIL) return false;
  const meaning = understand(text, ctx);
  return meaning.request.trim() === '' && !meaning.orderCode && (meaning.when !== undefined || (meaning.polite && meaning.intent !== 'thanks'));
}

/**
 * The plan for a batch (any customers, in the order they wrote): per customer, a run of text
 * messages in a row folds a repeat into the next identical one, and a tail into the message
 * before it. Other messages (taps, pins, media) break a run and are left alone.
 */
export function planBursts(batch: readonly Pending[], ctx: { now: Date; timeZone: string }): BurstPlan {
  const plan: BurstPlan = new Map();
  const last = new Map<string, { inboxId: bigint; text: string } | null>();
  for (const m of batch) {
    if (m.content.type !== 'text') {
      last.set(m.waId, null);
      continue;
    }
    const text = m.content.text.trim();
    const before = last.get(m.waId);
    if (before && text !== '') {
      if (normalizeText(before.text) === normalizeText(text)) {
        plan.set(before.inboxId, { folded: true });
        plan.set(m.inboxId, { folded: false, text: before.text });
        last.set(m.waId, { inboxId: m.inboxId, text: before.text });
        continue;
      }
      if (before.text.length + text.length < MAX_MERGED && isTail(text, ctx)) {
        const merged = `${before.text}\n${text}`;
        plan.set(before.inboxId, { folded: true });
        plan.set(m.inboxId, { folded: false, text: merged });
        last.set(m.waId, { inboxId: m.inboxId, text: merged });
        continue;
      }
    }
    last.set(m.waId, { inboxId: m.inboxId, text });
  }
  return plan;
}

/** The content a message's turn reads: the merged text, or what came; null when it was folded. */
export function contentAfterBursts(plan: BurstPlan, m: Pending): InboundContent | null {
  const p = plan.get(m.inboxId);
  if (!p) return m.content;
  return p.folded ? null : { type: 'text', text: p.text };
}
