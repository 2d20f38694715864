// Validation of `POST /{phone-number-id}/messages` bodies with Meta's limits (reference §5.3-5.8).
// zod checks the structure; the limits are checked by hand because Meta reports each one with
// its own `error_data.details` text (several of these strings are what Meta really returns).
import { z } from 'zod';
import { graphErrors } from './graph-errors.ts';

export const MESSAGE_TYPES = [
  'audio',
  'contacts',
  'document',
  'image',
  'interactive',
  'location',
  'reaction',
  'sticker',
  'template',
  'text',
  'video',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export type SendRequest =
  | { kind: 'read'; messageId: string; typing: boolean }
  | {
      kind: 'message';
      to: string;
      type: MessageType;
      /** The validated request body as received (what the simulator renders). */
      body: Record<string, unknown>;
      bizOpaqueCallbackData?: string;
    };

const mediaSchema = z.object({
  id: z.string().optional(),
  link: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});
const textObject = z.object({ text: z.string() });
const headerSchema = z.object({
  type: z.enum(['text', 'image', 'video', 'document']),
  text: z.string().optional(),
  image: mediaSchema.optional(),
  video: mediaSchema.optional(),
  document: mediaSchema.optional(),
});
const buttonsInteractive = z.object({
  type: z.literal('button'),
  header: headerSchema.optional(),
  body: textObject,
  footer: textObject.optional(),
  action: z.object({
    buttons: z.array(z.object({ type: z.string(), reply: z.object({ id: z.string(), title: z.string() }) })),
  }),
});
const listInteractive = z.object({
  type: z.literal('list'),
  header: headerSchema.optional(),
  body: textObject,
  footer: textObject.optional(),
  action: z.object({
    button: z.string(),
    sections: z.array(
      z.object({
        title: z.string().optional(),
        rows: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional() })),
      }),
    ),
  }),
});
// Other interactive kinds are accepted without deep checks: we never send them yet.
const otherInteractive = z.looseObject({
  type: z.enum([
    'cta_url',
    'flow',
    'product',
    'product_list',
    'catalog_message',
    'location_request_message',
    'address_message',
  ]),
});
const interactiveSchema = z.discriminatedUnion('type', [buttonsInteractive, listInteractive, otherInteractive]);

const TYPE_SCHEMAS: Record<MessageType, z.ZodType> = {
  text: z.object({ body: z.string(), preview_url: z.boolean().optional() }),
  image: mediaSchema,
  video: mediaSchema,
  document: mediaSchema,
  audio: mediaSchema,
  sticker: mediaSchema,
  interactive: interactiveSchema,
  template: z.object({
    name: z.string(),
    language: z.object({ code: z.string(), policy: z.string().optional() }),
    components: z.array(z.looseObject({ type: z.string() })).optional(),
  }),
  location: z.object({
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
  }),
  reaction: z.object({ message_id: z.string(), emoji: z.string() }),
  contacts: z.array(z.looseObject({})).min(1),
};

/** Meta renders parameter paths as interactive['action']['buttons'][0]. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (i === 0 ? String(p) : typeof p === 'number' ? `[${p}]` : `['${String(p)}']`))
    .join('');
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function parseWith<T>(schema: z.ZodType<T>, body: Record<string, unknown>, key: string): T {
  const result = schema.safeParse(body[key]);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [key, ...(issue?.path ?? [])];
  if (issue?.code === 'invalid_union') {
    return failInvalid(`Param ${formatPath(path)} is not a supported value.`);
  }
  if (valueAt(body, path) === undefined) {
    throw graphErrors.missingParameter(`The parameter ${formatPath(path)} is required.`);
  }
  throw graphErrors.invalidParameter(`Param ${formatPath(path)}: ${issue?.message ?? 'invalid value'}.`);
}

function failInvalid(details: string): never {
  throw graphErrors.invalidParameter(details);
}

/** Meta counts characters, not UTF-16 units: an emoji is one character. */
export function charCount(s: string): number {
  return [...s].length;
}

function checkLength(value: string, min: number, max: number, details: string): void {
  const n = charCount(value);
  if (n < min || n > max) throw graphErrors.invalidValue(details);
}

