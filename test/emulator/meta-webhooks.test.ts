import { describe, expect, it } from 'vitest';
import { buildInboundWebhook, buildStatusWebhook } from '../../src/emulator/meta-webhooks.ts';
import { escapeNonAscii, serializeWebhook, signBody, signWebhook } from '../../src/emulator/webhook-signing.ts';

const business = { phoneNumberId: '106540352242922', wabaId: '102290129340398', displayPhoneNumber: '15550783881' };

// Reference §3: the body exactly as Meta sends it (non-ASCII escaped as lowercase \uXXXX).
const VECTOR_BODY =
  '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Jos\\u00e9"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.TEST","timestamp":"1749416383","type":"text","text":{"body":"Ol\\u00e1 \\ud83d\\udc4b"}}]},"field":"messages"}]}]}';

function firstMessage(payload: ReturnType<typeof buildInboundWebhook>) {
  const value = payload.entry[0]?.changes[0]?.value;
  return { value, message: value?.messages?.[0] };
}

describe('signature (reference §3 test vector)', () => {
  it('signs the escaped bytes with the app secret as Meta does', () => {
    expect(signBody(VECTOR_BODY, 'test_app_secret')).toBe(
      'sha256=75d206650ec64040aaceed6e724e6376195c954f18489f49b608966a4dbd0fb7',
    );
  });

  it('builds and serialises the vector payload to exactly the bytes Meta signs', () => {
    const payload = buildInboundWebhook({
      ...business,
      from: '16505551234',
      name: 'José',
      id: 'wamid.TEST',
      timestamp: 1749416383,
      type: 'text',
      text: 'Olá 👋',
    });
    const signed = signWebhook(payload, 'test_app_secret');
    expect(signed.body).toBe(VECTOR_BODY);
    expect(signed.headers['x-hub-signature-256']).toBe(
      'sha256=75d206650ec64040aaceed6e724e6376195c954f18489f49b608966a4dbd0fb7',
    );
  });

  it('a raw UTF-8 serialisation gives a different signature', () => {
    const raw = JSON.stringify(JSON.parse(VECTOR_BODY));
    expect(raw).toContain('José');
    expect(signBody(raw, 'test_app_secret')).toBe(
      'sha256=0a5d121d1a5fc1505e969ffb36966d9115460541838f494ee966d46292bb6e8a',
    );
  });

  it('escapes accents and emoji (as surrogate pairs) in lowercase hex and leaves ASCII alone', () => {
    expect(escapeNonAscii('"äöå ñ 👋 ok"')).toBe('"\\u00e4\\u00f6\\u00e5 \\u00f1 \\ud83d\\udc4b ok"');
    expect(serializeWebhook({ u: 'https://x.y/z' }, { escapeSlashes: true })).toBe('{"u":"https:\\/\\/x.y\\/z"}');
  });
});

describe('inbound webhook builder', () => {
  it('builds a text message in the Meta envelope with the WABA id and string timestamp', () => {
    const payload = buildInboundWebhook({ ...business, from: '+52 1 55 1234 5678', name: 'Ana', type: 'text', text: 'hola' });
    expect(payload.object).toBe('whatsapp_business_account');
    expect(payload.entry[0]?.id).toBe('102290129340398');
    expect(payload.entry[0]?.changes[0]?.field).toBe('messages');
    const { value, message } = firstMessage(payload);
    expect(value?.metadata).toEqual({ display_phone_number: '15550783881', phone_number_id: '106540352242922' });
    expect(value?.contacts).toEqual([{ profile: { name: 'Ana' }, wa_id: '5215512345678' }]);
    expect(message).toMatchObject({ from: '5215512345678', type: 'text', text: { body: 'hola' } });
    expect(message?.id).toMatch(/^wamid\./);
    expect(message?.timestamp).toMatch(/^\d+$/);
  });

  it('builds a list_reply with context and no text key', () => {
    const payload = buildInboundWebhook({
      ...business,
      from: '5215512345678',
      contextId: 'wamid.MENU',
      type: 'interactive',
      reply: { kind: 'list_reply', id: 'cat:tacos', title: 'Tacos', description: 'De pastor' },
    });
    const { message } = firstMessage(payload);
    expect(message?.context).toEqual({ from: '15550783881', id: 'wamid.MENU' });
    expect(message?.interactive).toEqual({
      type: 'list_reply',
      list_reply: { id: 'cat:tacos', title: 'Tacos', description: 'De pastor' },
    });
    expect(message).not.toHaveProperty('text');
  });

  it('builds a button_reply with a context even when none is given', () => {
    const { message } = firstMessage(
      buildInboundWebhook({ ...business, from: '1', type: 'interactive', reply: { kind: 'button_reply', id: 'yes', title: 'Sí' } }),
    );
    expect(message?.interactive).toEqual({ type: 'button_reply', button_reply: { id: 'yes', title: 'Sí' } });
    expect(message?.context?.id).toMatch(/^wamid\./);
  });

  it('builds a location with numeric coordinates', () => {
    const { message } = firstMessage(
      buildInboundWebhook({
        ...business,
        from: '5215512345678',
        type: 'location',
        location: { latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' },
      }),
    );
    expect(message?.location).toEqual({ latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' });
  });

  it('builds a sticker and a voice note with media ids', () => {
    const sticker = firstMessage(buildInboundWebhook({ ...business, from: '1', type: 'sticker' })).message;
    expect(sticker?.sticker).toMatchObject({ mime_type: 'image/webp', animated: false });
    expect((sticker?.sticker as { id: string }).id).toMatch(/^\d{16}$/);
    const audio = firstMessage(buildInboundWebhook({ ...business, from: '1', type: 'audio' })).message;
    expect(audio?.audio).toMatchObject({ mime_type: 'audio/ogg; codecs=opus', voice: true });
  });

  it('builds reactions, removals without emoji, unsupported and system messages', () => {
    const removal = firstMessage(buildInboundWebhook({ ...business, from: '1', type: 'reaction', messageId: 'wamid.X' })).message;
    expect(removal?.reaction).toEqual({ message_id: 'wamid.X' });
    const unsupported = firstMessage(buildInboundWebhook({ ...business, from: '1', type: 'unsupported' })).message;
    expect(unsupported?.errors?.[0]?.code).toBe(131051);
    const system = buildInboundWebhook({ ...business, from: '1', type: 'system', newWaId: '2' });
    expect(system.entry[0]?.changes[0]?.value.contacts).toBeUndefined();
  });
});

describe('status webhook builder', () => {
  it('builds a read status without conversation', () => {
    const payload = buildStatusWebhook({ ...business, id: 'wamid.A', status: 'read', recipientId: '+1 650', timestamp: 1750030090 });
    expect(payload.entry[0]?.changes[0]?.value.statuses).toEqual([
      { id: 'wamid.A', status: 'read', timestamp: '1750030090', recipient_id: '1650' },
    ]);
  });

  it('failed statuses carry errors and no pricing', () => {
    const payload = buildStatusWebhook({
      ...business,
      id: 'wamid.A',
      status: 'failed',
      recipientId: '1',
      pricing: { billable: false, pricing_model: 'PMP', type: 'regular', category: 'service' },
      errors: [{ code: 131047, title: 't', message: 't', error_data: { details: 'd' } }],
    });
    const status = payload.entry[0]?.changes[0]?.value.statuses?.[0];
    expect(status?.pricing).toBeUndefined();
    expect(status?.errors?.[0]?.code).toBe(131047);
  });
});
