import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { TenantTx } from '../../platform/db/clients.ts';
import { truncate } from '../../platform/text.ts';
import type { OutboundContent } from '../messages/index.ts';
import { findActiveProduct, formatUnitPrice, preparePhoto } from '../catalog/index.ts';
import { companyPrefix, type Storage } from '../storage/index.ts';
import { inboxMessages as m } from './conversations-api.messages.ts';

// What a staff member can send: text, an image they uploaded, a product card (its photo, name and
// price), or — outside the 24-hour window — one of the company's approved templates.

export type ReplyInput =
  | { kind: 'text'; text: string }
  | { kind: 'image'; uploadId: string; caption?: string | undefined }
  | { kind: 'product'; productId: string; caption?: string | undefined }
  | { kind: 'template'; name: string; params: string[] };

export type ShopForReply = {
  name: string;
  currency: string;
  locale: string;
  channelId: string | null;
  /** Approved templates the company may start a conversation with. */
  templates: { name: string; language: string }[];
};

type Ctx = { company: { id: string }; shop: ShopForReply; storage: Storage };

// WhatsApp's caption limit is 1,024 characters.
const CAPTION_MAX = 1024;

/** Staff uploads live with the product photos (public: WhatsApp fetches them by link) under a random id. */
export const uploadKey = (companyId: string, uploadId: string) => `${companyPrefix('public', companyId)}inbox/${uploadId.toLowerCase()}.jpg`;

/** Checks an uploaded image by its content, re-encodes it for WhatsApp and stores it; the id goes in a reply. */
export async function storeReplyImage(storage: Storage, companyId: string, bytes: Buffer) {
  if (bytes.length === 0) throw new AppError('VALIDATION', m.imageRequired);
  const photo = await preparePhoto(bytes);
  const uploadId = randomUUID();
  const key = uploadKey(companyId, uploadId);
  await storage.put(key, photo.bytes, photo.contentType);
  return { uploadId, url: storage.url(key), width: photo.width, height: photo.height, sizeBytes: photo.bytes.length };
}

export async function composeReply(tx: TenantTx, ctx: Ctx, input: ReplyInput): Promise<OutboundContent> {
  switch (input.kind) {
    case 'text':
      return { kind: 'text', body: input.text };
    case 'image': {
      const key = uploadKey(ctx.company.id, input.uploadId);
      if (!(await ctx.storage.get(key))) throw new AppError('NOT_FOUND', m.uploadNotFound, { uploadId: input.uploadId });
      return { kind: 'image', link: ctx.storage.url(key), ...(input.caption ? { caption: input.caption } : {}) };
    }
    case 'product': {
      const product = await findActiveProduct(tx, input.productId);
      if (!product) throw new AppError('NOT_FOUND', m.productNotFound, { productId: input.productId });
      const card = [`*${product.name}*`, formatUnitPrice(product.price, product.unit, ctx.shop), product.description, input.caption]
        .filter((line): line is string => Boolean(line && line.trim()))
        .join('\n');
      const caption = truncate(card, CAPTION_MAX);
      return product.imageUrl ? { kind: 'image', link: product.imageUrl, caption } : { kind: 'text', body: caption };
    }
    case 'template': {
      const template = ctx.shop.templates.find((t) => t.name === input.name);
      if (!template) throw new AppError('VALIDATION', m.templateUnknown, { templates: ctx.shop.templates });
      return { kind: 'template', name: template.name, language: template.language, params: input.params };
    }
  }
}
