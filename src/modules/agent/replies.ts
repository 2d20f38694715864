// Replies within WhatsApp's limits (text 4096, button body 1024, 3 buttons of 20 characters,
// 10 list rows of 24): the agent's answers are cut to fit, never refused by the provider.
import type { ListRow, OutboundContent, ReplyButton } from '../messages/index.ts';
import { truncate } from '../../platform/text.ts';

export const textReply = (body: string, max = 4096): OutboundContent => ({ kind: 'text', body: truncate(body, Math.min(max, 4096)) });

function unique<T extends { title: string }>(items: T[], max: number): T[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let title = truncate(item.title, max);
    for (let n = 2; seen.has(title); n++) title = truncate(`${truncate(item.title, max - 3)} ${n}`, max);
    seen.add(title);
    return { ...item, title };
  });
}

export const buttonsReply = (body: string, items: ReplyButton[]): OutboundContent => ({
  kind: 'buttons',
  body: truncate(body, 1024),
  buttons: unique(items.slice(0, 3), 20).map((b) => ({ id: b.id.slice(0, 200), title: b.title })),
});

export const listReply = (body: string, button: string, rows: ListRow[]): OutboundContent => ({
  kind: 'list',
  body: truncate(body, 4096),
  button: truncate(button, 20),
  sections: [{ title: 'Opciones', rows: unique(rows.slice(0, 10), 24).map((r) => ({ id: r.id.slice(0, 200), title: r.title })) }],
});

/** A short notice above a reply (the body that fits keeps the reply's options). */
export function withNotice(notice: string, content: OutboundContent): OutboundContent {
  if (content.kind === 'text' || content.kind === 'buttons' || content.kind === 'list') {
    const max = content.kind === 'buttons' ? 1024 : 4096;
    return { ...content, body: truncate(`${notice}\n\n${content.body}`, max) };
  }
  return content;
}

/** The words of a reply, for memory and the guards. */
export const replyText = (c: OutboundContent): string =>
  c.kind === 'text' ? c.body : c.kind === 'buttons' ? `${c.body}\n${c.buttons.map((b) => `[${b.title}]`).join(' ')}` : c.kind === 'list' ? `${c.body}\n${c.sections.flatMap((s) => s.rows.map((r) => `[${r.title}]`)).join(' ')}` : c.kind === 'image' ? (c.caption ?? '') : '';
