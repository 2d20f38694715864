// Options as numbered text, for providers without interactive messages (Twilio's freeform
// WhatsApp messages have no reply buttons or lists). A button or list message goes out as its
// text with the options numbered ("1️⃣ Confirmar"); what the customer types back — the number, or
// an option's title — is read as a tap on that option, so every flow works as with buttons.
//
// The reply is read against the last message the customer was sent (the message log's newest
// outbound row to them), before the turn runs. Only a conversation's first message of a batch is
// read that way: a later one answers a reply this batch has not written yet, and stays text
// (the flows understand numbers where they list options: menu, product choice, addresses, cart).
import type { PoolRegistry } from '../../platform/db/pools.ts';
import type { ResolvedChannel } from '../companies/index.ts';
import { lastSentPayloads, outboundContentSchema, type InboundContent, type OutboundContent } from '../messages/index.ts';
import { t } from './channels.messages.ts';
import type { ProviderRegistry } from './provider-registry.ts';
import { truncate } from '../../platform/text.ts';

export type Option = { id: string; title: string; description?: string };

/** The tappable options of a message, in the order they are shown (and numbered). */
export function optionsOf(content: OutboundContent): Option[] {
  if (content.kind === 'buttons') return content.buttons.map((b) => ({ id: b.id, title: b.title }));
  if (content.kind === 'list') return content.sections.flatMap((s) => s.rows);
  return [];
}

// Options whose titles are numbers (quantities: "1", "2", "3") are not numbered: "3" typed must
// mean three, not the third option.
const isNumeric = (title: string) => /^\s*\d+([.,]\d+)?\s*$/.test(title);
const numbered = (options: Option[]) => options.length > 0 && !options.some((o) => isNumeric(o.title));

/** 1️⃣ … 9️⃣, 🔟, then keycap digits (1️⃣1️⃣): as the menu numbers its options. */
export function keycapNumber(n: number): string {
  if (n === 10) return '🔟';
  return [...String(n)].map((d) => `${d}\uFE0F\u20E3`).join('');
}

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[*_~¡!¿?.,;:()"'«»]/g, ' ').replace(/\s+/g, ' ').trim();


/**
 * Whether the body already shows the options numbered in order (the main menu does): each
 * option has a line starting with its number (1️⃣, "1." or "1)") and carrying its title.
 */
function listsOptions(body: string, options: Option[]): boolean {
  const lines = body.split('\n').map((l) => l.trim());
  return options.length > 0 && options.every((o, i) => {
    const marks = [keycapNumber(i + 1), `${i + 1}.`, `${i + 1})`];
    return lines.some((l) => marks.some((m) => l.startsWith(m)) && fold(l).includes(fold(o.title)));
  });
}

/**
 * A button or list message as one text of at most `maxLength` characters: header, body, the
 * options (numbered, with their descriptions), footer and a line on how to answer. Options the
 * body already lists (the main menu numbers its own) are not repeated. When it does not fit,
 * descriptions go first, then the body is shortened: the options are what the customer needs.
 */
export function renderOptionsAsText(content: OutboundContent, maxLength: number): string {
  if (content.kind === 'text') return truncate(content.body, maxLength);
  if (content.kind === 'image') return truncate(content.caption ?? '', maxLength);
  if (content.kind === 'template') return truncate(content.params.join('\n'), maxLength);
  const options = optionsOf(content);
  const listed = listsOptions(content.body, options);
  const lines = (withDescriptions: boolean) => {
    if (listed) return [];
    if (!numbered(options)) return [];
    const sections = content.kind === 'list' && content.sections.length > 1 ? content.sections : undefined;
    const out: string[] = [];
    let n = 0;
    for (const section of sections ?? [{ title: '', rows: options }]) {
      if (sections) out.push(`*${section.title}*`);
      for (const o of section.rows) {
        n++;
        const description = withDescriptions && 'description' in o && o.description ? ` — ${o.description}` : '';
        out.push(`${keycapNumber(n)} ${o.title}${description}`);
      }
    }
    return out;
  };
  const hint = listed ? null : numbered(options) ? t.replyWithNumber : t.replyWithOneOf(options.map((o) => o.title));
  const header = content.header ? `*${content.header}*` : null;
  const compose = (body: string, withDescriptions: boolean) =>
    [header, body, lines(withDescriptions).join('\n') || null, content.footer ?? null, hint].filter((p): p is string => Boolean(p)).join('\n\n');
  const full = compose(content.body, true);
  if (full.length <= maxLength) return full;
  const short = compose(content.body, false);
  if (short.length <= maxLength) return short;
  const room = maxLength - (short.length - content.body.length);
  return room > 20 ? compose(truncate(content.body, room), false) : truncate(short, maxLength);
}

const WORDS: Record<string, number> = { uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10 };
const LEAD = /^(?:(?:la|el|opcion|op|numero|num|no|#)\s*)*/;

/** "2", "2.", "#2", "opción 2", "la dos", "2️⃣" → 2; anything else → null. */
export function typedNumber(text: string): number | null {
  const keycaps = text.trim().match(/^(\d)\uFE0F?\u20E3$/u) ?? (text.trim() === '🔟' ? ['🔟', '10'] : null);
  if (keycaps) return Number(keycaps[1]);
  const rest = fold(text).replace('#', '# ').trim().replace(LEAD, '').trim();
  if (/^\d{1,2}$/.test(rest)) return Number(rest);
  return WORDS[rest] ?? null;
}

/** The option a typed text chooses in a message shown as text: its number, or its title. */
export function optionForText(content: OutboundContent, text: string): Option | null {
  const options = optionsOf(content);
  if (options.length === 0) return null;
  if (numbered(options)) {
    const n = typedNumber(text);
    if (n !== null && n >= 1 && n <= options.length) return options[n - 1]!;
  }
  const typed = fold(text);
  if (typed === '') return null;
  return options.find((o) => fold(o.title) === typed) ?? null;
}

/**
 * Reads typed choices of channels whose provider shows options as text: a text message that
 * picks an option of the last message its customer was sent becomes a tap on it. `items` are in
 * the order the customer wrote; only each conversation's first item is read (see above).
 */
export function resolveTypedOptions(deps: { pools: PoolRegistry; providers: ProviderRegistry }) {
  return async <T extends { waId: string; content: InboundContent }>(channel: ResolvedChannel, items: T[]): Promise<T[]> => {
    if (!deps.providers.for(channel).optionsAsText) return items;
    const first = new Map<string, T>();
    for (const item of items) if (!first.has(item.waId)) first.set(item.waId, item);
    const candidates = [...first.values()].filter((i) => i.content.type === 'text');
    if (candidates.length === 0) return items;
    const log = { pool: deps.pools.get(channel.company.db.url), schema: channel.company.db.schema };
    const payloads = await lastSentPayloads(log, candidates.map((c) => c.waId));
    const shown = new Map([...payloads].map(([waId, payload]) => [waId, outboundContentSchema.safeParse(payload)]));
    return items.map((item) => {
      const last = shown.get(item.waId);
      if (first.get(item.waId) !== item || item.content.type !== 'text' || !last?.success) return item;
      const option = optionForText(last.data, item.content.text);
      return option ? { ...item, content: { type: 'interactive', replyId: option.id, title: option.title } } : item;
    });
  };
}
