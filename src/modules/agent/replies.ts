// The agent's replies are built by the conversations module's builders (whatsapp-limits.ts:
// cut to WhatsApp's limits, never refused by the provider); what is the agent's own is here.
import type { OutboundContent } from '../messages/index.ts';

/** The words of a reply, for memory and the guards. */
export const replyText = (c: OutboundContent): string =>
  c.kind === 'text' ? c.body : c.kind === 'buttons' ? `${c.body}\n${c.buttons.map((b) => `[${b.title}]`).join(' ')}` : c.kind === 'list' ? `${c.body}\n${c.sections.flatMap((s) => s.rows.map((r) => `[${r.title}]`)).join(' ')}` : c.kind === 'image' ? (c.caption ?? '') : '';
