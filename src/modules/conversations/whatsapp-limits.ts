// Builders for outbound content that always fit WhatsApp's interactive limits
// (reference §5.3–5.5). Over-long texts are cut with "…"; never split inside a surrogate pair.
import type { ListRow, OutboundContent, ReplyButton } from '../messages/index.ts';
import { truncate } from '../../platform/text.ts';

export { truncate };

export const LIMITS = {
  textBody: 4096,
  buttonsBody: 1024,
  listBody: 4096,
  maxButtons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  listButton: 20,
  sectionTitle: 24,
  header: 60,
  footer: 60,
  replyId: 200,
} as const;


export function text(body: string): OutboundContent {
  return { kind: 'text', body: truncate(body, LIMITS.textBody) };
}

// Button titles must be unique within a message.
function uniqueTitles<T extends { title: string }>(items: T[], max: number): T[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let title = truncate(item.title, max);
    for (let n = 2; seen.has(title); n++) title = truncate(`${truncate(item.title, max - 3)} ${n}`, max);
    seen.add(title);
    return { ...item, title };
  });
}

export function buttons(
  body: string,
  items: ReplyButton[],
  opts: { headerImageUrl?: string | null; footer?: string } = {},
): OutboundContent {
  const list = uniqueTitles(items.slice(0, LIMITS.maxButtons), LIMITS.buttonTitle).map((b) => ({
    id: b.id.slice(0, LIMITS.replyId),
    title: b.title,
  }));
  return {
    kind: 'buttons',
    body: truncate(body, LIMITS.buttonsBody),
    buttons: list,
    ...(opts.headerImageUrl ? { headerImageUrl: opts.headerImageUrl } : {}),
    ...(opts.footer ? { footer: truncate(opts.footer, LIMITS.footer) } : {}),
  };
}

export function list(body: string, button: string, sectionTitle: string, rows: ListRow[], opts: { footer?: string } = {}): OutboundContent {
  const fitted = uniqueTitles(rows.slice(0, LIMITS.listRows), LIMITS.rowTitle).map((r) => ({
    id: r.id.slice(0, LIMITS.replyId),
    title: r.title,
    ...(r.description ? { description: truncate(r.description, LIMITS.rowDescription) } : {}),
  }));
  return {
    kind: 'list',
    body: truncate(body, LIMITS.listBody),
    button: truncate(button, LIMITS.listButton),
    sections: [{ title: truncate(sectionTitle, LIMITS.sectionTitle), rows: fitted }],
    ...(opts.footer ? { footer: truncate(opts.footer, LIMITS.footer) } : {}),
  };
}

const bodyLimit = (c: OutboundContent): number =>
  c.kind === 'buttons' ? LIMITS.buttonsBody : c.kind === 'list' ? LIMITS.listBody : LIMITS.textBody;

/**
 * Puts a short notice ("No entendí…", "¡Bienvenido!") above a step's message. When the two do
 * not fit, the notice is shortened: the options below it are what the customer needs to continue.
 */
export function withNotice(notice: string | null | undefined, content: OutboundContent): OutboundContent {
  if (!notice) return content;
  if (content.kind === 'template') return content; // approved text: nothing can be added
  if (content.kind === 'image') return { ...content, caption: truncate(`${notice}\n\n${content.caption ?? ''}`.trim(), 1024) };
  const room = bodyLimit(content) - content.body.length - 2;
  if (room < 20) return content;
  return { ...content, body: `${truncate(notice, room)}\n\n${content.body}` };
}
