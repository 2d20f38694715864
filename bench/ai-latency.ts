// `npm run bench -- --ai-latency 3000`: one company in AI mode whose model answers after 3 s (a
// local OpenAI-compatible server in this process), the others in menu mode. The menu-mode
// customers' reply latency is measured alone (phase A) and again while the AI company's customers
// write at the same time (phase B): a slow model must not slow anyone else down.
// Options: [--rate 20] (menu messages/s) [--ai-rate 3] (AI company messages/s) [--seconds 8] [--companies 4]
import { escapeUnicode, inboundPayload } from '../test/helpers/meta-client.ts';
import { startOpenAiServer } from '../test/helpers/openai-server.ts';
import { f, pct, postWebhook } from './bench-measure.ts';
import { sleep, type BenchPlatform } from './bench-platform.ts';

export type AiLatencyOptions = { aiLatencyMs: number; rate: number; aiRate: number; seconds: number };

export async function startAiModel(latencyMs: number) {
  const model = await startOpenAiServer({ apiKeys: ['sk-bench'] });
  model.respond(() => ({ kind: 'text', content: '¡Hola! ¿Qué te gustaría pedir hoy?', delayMs: latencyMs }));
  return model;
}

export async function runAiLatency(p: BenchPlatform, o: AiLatencyOptions, adminToken: string) {
  const [aiPhone, ...menuPhones] = p.numbers;
  if (!aiPhone || menuPhones.length === 0) throw new Error('--ai-latency needs at least 2 companies');
  const res = await fetch(`${p.base}/api/companies/bench-0/agent`, { method: 'PUT', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'ai' }) });
  if (res.status !== 200) throw new Error(`agent mode: ${res.status} ${await res.text()}`);
  const view = (await res.json()) as { effectiveMode: string; unavailableReason: string | null };
  if (view.effectiveMode !== 'ai') throw new Error(`bench-0 is not in AI mode: ${view.unavailableReason}`);

  let seq = 0;
  const sent = new Map<string, { at: number; kind: 'menu' | 'ai'; phase: string }>();
  async function post(phone: string, kind: 'menu' | 'ai', phase: string) {
    const waId = `52166${String(process.pid % 1000).padStart(3, '0')}${String(++seq).padStart(5, '0')}`;
    const { payload } = inboundPayload({ phoneNumberId: phone, from: waId, name: 'Cliente Bench', message: { type: 'text', text: 'hola' } });
    const at = Date.now();
    if ((await postWebhook(`${p.base}/webhook`, escapeUnicode(JSON.stringify(payload)))) === '200') sent.set(waId, { at, kind, phase });
  }
  async function phase(name: string, withAi: boolean, seconds: number) {
    const posts: Promise<unknown>[] = [];
    const started = Date.now();
    let menuN = 0;
    let aiN = 0;
    while (Date.now() - started < seconds * 1000) {
      const elapsed = (Date.now() - started) / 1000;
      while (menuN < elapsed * o.rate) posts.push(post(menuPhones[menuN++ % menuPhones.length]!, 'menu', name));
      while (withAi && aiN < elapsed * o.aiRate) (aiN++, posts.push(post(aiPhone!, 'ai', name)));
      await sleep(10);
    }
    await Promise.all(posts);
  }
  async function latencies(timeoutMs: number) {
    const until = Date.now() + timeoutMs;
    let first = new Map<string, number>();
    while (Date.now() < until) {
      first = new Map();
      for (const m of await p.emuApi.list()) if (!first.has(m.waId)) first.set(m.waId, Date.parse(m.receivedAt));
      if ([...sent.keys()].every((w) => first.has(w))) break;
      await sleep(250);
    }
    return (phaseName: string, kind: 'menu' | 'ai') => {
      const xs = [...sent].filter(([, s]) => s.phase === phaseName && s.kind === kind);
      const ms = xs.flatMap(([w, s]) => (first.has(w) ? [first.get(w)! - s.at] : []));
      return { ms, missing: xs.length - ms.length };
    };
  }

  await phase('warmup', false, 1);
  await phase('A', false, o.seconds);
  await sleep(1000);
  await phase('B', true, o.seconds);
  const of = await latencies(o.aiLatencyMs + 60_000);
  const line = (label: string, r: { ms: number[]; missing: number }) =>
    `   ${label.padEnd(44)} n ${String(r.ms.length).padStart(4)}   p50 ${f(pct(r.ms, 50))} ms   p95 ${f(pct(r.ms, 95))} ms   p99 ${f(pct(r.ms, 99))} ms   max ${f(Math.max(...r.ms))} ms${r.missing ? `   MISSING ${r.missing}` : ''}`;
  return {
    lines: [
      `AI latency: company bench-0 in AI mode, its model answering after ${o.aiLatencyMs} ms; ${menuPhones.length} companies in menu mode at ${o.rate} msg/s; AI company at ${o.aiRate} msg/s in phase B; ${o.seconds} s per phase`,
      line('menu-mode reply latency, alone (A)', of('A', 'menu')),
      line('menu-mode reply latency, with the slow AI (B)', of('B', 'menu')),
      line('AI-mode reply latency (B)', of('B', 'ai')),
    ],
  };
}
