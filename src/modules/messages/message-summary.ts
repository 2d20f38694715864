import { z } from 'zod';
import type { InboundContent, OutboundContent } from './messages.types.ts';

// The message log keeps a plain-text body next to the JSON payload so the staff inbox and
// search can show any message without knowing every interactive shape.

export function summarizeOutbound(content: OutboundContent): string {
  switch (content.kind) {
    case 'text':
      return content.body;
    case 'buttons':
      return `${content.body}\n[${content.buttons.map((b) => b.title).join(' | ')}]`;
    case 'list':
      return `${content.body}\n[${content.sections.flatMap((s) => s.rows.map((r) => r.title)).join(' | ')}]`;
    case 'image':
      return content.caption ?? content.link;
    case 'template':
      return `[plantilla ${content.name}] ${content.params.join(' | ')}`;
  }
}

export function summarizeInbound(content: InboundContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'interactive':
      return content.title;
    case 'location':
      return [`📍 ${content.latitude},${content.longitude}`, content.name, content.address].filter(Boolean).join(' · ');
    case 'media':
      return content.caption ?? `[${content.voice ? 'voice' : content.mediaKind}]`;
    case 'reaction':
      return content.emoji ?? '[reaction removed]';
    case 'order':
      return `[order: ${content.items} items]`;
    case 'system':
      return content.newWaId ? `[number changed to ${content.newWaId}]` : '[system]';
    case 'contacts':
    case 'unsupported':
      return `[${content.type}]`;
  }
}

export function inboundType(content: InboundContent): string {
  return content.type === 'media' ? content.mediaKind : content.type;
}

const button = z.object({ id: z.string(), title: z.string() });
const row = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });

/** Validates a payload read back from the log before handing it to the sender. */
export const outboundContentSchema: z.ZodType<OutboundContent> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), body: z.string() }),
  z.object({
    kind: z.literal('buttons'),
    body: z.string(),
    header: z.string().optional(),
    headerImageUrl: z.string().optional(),
    footer: z.string().optional(),
    buttons: z.array(button),
  }),
  z.object({
    kind: z.literal('list'),
    body: z.string(),
    header: z.string().optional(),
    footer: z.string().optional(),
    button: z.string(),
    sections: z.array(z.object({ title: z.string(), rows: z.array(row) })),
  }),
  z.object({ kind: z.literal('image'), link: z.string(), caption: z.string().optional() }),
  z.object({ kind: z.literal('template'), name: z.string(), language: z.string(), params: z.array(z.string()) }),
]);
