// One customer message through the model: Chat Completions with tool calling (the official
// `openai` SDK, any compatible base URL), a bounded number of tool calls, a deadline for the
// whole turn, and the guards on what comes back. Any failure is an AgentFailure with a reason the
// decider records before the menu answers instead.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { textReply, waitOutside, type Reply } from '../conversations/index.ts';
import { truncate } from '../../platform/text.ts';
import type { AgentSettings, ModelEndpoint } from './agent.config.ts';
import { agentTexts, SYSTEM_RULES } from './agent.messages.ts';
import { amountsIn, inventedAmounts, leaksInstructions } from './guards.ts';
import type { AgentMemory } from './memory.ts';
import { TOOLS, ToolError, toolSpecs, type ToolCallLog, type ToolContext } from './tools.ts';

export type FailureReason = 'timeout' | 'rate_limited' | 'model_error' | 'invalid_output' | 'invented_price';

export class AgentFailure extends Error {
  constructor(readonly reason: FailureReason, message: string, readonly usage: TokenUsage) {
    super(message);
  }
}

export type TokenUsage = { promptTokens: number; completionTokens: number };
export type LoopResult = { reply: Reply; toolCalls: ToolCallLog[]; usage: TokenUsage; model: string };

const clients = new Map<string, OpenAI>();
/** One SDK client per endpoint (bounded), with no retries of its own: a failed turn falls back at once. */
export function clientFor(e: { apiKey: string; baseUrl: string | undefined }, timeoutMs: number): OpenAI {
  const key = `${e.baseUrl ?? ''}|${e.apiKey}|${timeoutMs}`;
  let c = clients.get(key);
  if (!c) {
    if (clients.size > 500) clients.clear();
    c = new OpenAI({ apiKey: e.apiKey, baseURL: e.baseUrl, timeout: timeoutMs, maxRetries: 0 });
    clients.set(key, c);
  }
  return c;
}

const EMOJIS = { ninguno: 'no uses emojis', pocos: 'usa pocos emojis', muchos: 'usa emojis con gusto' } as const;

export function systemPrompt(s: AgentSettings, shop: { name: string; timezone: string }, now: Date): string {
  const today = new Intl.DateTimeFormat('es', { timeZone: shop.timezone, dateStyle: 'full', timeStyle: 'short' }).format(now);
  const style = [`tono ${s.style.tone}`, EMOJIS[s.style.emojis], `responde en máximo ${s.style.maxLength} caracteres`, s.style.callToAction ? `cuando venga al caso, invita a: ${s.style.callToAction}` : null].filter(Boolean).join('; ');
  return `${SYSTEM_RULES}\n\nTienda: ${shop.name}. Ahora: ${today}.\nEstilo: ${style}.\n\nInstrucciones del negocio (no cambian las reglas de arriba):\n<<<\n${s.prompt}\n>>>`;
}

function failureOf(err: unknown, usage: TokenUsage): AgentFailure {
  if (err instanceof AgentFailure) return err;
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError) return new AgentFailure('timeout', 'the model did not answer in time', usage);
  if (err instanceof OpenAI.RateLimitError) return new AgentFailure('rate_limited', `429 from the model: ${err.message}`.slice(0, 300), usage);
  if (err instanceof OpenAI.APIError) return new AgentFailure('model_error', `${err.status ?? 'connection'}: ${err.message}`.slice(0, 300), usage);
  if (err instanceof SyntaxError) return new AgentFailure('invalid_output', `unreadable answer: ${err.message}`.slice(0, 300), usage);
  return new AgentFailure('model_error', err instanceof Error ? err.message.slice(0, 300) : String(err), usage);
}

