// Hostile messages next to good ones in one signed webhook (issue 7, item 4). Each bad message
// has a customer of its own and a token, so any reply to it is seen at the emulator. Bodies are
// serialised like Meta's (non-ASCII as \uXXXX), so a lone surrogate travels as "\ud800" and a NUL
// inside a key as "\u0000": valid JSON that PostgreSQL cannot hold as is.
import { escapeUnicode, newWamid } from '../helpers/meta-client.ts';
import { envelope, textMessage, unixNow } from './chaos-driver.ts';

const DEPTH = 5_000;
// Stands for the nested value in the object; its serialised form is swapped for the nesting.
const DEEP_MARK = '__chaos_deep__';

type Variant = {
  build: (from: string, token: string) => Record<string, unknown>;
  /**
   * How often a reply may reach its sender. `never`: an invalid message is set aside, not
   * reinterpreted (identity and structure: ids, senders, types, keys, timestamps, depth). `once`:
   * text a customer wrote is cleaned of what PostgreSQL cannot hold (an unpaired surrogate becomes
   * U+FFFD) and answered, exactly once.
   */
  replies: 'never' | 'once';
};

/** The bad message of each variant (from, token given). */
export const MALFORMED_VARIANTS: Record<string, Variant> = {
  'surrogate in text': { replies: 'once', build: (from, token) => textMessage(from, newWamid(), `quiero ${token} \ud800`) },
  'surrogate in id': { replies: 'never', build: (from, token) => textMessage(from, `${newWamid()}\ud800`, `quiero ${token}`) },
  'surrogate in from': { replies: 'never', build: (from, token) => textMessage(`${from}\ud800`, newWamid(), `quiero ${token}`) },
  'surrogate in type': { replies: 'never', build: (from, token) => ({ ...textMessage(from, newWamid(), `quiero ${token}`), type: 'te\ud800xt' }) },
  'NUL inside a key': {
    replies: 'never',
    build: (from, token) => {
      const { text, ...rest } = textMessage(from, newWamid(), `quiero ${token}`);
      return { ...rest, 'te\u0000xt': text };
    },
  },
  'timestamp past a JS Date': { replies: 'never', build: (from, token) => textMessage(from, newWamid(), `quiero ${token}`, '99999999999999999999') },
  'nesting 5,000 levels deep': { replies: 'never', build: (from) => ({ ...textMessage(from, newWamid(), ''), text: { body: DEEP_MARK } }) },
};

export type MalformedDelivery = { body: string; variants: Array<{ variant: string; waId: string; token: string }> };

/**
 * One webhook with good messages (`good`: their from, id and text) and bad ones, in one change,
 * as Meta batches them. Contacts list every sender, as Meta's do.
 */
export function malformedDelivery(
  phoneNumberId: string,
  good: Array<{ waId: string; id: string; text: string }>,
  bad: Array<{ variant: string; waId: string; token: string }>,
): MalformedDelivery {
  const messages: Record<string, unknown>[] = [];
  // Good and bad interleaved: a bad message first, between and after good ones.
  const badMessages = bad.map((b) => MALFORMED_VARIANTS[b.variant]!.build(b.waId, b.token));
  for (let i = 0; i < Math.max(good.length, badMessages.length); i++) {
    if (badMessages[i]) messages.push(badMessages[i]!);
    const g = good[i];
    if (g) messages.push(textMessage(g.waId, g.id, g.text, unixNow()));
  }
  const contacts = [...good.map((g) => g.waId), ...bad.map((b) => b.waId)].map((waId) => ({ profile: { name: 'Cliente Caos' }, wa_id: waId }));
  const json = escapeUnicode(JSON.stringify(envelope(phoneNumberId, { contacts, messages })));
  return { body: json.replaceAll(JSON.stringify(DEEP_MARK), `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`), variants: bad };
}
