import { describe, expect, it } from 'vitest';
import { createLedger, type EmulatedReply, type GoodMessage } from './chaos-driver.ts';
import { MALFORMED_VARIANTS, malformedDelivery } from './chaos-malformed.ts';
import { badAnswered, tally } from './chaos-tally.ts';

// The chaos suite's counting (pure; runs with `npm test`): a reply names its message by the
// token it quotes, so lost, duplicated and out-of-order replies are read from the emulator alone.

const PHONE = '800000000000001';
const good = (token: string, waId: string, seq: number, acked = true): GoodMessage => ({
  scenario: 'kill',
  id: `wamid.${token}`,
  phoneNumberId: PHONE,
  waId,
  token,
  seq,
  acked,
});
const reply = (waId: string, text: string, opaque?: string): EmulatedReply => ({
  wamid: `wamid.r${Math.random()}`,
  phoneNumberId: PHONE,
  waId,
  receivedAt: new Date().toISOString(),
  body: { type: 'interactive', interactive: { body: { text } }, ...(opaque ? { biz_opaque_callback_data: opaque } : {}) },
});

describe('counting a scenario from outside', () => {
  it('counts answered, lost, duplicated and out-of-order messages by the token each reply quotes', () => {
    const ledger = createLedger();
    ledger.good.push(
      good('zqk000w', '521', 0),
      good('zqk001w', '521', 1),
      good('zqk002w', '521', 2),
      good('zqk003w', '522', 0),
      good('zqk004w', '523', 0, false),
    );
    const replies = [
      reply('521', 'No encontré «zqk001w» en el catálogo.', '11'),
      reply('521', 'No encontré «zqk000w» en el catálogo.', '10'),
      reply('521', 'No encontré «zqk002w» en el catálogo.', '12'),
      reply('522', '¡Hola! No encontré «zqk003w» en el catálogo.'),
      reply('522', 'No encontré «zqk003w» en el catálogo.'),
      reply('522', 'Menú sin token'),
    ];
    const stored = new Set(['wamid.zqk000w', 'wamid.zqk001w', 'wamid.zqk002w']);
    const t = tally('kill', ledger, replies, stored);
    expect(t).toMatchObject({ sent: 5, acked: 4, stored: 3, answered: 4, lost: 1, duplicated: 1, outOfOrder: 1 });
    expect(t.problems).toEqual([
      'lost 1: zqk004w (customer 523, never acked)',
      'duplicated 1 (1 extra copies): zqk003w ×2',
      'out of order 1: zqk000w (customer 521, message 1)',
      'acked 4 of 5 good messages',
      'acked but not stored 1: zqk003w',
    ]);
    expect(t.notes).toEqual([
      'replies at the emulator 6 (3 carrying biz_opaque_callback_data)',
      '1 replies to these customers quote no message (not counted as answers)',
    ]);
  });

  it('a clean scenario has no problems', () => {
    const ledger = createLedger();
    ledger.good.push(good('zqk000w', '521', 0), good('zqk001w', '521', 1));
    const t = tally('kill', ledger, [reply('521', '«zqk000w»'), reply('521', '«zqk001w»')], new Set(['wamid.zqk000w', 'wamid.zqk001w']));
    expect(t.problems).toEqual([]);
  });

  it('counts replies to bad messages by their sender, beyond what the variant allows', () => {
    const ledger = createLedger();
    ledger.bad.push({ scenario: 'malformed', variant: 'surrogate in from', waId: '526000000001', token: 'zqm009w' });
    const replies = [reply('526000000001', 'No entendí tu mensaje'), reply('526000000001', 'No entendí tu mensaje')];
    expect(badAnswered(ledger, 'malformed', replies, () => 0)).toEqual(new Map([['surrogate in from', 2]]));
    expect(badAnswered(ledger, 'malformed', replies, () => 1)).toEqual(new Map([['surrogate in from', 1]]));
  });

  it('builds malformed webhooks as escaped JSON that still parses, good and bad messages side by side', () => {
    const variants = Object.keys(MALFORMED_VARIANTS);
    const delivery = malformedDelivery(
      PHONE,
      [{ waId: '525000000001', id: 'wamid.good1', text: 'quiero zqm001w' }],
      variants.map((variant, i) => ({ variant, waId: `52600000000${i}`, token: `zqm0${i}0w` })),
    );
    expect(delivery.body).toMatch(/^[\x20-\x7e]+$/);
    expect(delivery.body).toContain('\\ud800');
    expect(delivery.body).toContain('te\\u0000xt');
    expect(delivery.body).toContain('"99999999999999999999"');
    const parsed = JSON.parse(delivery.body) as { entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }> };
    expect(parsed.entry[0]?.changes[0]?.value.messages).toHaveLength(variants.length + 1);
    expect(delivery.body).toContain('['.repeat(5_000));
  });
});
