// A customer chatting with a company through either provider, as a person on the phone would:
// they read the messages they get (text and the options offered) and answer by typing or by
// picking an option — a tap on Meta, the option's number typed back on Twilio, whose WhatsApp
// messages have no buttons. Messages go the real way: signed webhook (JSON for Meta, a form for
// Twilio) → inbox → queue → engine → the provider's emulator.
import { inboundPayload, postWebhook, type MetaInbound } from './meta-client.ts';
import { waitFor, type TestCompany } from './platform.ts';
import { inboundForm, postTwilio, type TwilioInbound } from './twilio-client.ts';
import type { Platform } from '../../src/composition.ts';

export type Provider = 'meta' | 'twilio';
export type Option = { title: string; id?: string; n?: number };
/** A message as the customer sees it: its text (caption, body…) and the options it offers. */
export type Seen = { text: string; options: Option[]; image?: string; kind: 'list' | 'buttons' | 'other' };

type MetaRecord = { waId: string; type: string; body: Record<string, unknown> };
type Interactive = { type: string; header?: { image?: { link?: string } }; body?: { text: string }; footer?: { text: string }; action?: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string; description?: string }[] }[] } };

function seenOfMeta(r: MetaRecord): Seen {
  const b = r.body as { text?: { body: string }; interactive?: Interactive; image?: { link?: string; caption?: string }; template?: { components?: { parameters?: { text?: string }[] }[] } };
  if (r.type === 'interactive' && b.interactive) {
    const i = b.interactive;
    const buttons = i.action?.buttons?.map((x) => ({ id: x.reply.id, title: x.reply.title }));
    const rows = i.action?.sections?.flatMap((s) => s.rows.map((x) => ({ id: x.id, title: `${x.title}${x.description ? ` — ${x.description}` : ''}` })));
    return { text: [i.body?.text, i.footer?.text].filter(Boolean).join('\n'), options: buttons ?? rows ?? [], kind: buttons ? 'buttons' : 'list', ...(i.header?.image?.link ? { image: i.header.image.link } : {}) };
  }
  if (r.type === 'image') return { text: b.image?.caption ?? '', options: [], kind: 'other', ...(b.image?.link ? { image: b.image.link } : {}) };
  if (r.type === 'template') return { text: (b.template?.components ?? []).flatMap((c) => c.parameters ?? []).map((p) => p.text).join('\n'), options: [], kind: 'other' };
  return { text: b.text?.body ?? '', options: [], kind: 'other' };
}

const KEYCAP = /^((?:\d\uFE0F?\u20E3)+|🔟) (.+)$/u;
const keycapValue = (k: string) => (k === '🔟' ? 10 : Number(k.replace(/\D/g, '')));

function seenOfTwilio(m: { body: string | null; mediaUrls: string[] }): Seen {
  const text = m.body ?? '';
  const options: Option[] = [];
  for (const line of text.split('\n')) {
    const match = KEYCAP.exec(line.trim());
    if (match) options.push({ n: keycapValue(match[1]!), title: match[2]! });
  }
  return { text, options, kind: 'other', ...(m.mediaUrls[0] ? { image: m.mediaUrls[0] } : {}) };
}

let seq = 0;

export function providerChat(platform: Platform, shop: TestCompany, name = 'María López', opts: { replyTimeoutMs?: number } = {}) {
  const provider = shop.provider as Provider;
  seq++;
  const waId = `52155${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 100000).padStart(5, '0')}${String(seq).padStart(2, '0')}`;

  function replies(): Seen[] {
    if (provider === 'meta') return platform.emulator!.store.listOutbound({ phoneNumberId: shop.phoneNumberId }).filter((m) => m.waId === waId).map((m) => seenOfMeta(m as MetaRecord));
    return platform.twilioEmulator!.store.listMessages({ from: shop.phoneNumberId, to: waId }).map(seenOfTwilio);
  }

  /** The raw delivery of one customer message and how to post it (again). */
  function delivery(message: MetaInbound | TwilioInbound): { id: string; post: (opts?: { badSignature?: boolean }) => Promise<{ status: number; text: string }> } {
    if (provider === 'meta') {
      const { id, payload } = inboundPayload({ phoneNumberId: shop.phoneNumberId, from: waId, name, message: message as MetaInbound });
      return { id, post: (o = {}) => postWebhook(platform.url, payload, o.badSignature ? { secret: 'not-the-app-secret' } : {}) };
    }
    const t = shop.twilio!;
    const { sid, params } = inboundForm({ accountSid: t.accountSid, sender: shop.phoneNumberId, waId, name, message: message as TwilioInbound });
    return { id: sid, post: (o = {}) => postTwilio(platform.url, `/webhook/twilio/${shop.channelId}`, o.badSignature ? 'not-the-auth-token-000000' : t.authToken, params) };
  }

  async function deliver(message: MetaInbound | TwilioInbound): Promise<number> {
    const before = replies().length;
    const d = delivery(message);
    const res = await d.post();
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.text}`);
    return before;
  }

  /** Waits for the reply to what was just sent and returns it. */
  async function replyAfter(before: number, label: string): Promise<Seen> {
    return waitFor(async () => replies()[before], opts.replyTimeoutMs ?? 10_000, `${provider} reply to ${label}`);
  }

  return {
    provider,
    waId,
    replies,
    delivery,
    /** Types a text; resolves with the reply. */
    async say(text: string): Promise<Seen> {
      return replyAfter(await deliver({ type: 'text', text }), text);
    },
    /** Picks the option titled so (or matching) in the latest message that offers it; resolves with the reply. */
    async choose(title: string | RegExp): Promise<Seen> {
      const matches = (o: Option) => (typeof title === 'string' ? o.title === title || o.title.startsWith(`${title} — `) : title.test(o.title));
      const offering = [...replies()].reverse().find((s) => s.options.some(matches));
      const option = offering?.options.find(matches);
      if (provider === 'meta') {
        if (!offering || !option?.id) throw new Error(`no option ${String(title)} offered; last: ${JSON.stringify(replies().at(-1))}`);
        const kind = offering.kind === 'list' ? 'list_reply' : 'button_reply';
        return replyAfter(await deliver({ type: kind, id: option.id, title: option.title.split(' — ')[0]! }), `tap ${String(title)}`);
      }
      // Twilio: the option's number when the message numbers it, else its title as written.
      const typed = option?.n !== undefined ? String(option.n) : typeof title === 'string' ? title : '';
      if (!typed) throw new Error(`no option ${String(title)} offered; last: ${JSON.stringify(replies().at(-1))}`);
      return replyAfter(await deliver({ type: 'text', text: typed }), `typed ${typed}`);
    },
    async shareLocation(latitude: number, longitude: number, label: string): Promise<Seen> {
      const m = provider === 'meta' ? { type: 'location' as const, latitude, longitude, name: label } : { type: 'location' as const, latitude, longitude, label };
      return replyAfter(await deliver(m), 'location');
    },
  };
}