function checkMedia(media: z.infer<typeof mediaSchema>, where: string, captionMax?: number): void {
  if (media.id === undefined && media.link === undefined) {
    throw graphErrors.missingParameter(`Param ${where} must contain one of id or link.`);
  }
  if (media.id !== undefined && media.link !== undefined) {
    throw graphErrors.invalidValue(`Param ${where} must contain only one of id or link, not both.`);
  }
  if (captionMax !== undefined && media.caption !== undefined) {
    checkLength(media.caption, 0, captionMax, `Param ${where}['caption'] must be at most ${captionMax} characters long.`);
  }
}

function checkHeaderAndFooter(
  interactive: { header?: z.infer<typeof headerSchema>; footer?: { text: string } },
  textOnlyHeader: boolean,
): void {
  const { header, footer } = interactive;
  if (header !== undefined) {
    if (header.type === 'text') {
      if (header.text === undefined) throw graphErrors.missingParameter("The parameter interactive['header']['text'] is required.");
      checkLength(header.text, 1, 60, 'Header text length invalid. Min length: 1, Max length: 60');
    } else if (textOnlyHeader) {
      throw graphErrors.invalidValue('Header type must be text for list messages.');
    } else {
      const media = header[header.type];
      if (media === undefined) throw graphErrors.missingParameter(`The parameter interactive['header']['${header.type}'] is required.`);
      checkMedia(media, `interactive['header']['${header.type}']`);
    }
  }
  if (footer !== undefined) checkLength(footer.text, 1, 60, 'Footer text length invalid. Min length: 1, Max length: 60');
}

function checkButtons(msg: z.infer<typeof buttonsInteractive>): void {
  checkHeaderAndFooter(msg, false);
  checkLength(msg.body.text, 1, 1024, 'Body text length invalid. Min length: 1, Max length: 1024');
  const buttons = msg.action.buttons;
  if (buttons.length < 1 || buttons.length > 3) {
    throw graphErrors.invalidValue('Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3');
  }
  const titles = new Set<string>();
  const ids = new Set<string>();
  for (const [i, button] of buttons.entries()) {
    if (button.type !== 'reply') {
      failInvalid(`Param interactive['action']['buttons'][${i}]['type'] must be one of {REPLY} - got "${button.type}".`);
    }
    checkLength(button.reply.title, 1, 20, 'Button title length invalid. Min length: 1, Max length: 20');
    checkLength(button.reply.id, 1, 256, 'Button ID length invalid. Min length: 1, Max length: 256');
    if (titles.has(button.reply.title)) throw graphErrors.invalidValue(`Duplicate button title: "${button.reply.title}". Button titles must be unique.`);
    if (ids.has(button.reply.id)) throw graphErrors.invalidValue(`Duplicate button ID: "${button.reply.id}". Button IDs must be unique.`);
    titles.add(button.reply.title);
    ids.add(button.reply.id);
  }
}

function checkList(msg: z.infer<typeof listInteractive>): void {
  checkHeaderAndFooter(msg, true);
  checkLength(msg.body.text, 1, 4096, 'Body text length invalid. Min length: 1, Max length: 4096');
  checkLength(msg.action.button, 1, 20, 'Button label length invalid. Min length: 1, Max length: 20');
  const sections = msg.action.sections;
  if (sections.length < 1 || sections.length > 10) {
    throw graphErrors.invalidValue('Invalid sections count. Min allowed sections: 1, Max allowed sections: 10');
  }
  const totalRows = sections.reduce((n, s) => n + s.rows.length, 0);
  if (totalRows > 10) throw graphErrors.invalidValue('Total row count exceed max allowed count: 10');
  const rowIds = new Set<string>();
  for (const section of sections) {
    if (section.title === undefined) {
      if (sections.length > 1) throw graphErrors.missingParameter('Section title is required when there is more than one section.');
    } else {
      checkLength(section.title, 1, 24, 'Section title is too long. Max length is 24');
    }
    if (section.rows.length === 0) throw graphErrors.invalidValue('Each section must have at least one row.');
    for (const row of section.rows) {
      checkLength(row.title, 1, 24, 'Row title is too long. Max length is 24');
      checkLength(row.id, 1, 200, 'Row ID is too long. Max length is 200');
      if (row.description !== undefined) checkLength(row.description, 0, 72, 'Row description is too long. Max length is 72');
      if (rowIds.has(row.id)) throw graphErrors.invalidValue(`Duplicate row ID: "${row.id}". Row IDs must be unique.`);
      rowIds.add(row.id);
    }
  }
}

