// The outside world of a chaos run: Meta delivering signed webhooks (retrying until it gets a
// 200, as Meta does), the customers behind them, and the Graph emulator's control API.
//
// Every good message is "quiero <token>" with a token of its own. The engine answers such a
// message with exactly one reply that quotes the token («token»), new customer or not, so a
// reply seen at the emulator names the message it answers: no correlation with the platform's
// own rows is needed to count answers, duplicates and order.
import http from 'node:http';
import { envelope, escapeUnicode, newWamid, sign } from '../helpers/meta-client.ts';

export const APP_SECRET = 'chaos-app-secret-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Scenario = 'kill' | 'outage' | 'slow' | 'longJob' | 'malformed' | 'poison';

export type GoodMessage = {
  scenario: Scenario;
  id: string;
  phoneNumberId: string;
  waId: string;
  token: string;
  /** Position among this customer's messages (0 for the first). */
  seq: number;
  acked: boolean;
};

export type BadMessage = { scenario: Scenario; variant: string; waId: string; token: string };

export type Ledger = {
  good: GoodMessage[];
  bad: BadMessage[];
  /** Signed webhooks answered with a 5xx, per scenario (each answer counted). */
  serverErrors: Map<Scenario, number>;
  /** Other unexpected answers to signed webhooks (4xx, or no 200 before giving up). */
  refused: Map<Scenario, string[]>;
};

export function createLedger(): Ledger {
  return { good: [], bad: [], serverErrors: new Map(), refused: new Map() };
}

export const TOKEN_PATTERN = /«(zq[a-z][0-9a-z]{3}w)»/g;

/** Tokens the engine cannot mistake for a product or a command: zq + scenario letter + 3 base-36 + w. */
export function createTokens() {
  let n = 0;
  return (scenario: Scenario) => `zq${scenario === 'longJob' ? 'l' : scenario[0]}${(n++).toString(36).padStart(3, '0')}w`;
}

export { envelope };

export const unixNow = () => String(Math.floor(Date.now() / 1000));

export function textMessage(from: string, id: string, text: string, timestamp = unixNow()) {
  return { from, id, timestamp, type: 'text', text: { body: text } };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('webhook timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export function createDriver(baseUrl: string, ledger: Ledger) {
  const tokenOf = createTokens();

  /**
   * Delivers one signed webhook body the way Meta does: again and again until it gets a 200
   * (connection refused while the web process restarts, 5xx), for at most `deadlineMs`. Each
   * 5xx is counted against the scenario; after 3 of them Meta's retries are not waited for.
   */
  async function deliver(scenario: Scenario, body: string, deadlineMs = 60_000): Promise<boolean> {
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, APP_SECRET) };
    const until = Date.now() + deadlineMs;
    let serverErrors = 0;
    let refusals = 0;
    let last = 'no answer';
    while (Date.now() < until) {
      let status = 0;
      try {
        status = await post(`${baseUrl}/webhook`, body, headers);
      } catch (err) {
        // The web process is down (or restarting): back off, as hundreds of deliveries wait.
        last = String(err);
        await sleep(Math.min(2_000, 100 * 2 ** refusals++));
        continue;
      }
      if (status === 200) return true;
      last = `HTTP ${status}`;
      if (status >= 500) {
        ledger.serverErrors.set(scenario, (ledger.serverErrors.get(scenario) ?? 0) + 1);
        if (++serverErrors >= 3) break;
        await sleep(500);
        continue;
      }
      break;
    }
    const list = ledger.refused.get(scenario) ?? [];
    list.push(`${last} (${body.length} bytes)`);
    ledger.refused.set(scenario, list);
    return false;
  }

  /** A good message: recorded, delivered alone in its webhook, acked or not. */
  async function sendGood(scenario: Scenario, phoneNumberId: string, waId: string, seq: number): Promise<GoodMessage> {
    const message: GoodMessage = { scenario, id: newWamid(), phoneNumberId, waId, token: tokenOf(scenario), seq, acked: false };
    ledger.good.push(message);
    const payload = envelope(phoneNumberId, {
      contacts: [{ profile: { name: 'Cliente Caos' }, wa_id: waId }],
      messages: [textMessage(waId, message.id, `quiero ${message.token}`)],
    });
    message.acked = await deliver(scenario, escapeUnicode(JSON.stringify(payload)));
    return message;
  }

  /** A customer writing `count` messages, each delivered after the previous one was acked and at least `gapMs` later. */
  async function sendConversation(scenario: Scenario, phoneNumberId: string, waId: string, count: number, gapMs: number): Promise<void> {
    for (let seq = 0; seq < count; seq++) {
      const started = Date.now();
      await sendGood(scenario, phoneNumberId, waId, seq);
      // Provider timestamps are whole seconds: a gap over 1 s keeps them strictly increasing.
      if (seq < count - 1) await sleep(Math.max(0, gapMs - (Date.now() - started)));
    }
  }

  return { deliver, sendGood, sendConversation, tokenOf };
}

export type Driver = ReturnType<typeof createDriver>;

export type EmulatedReply = {
  wamid: string;
  phoneNumberId: string;
  waId: string;
  body: Record<string, unknown>;
  receivedAt: string;
  fault?: string;
};

/** The Graph emulator's own API: numbers, faults on demand, what reached "Meta". */
export function createEmulatorClient(emulatorUrl: string) {
  const json = async <T>(res: Response): Promise<T> => {
    if (!res.ok) throw new Error(`emulator answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    registerNumber: (phoneNumberId: string, token: string) =>
      fetch(`${emulatorUrl}/numbers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone_number_id: phoneNumberId, token }),
      }).then((r) => json(r)),
    setFault: (fault: Record<string, unknown>) =>
      fetch(`${emulatorUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) }).then((r) =>
        json<{ fault?: unknown; cleared?: number }>(r),
      ),
    clearFault: (phoneNumberId: string) =>
      fetch(`${emulatorUrl}/faults?phone_number_id=${phoneNumberId}`, { method: 'DELETE' }).then((r) => json(r)),
    faults: () => fetch(`${emulatorUrl}/faults`).then((r) => json<{ faults: unknown[]; totals: Record<string, number> }>(r)),
    replies: (phoneNumberId?: string) =>
      fetch(`${emulatorUrl}/messages${phoneNumberId ? `?phone_number_id=${phoneNumberId}` : ''}`).then((r) =>
        json<{ messages: EmulatedReply[] }>(r).then((b) => b.messages),
      ),
  };
}

export type EmulatorClient = ReturnType<typeof createEmulatorClient>;

/** Tokens quoted in a reply (one for the replies the chaos messages get). */
export function tokensIn(reply: EmulatedReply): string[] {
  return [...JSON.stringify(reply.body).matchAll(TOKEN_PATTERN)].map((m) => m[1]!);
}
