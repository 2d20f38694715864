import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from '../../src/modules/channels/twilio/twilio-signature.ts';
import { parseTwilioPost } from '../../src/modules/channels/twilio/twilio-payload.ts';
import { describeTwilioError } from '../../src/modules/channels/twilio/twilio-errors.ts';
import { twilioFieldsOf } from '../../src/modules/channels/twilio/twilio-messages.ts';
import { signTwilioPost } from '../../src/emulator/twilio-posts.ts';
import { inboundForm, statusForm, twilioSign } from '../helpers/twilio-client.ts';

// Twilio's wire format, without a server: signatures (reference §8.3 test vectors), the form posts
// of messages and statuses (§8.2, §8.5), error codes (§8.6) and the send fields (§8.4).

const SID = 'SM0123456789abcdef0123456789abcdef';
const ACCOUNT = `AC${'0'.repeat(32)}`;
const SANDBOX: [string, string][] = [
  ['SmsMessageSid', SID], ['NumMedia', '0'], ['ProfileName', 'Sheena Nelson'], ['MessageType', 'text'], ['SmsSid', SID],
  ['WaId', '16505551234'], ['SmsStatus', 'received'], ['Body', 'Hello 👋'], ['To', 'whatsapp:+14155238886'], ['NumSegments', '1'],
  ['ReferralNumMedia', '0'], ['MessageSid', SID], ['AccountSid', ACCOUNT],
  ['ChannelMetadata', '{"type":"whatsapp","data":{"context":{"ProfileName":"Sheena Nelson","WaId":"16505551234"}}}'],
  ['From', 'whatsapp:+16505551234'], ['ApiVersion', '2010-04-01'],
];

describe('X-Twilio-Signature', () => {
  it('matches twilio-node on the documented test vectors', () => {
    const call: [string, string][] = [['CallSid', 'CA1234567890ABCDE'], ['Caller', '+12349013030'], ['Digits', '1234'], ['From', '+12349013030'], ['To', '+18005551212']];
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', call)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilioSignature('test_auth_token', 'https://example.ngrok.app/twilio/whatsapp/inbound', SANDBOX)).toBe('CzDAGHnWKzZxxnYfiu4K6tTXdCU=');
  });

  it('the emulator and the test peer sign exactly as the platform verifies, whatever the order of the fields', () => {
    const url = 'https://mostrador.example.com/webhook/twilio/x';
    const shuffled = [...SANDBOX].reverse();
    expect(signTwilioPost('tok', url, shuffled)).toBe(twilioSignature('tok', url, SANDBOX));
    expect(twilioSign('tok', url, shuffled)).toBe(twilioSignature('tok', url, SANDBOX));
  });

  it('is checked over the URL given: another host, path, query, token or value fails', () => {
    const url = 'https://mostrador.example.com/webhook/twilio/abc?ref=12';
    const sig = twilioSignature('secret-token', url, SANDBOX);
    expect(verifyTwilioSignature('secret-token', sig, url, SANDBOX)).toBe(true);
    expect(verifyTwilioSignature('secret-token', sig, 'http://127.0.0.1:3000/webhook/twilio/abc?ref=12', SANDBOX)).toBe(false);
    expect(verifyTwilioSignature('secret-token', sig, 'https://mostrador.example.com/webhook/twilio/abc?ref=13', SANDBOX)).toBe(false);
    expect(verifyTwilioSignature('other-token', sig, url, SANDBOX)).toBe(false);
    expect(verifyTwilioSignature('secret-token', sig, url, SANDBOX.map(([k, v]) => [k, k === 'Body' ? 'Hola' : v] as [string, string]))).toBe(false);
    expect(verifyTwilioSignature('secret-token', undefined, url, SANDBOX)).toBe(false);
    expect(verifyTwilioSignature('secret-token', '', url, SANDBOX)).toBe(false);
  });

  it('accepts the URL with or without its default port, as Twilio signs either', () => {
    const withPort = twilioSignature('t', 'https://mostrador.example.com:443/webhook/twilio/abc', SANDBOX);
    const without = twilioSignature('t', 'https://mostrador.example.com/webhook/twilio/abc', SANDBOX);
    expect(verifyTwilioSignature('t', withPort, 'https://mostrador.example.com/webhook/twilio/abc', SANDBOX)).toBe(true);
    expect(verifyTwilioSignature('t', without, 'https://mostrador.example.com:443/webhook/twilio/abc', SANDBOX)).toBe(true);
    expect(verifyTwilioSignature('t', without, 'https://mostrador.example.com:8443/webhook/twilio/abc', SANDBOX)).toBe(false);
  });
});