function checkTypeBody(type: MessageType, body: Record<string, unknown>): void {
  const parsed = parseWith(TYPE_SCHEMAS[type], body, type);
  switch (type) {
    case 'text': {
      const text = parsed as { body: string };
      checkLength(text.body, 1, 4096, "Param text['body'] must be between 1 and 4096 characters long.");
      return;
    }
    case 'image':
    case 'video':
    case 'document':
      return checkMedia(parsed as z.infer<typeof mediaSchema>, type, 1024);
    case 'audio':
    case 'sticker':
      return checkMedia(parsed as z.infer<typeof mediaSchema>, type);
    case 'interactive': {
      const interactive = parsed as z.infer<typeof interactiveSchema>;
      if (interactive.type === 'button') checkButtons(interactive);
      else if (interactive.type === 'list') checkList(interactive);
      return;
    }
    default:
      return;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validates a send request exactly as Meta does; throws GraphApiError with Meta's envelope. */
export function validateSendRequest(raw: unknown): SendRequest {
  if (!isRecord(raw)) failInvalid('The request body must be a JSON object.');
  if (raw.messaging_product === undefined) failInvalid('The parameter messaging_product is required.');
  if (raw.messaging_product !== 'whatsapp') {
    failInvalid(`Param messaging_product must be one of {WHATSAPP} - got "${String(raw.messaging_product)}".`);
  }

  // Mark-as-read (optionally with typing indicator) has no `to` and no `type` (reference §5.8).
  if (raw.status !== undefined) {
    if (raw.status !== 'read') failInvalid(`Param status must be one of {READ} - got "${String(raw.status)}".`);
    if (typeof raw.message_id !== 'string' || raw.message_id === '') {
      throw graphErrors.missingParameter('The parameter message_id is required.');
    }
    const typing = raw.typing_indicator;
    if (typing !== undefined && (!isRecord(typing) || typing.type !== 'text')) {
      failInvalid("Param typing_indicator['type'] must be one of {TEXT}.");
    }
    return { kind: 'read', messageId: raw.message_id, typing: typing !== undefined };
  }

  if (raw.to === undefined) throw graphErrors.missingParameter('The parameter to is required.');
  if (typeof raw.to !== 'string' || !/\d/.test(raw.to)) failInvalid('Param to must be a valid phone number.');
  if (raw.recipient_type !== undefined && raw.recipient_type !== 'individual' && raw.recipient_type !== 'group') {
    failInvalid(`Param recipient_type must be one of {INDIVIDUAL, GROUP} - got "${String(raw.recipient_type)}".`);
  }
  // `type` is optional and defaults to text.
  const type = raw.type ?? 'text';
  if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    failInvalid(
      `Param type must be one of {${MESSAGE_TYPES.map((t) => t.toUpperCase()).join(', ')}} - got "${String(type)}".`,
    );
  }
  const messageType = type as MessageType;
  if (raw[messageType] === undefined) throw graphErrors.missingParameter(`The parameter ${messageType} is required.`);
  if (raw.context !== undefined && (!isRecord(raw.context) || typeof raw.context.message_id !== 'string')) {
    throw graphErrors.missingParameter("The parameter context['message_id'] is required.");
  }
  const opaque = raw.biz_opaque_callback_data;
  if (opaque !== undefined && (typeof opaque !== 'string' || charCount(opaque) > 512)) {
    throw graphErrors.invalidValue('Param biz_opaque_callback_data must be a string of at most 512 characters.');
  }
  checkTypeBody(messageType, raw);
  return {
    kind: 'message',
    to: raw.to,
    type: messageType,
    body: raw,
    ...(typeof opaque === 'string' ? { bizOpaqueCallbackData: opaque } : {}),
  };
}