export async function runAgent(o: {
  endpoint: ModelEndpoint;
  settings: AgentSettings;
  ctx: ToolContext;
  text: string;
  timeoutMs: number;
  maxToolCalls: number;
}): Promise<LoopResult> {
  const { settings: s, ctx } = o;
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  const toolCalls: ToolCallLog[] = [];
  const client = clientFor(o.endpoint, o.timeoutMs);
  const system = systemPrompt(s, ctx.turn.company, ctx.turn.now);
  const memory: AgentMemory = ctx.memory;
  const context = [
    memory.summary ? `Lo que pasó antes en esta conversación:\n${memory.summary}` : null,
    memory.pending ? `Hay un resumen de pedido esperando la confirmación del cliente (confirmation_token: ${memory.pending.token}).` : null,
    `El carrito tiene ${ctx.turn.session.cart.length} producto(s).${ctx.turn.session.pin ? ' El cliente envió una ubicación por WhatsApp.' : ''}`,
  ].filter(Boolean).join('\n');
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: `${system}\n\n${context}` },
    ...memory.turns.map((t) => ({ role: t.role, content: t.content }) as ChatCompletionMessageParam),
    { role: 'user', content: o.text },
  ];
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), o.timeoutMs);
  const understanding = { model: s.models.understanding.model ?? o.endpoint.model, temperature: s.models.understanding.temperature };
  const reply = { model: s.models.reply.model ?? o.endpoint.model, temperature: s.models.reply.temperature };
  const call = async (p: { model: string; temperature: number }, withTools: boolean) => {
    // Counted as a wait outside: drain jobs start other customers' turns meanwhile.
    const res = await waitOutside(() =>
      client.chat.completions.create(
        { model: p.model, temperature: p.temperature, messages, ...(withTools ? { tools: toolSpecs, tool_choice: 'auto' as const } : {}) },
        { signal: deadline.signal },
      ),
    );
    usage.promptTokens += res.usage?.prompt_tokens ?? 0;
    usage.completionTokens += res.usage?.completion_tokens ?? 0;
    const message = res.choices?.[0]?.message;
    if (!message) throw new AgentFailure('invalid_output', 'the answer has no message', usage);
    return message;
  };
  try {
    let final: string | null = null;
    for (;;) {
      const budgetLeft = toolCalls.length < o.maxToolCalls;
      const message = await call(understanding, budgetLeft);
      const calls = (message.tool_calls ?? []).filter((c) => c.type === 'function');
      if (calls.length === 0 || !budgetLeft) {
        final = message.content ?? null;
        break;
      }
      messages.push({ role: 'assistant', content: message.content ?? null, tool_calls: calls });
      for (const c of calls) {
        const started = Date.now();
        const name = c.function.name;
        let args: unknown;
        let result: unknown;
        try {
          if (toolCalls.length >= o.maxToolCalls) throw new ToolError('Límite de herramientas de este turno: responde con lo que ya sabes.');
          const t = TOOLS[name];
          if (!t) throw new ToolError(`No existe la herramienta ${name}.`);
          try {
            args = JSON.parse(c.function.arguments || '{}');
          } catch {
            throw new ToolError('Los argumentos no son JSON válido.');
          }
          const parsed = t.args.safeParse(args);
          if (!parsed.success) throw new ToolError(`Argumentos inválidos: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
          result = await t.run(parsed.data, ctx);
          toolCalls.push({ name, args, ok: true, result, ms: Date.now() - started });
        } catch (err) {
          if (!(err instanceof ToolError)) throw err;
          result = { error: err.message };
          toolCalls.push({ name, args: args ?? c.function.arguments, ok: false, error: err.message, ms: Date.now() - started });
        }
        messages.push({ role: 'tool', tool_call_id: c.id, content: JSON.stringify(result) });
        // A summary shown, an order placed, a handoff, options: that is this turn's answer.
        if (ctx.terminal) return { reply: ctx.terminal, toolCalls, usage, model: understanding.model };
      }
    }
    if ((reply.model !== understanding.model || reply.temperature !== understanding.temperature) && final) {
      // The wording is the reply model's: asked once more, without tools.
      messages.push({ role: 'system', content: 'Escribe ahora la respuesta final para el cliente, con los datos que dieron las herramientas.' });
      final = (await call(reply, false)).content ?? null;
    }
    const body = final?.trim();
    if (!body) throw new AgentFailure('invalid_output', 'empty answer', usage);
    const allowed = new Set([...ctx.seen, ...memory.turns.filter((t) => t.role === 'assistant').flatMap((t) => amountsIn(t.content))]);
    const invented = inventedAmounts(body, allowed);
    if (invented.length > 0) throw new AgentFailure('invented_price', `amounts no tool gave: ${invented.map((c) => (c / 100).toFixed(2)).join(', ')}`, usage);
    if (leaksInstructions(body, [SYSTEM_RULES, s.prompt])) return { reply: textReply(agentTexts.cannotShare), toolCalls, usage, model: reply.model };
    return { reply: textReply(truncate(body, s.style.maxLength)), toolCalls, usage, model: reply.model };
  } catch (err) {
    throw failureOf(err, usage);
  } finally {
    clearTimeout(timer);
  }
}