describe('Twilio form posts → neutral events', () => {
  const at = new Date('2026-12-01T12:00:00Z');
  const parse = (params: [string, string][], rowId?: bigint) => parseTwilioPost(params, { at, ...(rowId ? { rowId } : {}) });
  const eventOf = (params: [string, string][], rowId?: bigint) => {
    const r = parse(params, rowId);
    if (r.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(r)}`);
    return r.event;
  };
  const form = (message: Parameters<typeof inboundForm>[0]['message']) => inboundForm({ accountSid: ACCOUNT, sender: '+14155238886', waId: '5215512345678', name: 'Ana López', message });

  it('a text: the sender from WaId, the profile name, the body, keyed on MessageSid, stamped on arrival', () => {
    const { sid, params } = form({ type: 'text', text: 'Hola, ¿qué tal? 👋' });
    expect(eventOf(params)).toEqual({
      kind: 'message', dedupeKey: sid, providerMessageId: sid, waId: '5215512345678', contactName: 'Ana López', timestamp: at,
      content: { type: 'text', text: 'Hola, ¿qué tal? 👋' },
    });
  });

  it('a quick-reply tap (ButtonPayload) is a tap with its payload; a list-picker row (ListId) too', () => {
    expect(eventOf(form({ type: 'button', payload: 'confirm:yes', text: 'Confirmar' }).params)).toMatchObject({ content: { type: 'interactive', replyId: 'confirm:yes', title: 'Confirmar' } });
    const { params } = form({ type: 'text', text: 'Garrafón' });
    expect(eventOf([...params, ['ListId', 'prod:1'], ['ListTitle', 'Garrafón']])).toMatchObject({ content: { type: 'interactive', replyId: 'prod:1', title: 'Garrafón' } });
  });

  it('media by its content type, with the body as caption; a voice note is OGG audio; a sticker is WebP', () => {
    expect(eventOf(form({ type: 'media', contentType: 'image/jpeg', caption: 'quiero este' }).params)).toMatchObject({ content: { type: 'media', mediaKind: 'image', caption: 'quiero este' } });
    expect(eventOf(form({ type: 'media', contentType: 'audio/ogg' }).params)).toMatchObject({ content: { type: 'media', mediaKind: 'audio', voice: true } });
    expect(eventOf(form({ type: 'media', contentType: 'image/webp' }).params)).toMatchObject({ content: { type: 'media', mediaKind: 'sticker' } });
    expect(eventOf(form({ type: 'media', contentType: 'application/pdf' }).params)).toMatchObject({ content: { type: 'media', mediaKind: 'document' } });
    expect(eventOf(form({ type: 'media', contentType: 'text/vcard' }).params)).toMatchObject({ content: { type: 'contacts' } });
  });

  it('a location with its label and address; coordinates out of range are not a location', () => {
    expect(eventOf(form({ type: 'location', latitude: 19.432608, longitude: -99.133209, label: 'Zócalo', address: 'Centro, CDMX' }).params)).toMatchObject({
      content: { type: 'location', latitude: 19.432608, longitude: -99.133209, name: 'Zócalo', address: 'Centro, CDMX' },
    });
    expect(eventOf(form({ type: 'location', latitude: 95, longitude: 10 }).params)).toMatchObject({ content: { type: 'unsupported' } });
  });

  it('text is cleaned of NUL and unpaired surrogates; an id or a sender that is not clean is set aside', () => {
    const { params } = form({ type: 'text', text: 'me\u0000nu \ud800' });
    expect(eventOf(params)).toMatchObject({ content: { type: 'text', text: 'menu \ufffd' } });
    const badSid = params.map(([k, v]) => [k, k === 'MessageSid' ? `SM\ud800${v.slice(3)}` : v] as [string, string]);
    expect(parse(badSid)).toMatchObject({ kind: 'rejected', item: 'message', reason: expect.stringMatching(/^MessageSid/) });
    const badFrom = params.filter(([k]) => k !== 'WaId').map(([k, v]) => [k, k === 'From' ? 'whatsapp:+52155\u0000' : v] as [string, string]);
    expect(parse(badFrom)).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/^From/) });
  });

  it('statuses in the platform’s names; undelivered is failed with its code’s readable cause; the row named by the callback URL', () => {
    const s = (status: string, errorCode?: number) => statusForm({ accountSid: ACCOUNT, sender: '+14155238886', waId: '5215512345678', sid: SID, status, ...(errorCode ? { errorCode } : {}) });
    expect(eventOf(s('queued'), 42n)).toEqual({ kind: 'status', dedupeKey: `${SID}|accepted`, providerMessageId: SID, waId: '5215512345678', status: 'accepted', timestamp: at, rowId: 42n });
    expect(eventOf(s('sent'))).toMatchObject({ status: 'sent' });
    expect(eventOf(s('delivered'))).toMatchObject({ status: 'delivered' });
    expect(eventOf(s('read'))).toMatchObject({ status: 'read' });
    expect(eventOf(s('undelivered', 30003))).toMatchObject({ status: 'failed', error: { code: 30003, cause: 'unreachable destination handset' } });
    expect(eventOf(s('failed', 63016))).toMatchObject({ status: 'failed', error: { code: 63016, cause: expect.stringMatching(/24 hours/) } });
    expect(parse(s('partially_delivered'))).toMatchObject({ kind: 'ignored' });
    expect(parse(s('__proto__'))).toMatchObject({ kind: 'ignored' });
  });
});

describe('Twilio error codes', () => {
  it('map to readable causes, retried only when sending again can help', () => {
    expect(describeTwilioError(63016)).toEqual({ cause: expect.stringMatching(/24 hours.*templates/), retry: false });
    expect(describeTwilioError(21211)).toEqual({ cause: "invalid 'To' number", retry: false });
    expect(describeTwilioError(21610)).toMatchObject({ retry: false, cause: expect.stringMatching(/unsubscribed/) });
    expect(describeTwilioError(63018)).toMatchObject({ retry: true, cause: expect.stringMatching(/rate limit/) });
    expect(describeTwilioError(20429)).toMatchObject({ retry: true });
    for (const code of [30003, 30004, 30005, 30006, 30007]) expect(describeTwilioError(code).retry).toBe(false);
    expect(describeTwilioError(30008).retry).toBe(true);
    expect(describeTwilioError(undefined, 503)).toEqual({ cause: 'Twilio answered HTTP 503', retry: true });
    expect(describeTwilioError(99999, 400)).toEqual({ cause: 'Twilio error 99999 (HTTP 400)', retry: false });
  });
});

describe('what a send asks Twilio for', () => {
  const settings = { accountSid: ACCOUNT, contentSids: { nuevo_pedido: `HX${'a'.repeat(32)}` } };
  it('a template by its Content SID and variables numbered from 1; one without a Content SID is refused', () => {
    expect(twilioFieldsOf({ kind: 'template', name: 'nuevo_pedido', language: 'es_MX', params: ['P-1001', 'Rosa', '$90.00'] }, settings)).toEqual({
      ok: true,
      fields: { contentSid: `HX${'a'.repeat(32)}`, contentVariables: '{"1":"P-1001","2":"Rosa","3":"$90.00"}' },
    });
    expect(twilioFieldsOf({ kind: 'template', name: 'estado_pedido', language: 'es_MX', params: [] }, settings)).toEqual({ ok: false, cause: expect.stringMatching(/no Twilio Content SID for template "estado_pedido"/) });
  });

  it('a product with its photo: the photo as media and the numbered options as its caption', () => {
    const r = twilioFieldsOf({ kind: 'buttons', body: '*Queso Oaxaca*\n$160.00 / kg', headerImageUrl: 'https://img.example.com/q.jpg', buttons: [{ id: 'add:1', title: 'Agregar al pedido' }, { id: 'menu:main', title: 'Menú principal' }] }, settings);
    expect(r).toEqual({ ok: true, fields: { mediaUrl: 'https://img.example.com/q.jpg', body: expect.stringContaining('1️⃣ Agregar al pedido\n2️⃣ Menú principal') } });
  });
});
