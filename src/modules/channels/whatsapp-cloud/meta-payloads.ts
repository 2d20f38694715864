import type { OutboundContent } from '../../messages/index.ts';

// OutboundContent → Meta's `POST /{phone-number-id}/messages` body (reference §5).
export function toMetaMessage(to: string, content: OutboundContent): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: `+${to.replace(/^\+/, '')}` };
  switch (content.kind) {
    case 'text':
      return { ...base, type: 'text', text: { preview_url: false, body: content.body } };
    case 'image':
      return { ...base, type: 'image', image: { link: content.link, ...(content.caption ? { caption: content.caption } : {}) } };
    case 'template':
      return {
        ...base,
        type: 'template',
        template: {
          name: content.name,
          language: { code: content.language },
          ...(content.params.length
            ? { components: [{ type: 'body', parameters: content.params.map((p) => ({ type: 'text', text: p })) }] }
            : {}),
        },
      };
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          ...(content.headerImageUrl
            ? { header: { type: 'image', image: { link: content.headerImageUrl } } }
            : content.header
              ? { header: { type: 'text', text: content.header } }
              : {}),
          body: { text: content.body },
          ...(content.footer ? { footer: { text: content.footer } } : {}),
          action: { buttons: content.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
        },
      };
    case 'list':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          ...(content.header ? { header: { type: 'text', text: content.header } } : {}),
          body: { text: content.body },
          ...(content.footer ? { footer: { text: content.footer } } : {}),
          action: {
            button: content.button,
            sections: content.sections.map((s) => ({
              title: s.title,
              rows: s.rows.map((r) => ({ id: r.id, title: r.title, ...(r.description ? { description: r.description } : {}) })),
            })),
          },
        },
      };
  }
}

// biz_opaque_callback_data of a reply: its message-log row id, echoed by Meta in the reply's status
// webhooks, which is how a send whose answer was lost is settled (status-updates.ts).
export const callbackDataOf = (rowId: bigint | string) => `mst:${rowId}`;
export const rowIdOfCallbackData = (data: unknown): bigint | undefined =>
  typeof data === 'string' && /^mst:\d{1,18}$/.test(data) ? BigInt(data.slice(4)) : undefined;
