// A local OpenAI-compatible server for tests: real HTTP on a free port, speaking the parts of the
// API the agent uses — Chat Completions (tool calls; streaming off and on), the model list (the
// key check) and audio transcriptions — with answers scripted per test: text, tool calls, a
// delay, a hang, an HTTP error (429, 500), or bytes that are not JSON.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatRequest = {
  model: string;
  temperature?: number;
  stream?: boolean;
  messages: { role: string; content: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { function: { name: string } }[];
  tool_choice?: unknown;
};

export type Scripted =
  | { kind: 'text'; content: string; delayMs?: number; usage?: { prompt: number; completion: number } }
  | { kind: 'tools'; calls: { name: string; args: unknown }[]; delayMs?: number }
  | { kind: 'status'; status: number; body?: unknown; delayMs?: number }
  | { kind: 'garbage'; body: string }
  | { kind: 'hang' };

export type Responder = (req: ChatRequest, n: number) => Scripted;

let callSeq = 0;

export async function startOpenAiServer(opts: { apiKeys?: string[] } = {}) {
  const keys = new Set(opts.apiKeys ?? ['sk-test-platform']);
  const chats: { body: ChatRequest; auth: string | null; at: number }[] = [];
  const transcriptions: { auth: string | null; bytes: number; model: string | null }[] = [];
  const state = { responder: ((): Scripted => ({ kind: 'text', content: 'Hola, ¿en qué te ayudo?' })) as Responder, transcript: 'quiero dos garrafones', hanging: new Set<http.ServerResponse>() };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const authorized = (req: http.IncomingMessage) => {
    const h = req.headers.authorization ?? '';
    return keys.has(h.replace(/^Bearer\s+/i, ''));
  };

  function completion(body: ChatRequest, s: Extract<Scripted, { kind: 'text' | 'tools' }>) {
    const id = `chatcmpl-${++callSeq}`;
    const message = s.kind === 'text'
      ? { role: 'assistant', content: s.content }
      : { role: 'assistant', content: null, tool_calls: s.calls.map((c, i) => ({ id: `call_${callSeq}_${i}`, type: 'function', function: { name: c.name, arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args) } })) };
    const usage = s.kind === 'text' && s.usage ? s.usage : { prompt: 120, completion: 30 };
    return { id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model, choices: [{ index: 0, message, finish_reason: s.kind === 'text' ? 'stop' : 'tool_calls' }], usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } };
  }

  function stream(res: http.ServerResponse, body: ChatRequest, s: Extract<Scripted, { kind: 'text' | 'tools' }>) {
    const full = completion(body, s);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: unknown, finish: string | null) => res.write(`data: ${JSON.stringify({ id: full.id, object: 'chat.completion.chunk', created: full.created, model: full.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    if (s.kind === 'text') {
      chunk({ role: 'assistant', content: '' }, null);
      for (const piece of s.content.match(/.{1,8}/gsu) ?? []) chunk({ content: piece }, null);
      chunk({}, 'stop');
    } else {
      s.calls.forEach((c, i) => chunk({ role: 'assistant', tool_calls: [{ index: i, id: `call_${callSeq}_${i}`, type: 'function', function: { name: c.name, arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args) } }] }, null));
      chunk({}, 'tool_calls');
    }
    res.write('data: [DONE]\n\n');
    res.end();
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const path = (req.url ?? '').replace(/\?.*$/, '');
        if (!authorized(req)) return json(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
        if (req.method === 'GET' && path === '/v1/models') return json(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'test' }] });
        if (req.method === 'POST' && path === '/v1/audio/transcriptions') {
          const raw = Buffer.concat(chunks);
          const model = /name="model"\r\n\r\n([^\r]+)/.exec(raw.toString('latin1'))?.[1] ?? null;
          transcriptions.push({ auth: req.headers.authorization ?? null, bytes: raw.length, model });
          return json(res, 200, { text: state.transcript });
        }
        if (req.method !== 'POST' || path !== '/v1/chat/completions') return json(res, 404, { error: { message: `no route ${req.method} ${path}` } });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
        chats.push({ body, auth: req.headers.authorization ?? null, at: Date.now() });
        const s = state.responder(body, chats.length);
        if (s.kind === 'hang') {
          state.hanging.add(res);
          res.on('close', () => state.hanging.delete(res));
          return;
        }
        if ('delayMs' in s && s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
        if (res.destroyed) return;
        if (s.kind === 'garbage') {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(s.body);
        }
        if (s.kind === 'status') return json(res, s.status, s.body ?? { error: { message: s.status === 429 ? 'Rate limit reached' : 'Server error', type: s.status === 429 ? 'rate_limit_exceeded' : 'server_error' } });
        if (body.stream) return stream(res, body, s);
        return json(res, 200, completion(body, s));
      })().catch((err: unknown) => {
        if (!res.headersSent) json(res, 500, { error: { message: String(err) } });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    chats,
    transcriptions,
    /** Who answers the next chat requests. */
    respond(r: Responder) {
      state.responder = r;
    },
    setTranscript(text: string) {
      state.transcript = text;
    },
    addKey(key: string) {
      keys.add(key);
    },
    async close() {
      for (const res of state.hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type OpenAiServer = Awaited<ReturnType<typeof startOpenAiServer>>;

/** Helpers for responders: the last user message, and the tool results since it. */
export const lastUser = (r: ChatRequest) => [...r.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
export const toolResults = (r: ChatRequest) => {
  const i = r.messages.map((m) => m.role).lastIndexOf('user');
  return r.messages.slice(i + 1).filter((m) => m.role === 'tool').map((m) => JSON.parse(m.content ?? '{}') as Record<string, unknown>);
};
export const systemOf = (r: ChatRequest) => r.messages.find((m) => m.role === 'system')?.content ?? '';
