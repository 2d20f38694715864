import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationQueueSql } from '../../src/modules/inbox/index.ts';
import { customer, waitFor, type TestCompany } from '../helpers/platform.ts';
import { agentShop, sentTo, startAgentPlatform } from './agent-helpers.ts';

// A slow model must not hold back other customers: here, in a hybrid shop, a customer the menu
// answers writes while the model is still thinking about another customer's question — the two
// conversations share a drain queue (the worst case: the same job reads both) — and is answered
// first.

let env: Awaited<ReturnType<typeof startAgentPlatform>>;
let shop: TestCompany;

beforeAll(async () => {
  env = await startAgentPlatform({ AI_TIMEOUT_MS: '20000' });
  shop = await agentShop(env.platform, env.api, 'hybrid');
}, 60_000);
afterAll(async () => {
  await env?.stop();
});

async function queueOf(waId: string): Promise<number> {
  const sql = `SELECT ${conversationQueueSql('$1::uuid', '$2::text')} AS q`;
  const rows = await shop.db.$queryRawUnsafe<{ q: number }[]>(sql, shop.id, waId);
  return Number(rows[0]!.q);
}

describe('a slow model', () => {
  it('does not delay a customer the menu answers whose conversation shares its queue', { timeout: 60_000 }, async () => {
    const slow = customer(env.platform, shop, '5215512340000');
    const target = await queueOf(slow.waId);
    // Another number of the shop whose conversation lands in the same drain queue.
    let quick: ReturnType<typeof customer> | undefined;
    for (let n = 1; n < 2_000 && !quick; n++) {
      const waId = `52155${String(n).padStart(8, '0')}`;
      if ((await queueOf(waId)) === target) quick = customer(env.platform, shop, waId);
    }
    expect(quick, 'a number sharing the queue').toBeDefined();

    await slow.send('hola');
    await waitFor(async () => sentTo(env.platform, shop, slow.waId).length === 1, 15_000, 'the welcome');
    let asked = 0;
    env.model.respond(() => {
      asked++;
      return { kind: 'text', content: 'Para una fiesta te recomiendo el garrafón.', delayMs: 4_000 };
    });
    await slow.send('qué me recomiendas para una fiesta con mis compas');
    await waitFor(async () => asked > 0, 15_000, 'the model to be asked');
    await quick!.send('hola');
    // The other customer is answered by the menu while the model is still thinking…
    await waitFor(async () => sentTo(env.platform, shop, quick!.waId).length > 0, 15_000, 'the menu reply');
    expect(sentTo(env.platform, shop, slow.waId)).toHaveLength(1);
    // …and the question still gets the model's answer after it.
    const answer = await waitFor(async () => sentTo(env.platform, shop, slow.waId)[1], 20_000, 'the AI reply');
    expect(JSON.stringify(answer.body)).toContain('Para una fiesta te recomiendo');
  });
});
