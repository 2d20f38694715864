// The AI agent as a Decider (conversations' seam): per company, menu (today's engine), ai (the
// agent answers) or hybrid (the menu and its NLU first; what they cannot place goes to the
// agent). It decides from the turn's snapshot outside any lock: the cart is the session's, an
// order, an address and a handoff are turn effects the commit writes under lock — so it may be
// asked again for the same message and acts on nothing but the model. A model that is slow,
// failing, rate-limited or writes something unusable makes the menu answer that message, and why
// is recorded (agent_turns) for the owner.
import { randomUUID } from 'node:crypto';
import { toFile } from 'openai';
import type { TenantClient, TenantClients, TenantTx } from '../../platform/db/clients.ts';
import type { TokenCipher } from '../../platform/crypto.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Company } from '../companies/index.ts';
import { menuDecider, textReply, waitOutside, withNotice, type Decider, type DecideInput, type Reply, type Turn, type TurnEffects } from '../conversations/index.ts';
import type { InboundContent, MediaRef } from '../messages/index.ts';
import { previewOrder } from '../orders/index.ts';
import type { PlanLimits } from '../plans/index.ts';
import { defaultSettings, endpointOf, modelsSchema, styleSchema, AGENT_MODES, type AgentMode, type AgentSettings, type ModelEndpoint, type PlatformModel } from './agent.config.ts';
import { AgentFailure, clientFor, runAgent, type TokenUsage } from './agent-loop.ts';
import { agentTexts } from './agent.messages.ts';
import { logAgentTurn, readConfig, type AgentTurnLog } from './agent.repository.ts';
import { cartHash, type CartLine } from './cart.ts';
import { isAbuse } from './guards.ts';
import { readMemory, remember, type AgentMemory } from './memory.ts';
import { replyText } from './replies.ts';
import { placeConfirmed, type ToolCallLog, type ToolContext } from './tools.ts';

export type AgentDeps = {
  tenants: TenantClients;
  /** The company's plan (feature `ai`, the monthly token budget). */
  planOf: (companyId: string) => Promise<PlanLimits>;
  usage: { aiTokensUsed(companyId: string): Promise<number>; recordAiTokens(companyId: string, used: TokenUsage & { costUsd: number }): Promise<void> };
  cipher: TokenCipher | null;
  platform: PlatformModel;
  handoffTimeoutMinutes: number;
  /** A customer's file from the provider of the company's number (voice notes to transcribe). */
  fetchMedia: (company: Company, ref: MediaRef) => Promise<{ bytes: Buffer; mimeType: string }>;
  logger: Logger;
  /** How long settings are kept per process (a change made through this process applies at once). */
  cacheMs?: number;
};

export type Loaded = { settings: AgentSettings; plan: PlanLimits; endpoint: ModelEndpoint | null; unavailable: string | null };

/** Why the agent cannot answer for this company now (null: it can). */
export function unavailableReason(s: AgentSettings, plan: PlanLimits, endpoint: ModelEndpoint | null): string | null {
  if (!plan.features.ai) return agentTexts.unavailable.plan(plan.name);
  if (!endpoint) return agentTexts.unavailable.noModel;
  if (!s.enabled) return agentTexts.unavailable.off;
  return null;
}

/** The stored row as settings: anything unreadable falls back to the defaults (never an error on a customer's turn). */
export function settingsOf(row: Awaited<ReturnType<typeof readConfig>>, cipher: TokenCipher | null, logger: Logger): AgentSettings {
  const d = defaultSettings();
  const c = row.config;
  if (!c) return d;
  let apiKey: string | null = null;
  if (c.apiKeyEnc && cipher) {
    try {
      apiKey = cipher.decrypt(c.apiKeyEnc);
    } catch {
      logger.error('agent API key cannot be decrypted: was SECRETS_KEY changed?');
    }
  }
  return {
    mode: (AGENT_MODES as readonly string[]).includes(c.mode) ? (c.mode as AgentMode) : 'menu',
    enabled: c.enabled,
    style: styleSchema.safeParse(c.style).data ?? d.style,
    models: modelsSchema.safeParse(c.models).data ?? d.models,
    baseUrl: c.baseUrl,
    apiKey,
    apiKeyLast4: c.apiKeyLast4,
    prompt: row.prompt?.prompt ?? d.prompt,
    promptVersion: row.prompt?.version ?? null,
  };
}

const costOf = (u: TokenUsage, p: PlatformModel) => (u.promptTokens * p.pricePerMTok.input + u.completionTokens * p.pricePerMTok.output) / 1_000_000;

/** The same turn answering other content (a voice note's words as text); its session is copied back by `adopt`. */
function withContent(turn: Turn, content: InboundContent): Turn {
  return { ...turn, inbound: { ...turn.inbound, content }, understood: undefined };
}
const adopt = (turn: Turn, ran: Turn) => {
  turn.session = ran.session;
};

function resetSession(turn: Turn) {
  const s = turn.session;
  Object.assign(s, { state: { step: 'menu' }, cart: [], delivery: null, queue: [], pin: null, requested: null, misses: 0, ordered: null, agent: undefined });
}

export function createAgent(deps: AgentDeps) {
  const cacheMs = deps.cacheMs ?? 5_000;
  const cache = new Map<string, { at: number; value: Promise<Loaded> }>();
  const spent = new Map<string, { at: number; value: number }>();

  async function loadFresh(company: Company): Promise<Loaded> {
    const db = deps.tenants.get(company.db);
    const [row, plan] = await Promise.all([readConfig(db), deps.planOf(company.id)]);
    const settings = settingsOf(row, deps.cipher, deps.logger);
    const endpoint = endpointOf(settings, deps.platform);
    return { settings, plan, endpoint, unavailable: unavailableReason(settings, plan, endpoint) };
  }

  function load(company: Company): Promise<Loaded> {
    const hit = cache.get(company.id);
    if (hit && Date.now() - hit.at < cacheMs) return hit.value;
    const value = loadFresh(company);
    cache.set(company.id, { at: Date.now(), value });
    value.catch(() => cache.delete(company.id));
    return value;
  }

  async function tokensSpent(companyId: string): Promise<number> {
    const hit = spent.get(companyId);
    if (hit && Date.now() - hit.at < 10_000) return hit.value;
    const value = await deps.usage.aiTokensUsed(companyId);
    spent.set(companyId, { at: Date.now(), value });
    return value;
  }

  async function record(company: Company, usage: TokenUsage, log: Omit<AgentTurnLog, 'promptTokens' | 'completionTokens'> | null) {
    // A model call is spent whether or not this decision is the one committed (a conflict decides
    // again): tokens and the log are recorded as they happen, outside the turn's commit.
    const work: Promise<unknown>[] = [];
    if (usage.promptTokens + usage.completionTokens > 0) {
      const hit = spent.get(company.id);
      if (hit) hit.value += usage.promptTokens + usage.completionTokens;
      work.push(deps.usage.recordAiTokens(company.id, { ...usage, costUsd: costOf(usage, deps.platform) }));
    }
    if (log) work.push(logAgentTurn(deps.tenants.get(company.db), { ...log, ...usage }));
    await Promise.all(work).catch((err: unknown) => deps.logger.error({ err, company: company.slug }, 'agent usage or log not recorded'));
  }

  /** The voice note downloaded and transcribed: a wait outside (see waitOutside). */
  function transcribe(company: Company, endpoint: ModelEndpoint, ref: MediaRef): Promise<string | null> {
    return waitOutside(async () => {
      const file = await deps.fetchMedia(company, ref);
      const client = clientFor(endpoint, deps.platform.timeoutMs);
      const res = await client.audio.transcriptions.create({
        file: await toFile(file.bytes, 'nota-de-voz.ogg', { type: file.mimeType }),
        model: deps.platform.transcriptionModel,
        language: 'es',
      }, { timeout: deps.platform.timeoutMs });
      const text = res.text?.trim();
      return text ? text.slice(0, 2000) : null;
    });
  }

  type RunOpts = { loaded: Loaded; mode: 'ai' | 'hybrid'; log: boolean; preview: boolean };
  type Outcome = { reply: Reply | null; outcome: AgentTurnLog['outcome'] | 'menu'; reason: string | null; toolCalls: ToolCallLog[]; usage?: TokenUsage };

  const menu = (turn: Turn, input: DecideInput) => menuDecider.decide(turn, input);

  /** What the agent reads of a message (null: the menu answers it: menu taps, stickers, reactions…). */
  function textOf(turn: Turn): { text: string; confirmToken?: string } | null {
    const c = turn.inbound.content;
    switch (c.type) {
      case 'text':
        return c.text.trim() ? { text: c.text.trim().slice(0, 2000) } : null;
      case 'interactive': {
        const [kind, action, token, ...rest] = c.replyId.split(':');
        if (kind !== 'agent') return null;
        if (action === 'confirm' && token) return { text: 'Sí, confirmo el pedido', confirmToken: token };
        if (action === 'change') return { text: 'Quiero cambiar algo de mi pedido' };
        return { text: rest.join(':') || c.title };
      }
      case 'location': {
        turn.session.pin = { latitude: c.latitude, longitude: c.longitude, name: c.name?.slice(0, 200) ?? null, address: c.address?.slice(0, 500) ?? null };
        return { text: `[El cliente envió su ubicación por WhatsApp${c.address || c.name ? `: ${c.address ?? c.name}` : ''}]` };
      }
      case 'media':
        return c.caption?.trim() ? { text: c.caption.trim().slice(0, 2000) } : null;
      default:
        return null;
    }
  }

  /** The agent's answer to one message, or the menu's when the agent cannot give one (and why). */
  async function agentAnswer(turn: Turn, input: DecideInput, o: RunOpts): Promise<Outcome> {
    const started = Date.now();
    const { settings, plan, endpoint } = o.loaded;
    const base = { inboxId: o.preview ? null : turn.inbound.inboxId, customerId: o.preview ? null : turn.customer.id, mode: o.mode, model: endpoint?.model ?? null };
    const read = textOf(turn);
    if (!read) return { reply: await menu(turn, input), outcome: 'menu', reason: null, toolCalls: [] };
    const memory: AgentMemory = readMemory(turn.session.agent);
    memory.turnNo += 1;
    const keep = (reply: Reply) => {
      turn.session.misses = 0;
      remember(memory, read.text, replyText(reply));
      turn.session.agent = memory;
    };
    const ctx: ToolContext = { turn, memory, customerText: read.text, seen: new Set(), terminal: null, handoffMinutes: deps.handoffTimeoutMinutes, preview: o.preview };

    // A tap on the summary's "Confirmar": the order is placed without asking the model.
    if (read.confirmToken) {
      const p = memory.pending;
      const fresh = p && p.token === read.confirmToken && p.turnNo < memory.turnNo && p.hash === cartHash(turn.session.cart as CartLine[], turn.session.delivery);
      const reply = fresh ? await placeConfirmed(ctx) : textReply(agentTexts.staleConfirmation);
      keep(reply);
      if (o.log) await record(turn.company, { promptTokens: 0, completionTokens: 0 }, { ...base, outcome: 'confirmed', reason: fresh ? null : 'stale confirmation', toolCalls: [], latencyMs: Date.now() - started });
      return { reply, outcome: 'confirmed', reason: fresh ? null : 'stale confirmation', toolCalls: [] };
    }
    if (isAbuse(read.text)) {
      const reply = textReply(agentTexts.abuse);
      keep(reply);
      if (o.log) await record(turn.company, { promptTokens: 0, completionTokens: 0 }, { ...base, outcome: 'abuse', reason: null, toolCalls: [], latencyMs: Date.now() - started });
      return { reply, outcome: 'abuse', reason: null, toolCalls: [] };
    }
    if ((await tokensSpent(turn.company.id)) >= plan.aiMonthlyTokens) {
      const reason = `monthly token budget used (${plan.aiMonthlyTokens})`;
      if (o.log) await record(turn.company, { promptTokens: 0, completionTokens: 0 }, { ...base, outcome: 'budget', reason, toolCalls: [], latencyMs: 0 });
      const reply = await menu(turn, input);
      return { reply: reply && withNotice(agentTexts.budgetNotice, reply), outcome: 'budget', reason, toolCalls: [] };
    }
    if (!endpoint) return { reply: await menu(turn, input), outcome: 'fallback', reason: 'no model', toolCalls: [] };

    const before = structuredClone(turn.session);
    const events = turn.events.length;
    const extra = turn.extra.length;
    try {
      const r = await runAgent({ endpoint, settings, ctx, text: read.text, timeoutMs: deps.platform.timeoutMs, maxToolCalls: deps.platform.maxToolCalls });
      keep(r.reply);
      const outcome = ctx.terminal && r.toolCalls.some((c) => c.name === 'create_order' && (c.result as { placed?: boolean } | undefined)?.placed) ? 'confirmed' : 'answered';
      await record(turn.company, r.usage, o.log ? { ...base, model: r.model, outcome, reason: null, toolCalls: r.toolCalls, latencyMs: Date.now() - started } : null);
      return { reply: r.reply, outcome, reason: null, toolCalls: r.toolCalls, usage: r.usage };
    } catch (err) {
      const failure = err instanceof AgentFailure ? err : null;
      if (!failure) deps.logger.error({ err, company: turn.company.slug }, 'agent failed');
      const reason = failure ? `${failure.reason}: ${failure.message}` : `error: ${err instanceof Error ? err.message : String(err)}`;
      // Nothing the agent did this turn stands: the menu answers from where the customer was.
      turn.session = before;
      turn.events.length = events;
      turn.extra.length = extra;
      turn.logger.warn({ reason }, 'agent fell back to the menu');
      await record(turn.company, failure?.usage ?? { promptTokens: 0, completionTokens: 0 }, o.log ? { ...base, outcome: 'fallback', reason, toolCalls: [], latencyMs: Date.now() - started } : null);
      return { reply: await menu(turn, input), outcome: 'fallback', reason, toolCalls: [], ...(failure ? { usage: failure.usage } : {}) };
    }
  }

  /** AI mode: the session's life (expiry, a person giving the chat back) as the menu keeps it, then the agent. */
  async function aiTurn(turn: Turn, input: DecideInput, loaded: Loaded): Promise<Reply | null> {
    if (turn.inbound.content.type === 'system') return null;
    const stored = input.stored;
    if (stored && (!stored.isActive || stored.expiresAt <= turn.now || !stored.data)) resetSession(turn);
    const paused = turn.customer.botPausedUntil;
    if (paused && paused <= turn.now) {
      turn.effects.clearBotPause();
      turn.events.push({ type: 'handoff_released', detail: { reason: 'timeout', by: 'agent' } });
    }
    return (await agentAnswer(turn, input, { loaded, mode: 'ai', log: true, preview: false })).reply;
  }

  /** Hybrid: the menu and its NLU first; a text they answer with "No entendí" goes to the agent instead. */
  async function hybridTurn(turn: Turn, input: DecideInput, loaded: Loaded): Promise<Reply | null> {
    const c = turn.inbound.content;
    const memory = readMemory(turn.session.agent);
    const agentTap = c.type === 'interactive' && c.replyId.startsWith('agent:');
    // The agent's own buttons, and the answer to a summary it is waiting on, are its.
    if (agentTap || (memory.pending && c.type === 'text')) return (await agentAnswer(turn, input, { loaded, mode: 'hybrid', log: true, preview: false })).reply;
    const before = structuredClone(turn.session);
    const events = turn.events.length;
    const extra = turn.extra.length;
    turn.unplaced = false;
    const byMenu = await menu(turn, input);
    if (c.type !== 'text' || !turn.unplaced) return byMenu;
    turn.unplaced = false;
    turn.session = before;
    turn.events.length = events;
    turn.extra.length = extra;
    turn.understood = undefined;
    return (await agentAnswer(turn, input, { loaded, mode: 'hybrid', log: true, preview: false })).reply;
  }

  const decider: Decider = {
    async decide(turn, input) {
      const loaded = await load(turn.company);
      let ran = turn;
      const c = turn.inbound.content;
      if (c.type === 'media' && c.mediaKind === 'audio' && c.media && !loaded.unavailable && loaded.endpoint) {
        // Transcribed while deciding (outside any lock); kept on the envelope, so the commit logs it
        // with the message and a decision made again reuses it.
        if (c.transcript === undefined) {
          const started = Date.now();
          try {
            const words = await transcribe(turn.company, loaded.endpoint, c.media);
            if (words) c.transcript = words;
            await record(turn.company, { promptTokens: 0, completionTokens: 0 }, { inboxId: turn.inbound.inboxId, customerId: turn.customer.id, mode: loaded.settings.mode, outcome: 'transcribed', reason: null, model: deps.platform.transcriptionModel, toolCalls: [], latencyMs: Date.now() - started });
          } catch (err) {
            const reason = err instanceof Error ? err.message.slice(0, 300) : String(err);
            turn.logger.warn({ reason }, 'voice note not transcribed');
            await record(turn.company, { promptTokens: 0, completionTokens: 0 }, { inboxId: turn.inbound.inboxId, customerId: turn.customer.id, mode: loaded.settings.mode, outcome: 'transcription_failed', reason, model: deps.platform.transcriptionModel, toolCalls: [], latencyMs: Date.now() - started });
          }
        }
        if (c.transcript) ran = withContent(turn, { type: 'text', text: c.transcript });
      }
      const mode = loaded.unavailable ? 'menu' : loaded.settings.mode;
      const reply = mode === 'ai' ? await aiTurn(ran, input, loaded) : mode === 'hybrid' ? await hybridTurn(ran, input, loaded) : await menu(ran, input);
      if (ran !== turn) adopt(turn, ran);
      return reply;
    },
  };

  /** A preview turn: the company's catalog and rules, a customer who does not exist, effects that write nothing. */
  function previewTurn(company: Company, db: TenantClient, logger: Logger): Turn {
    const now = new Date();
    const customerId = randomUUID();
    const effects: TurnEffects = {
      placeOrder: (input) => previewOrder(db as unknown as TenantTx, company, { ...input, customerId, orderCode: 'P-PRUEBA', sourceMessageId: null }),
      saveAddress: async (input) => ({ id: randomUUID(), address: input.text, latitude: null, longitude: null }),
      pauseBot: () => undefined,
      clearBotPause: () => undefined,
      cancelOrder: async () => ({ ok: false, reason: 'not_found' }),
    };
    return {
      tx: db as unknown as TenantTx,
      effects,
      company,
      customer: { id: customerId, waId: 'vista-previa', name: agentTexts.preview.customerName, phoneNumber: null, firstContactAt: now, botPausedUntil: null, handoffAt: null, createdAt: now, updatedAt: now },
      inbound: { inboxId: 0n, providerMessageId: `preview-${customerId}`, waId: 'vista-previa', profileName: null, timestamp: now, content: { type: 'text', text: '' } },
      now,
      logger,
      handoffTimeoutMinutes: deps.handoffTimeoutMinutes,
      session: { state: { step: 'menu' }, cart: [], delivery: null, queue: [], limitNoticeDay: null, ordered: false, pin: null, requested: null, misses: 0 },
      events: [],
      extra: [],
    };
  }

  /** Runs customer messages through a draft configuration: nothing saved, nothing sent. */
  async function preview(company: Company, settings: AgentSettings, plan: PlanLimits, messages: string[], mode: 'ai' | 'hybrid') {
    const endpoint = endpointOf(settings, deps.platform);
    const loaded: Loaded = { settings, plan, endpoint, unavailable: null };
    const db = deps.tenants.get(company.db);
    const turn = previewTurn(company, db, deps.logger.child({ company: company.slug, preview: true }));
    const turns = [];
    for (const [i, text] of messages.entries()) {
      turn.inbound = { ...turn.inbound, providerMessageId: `preview-${turn.customer.id}-${i}`, content: { type: 'text', text } };
      turn.understood = undefined;
      turn.now = new Date();
      const input: DecideInput = { stored: null, created: false };
      const events = turn.events.length;
      const started = Date.now();
      let result: Outcome;
      if (mode === 'hybrid') {
        const before = structuredClone(turn.session);
        turn.unplaced = false;
        const byMenu = await menu(turn, input);
        if (turn.unplaced) {
          turn.unplaced = false;
          turn.session = before;
          turn.understood = undefined;
          result = await agentAnswer(turn, input, { loaded, mode, log: false, preview: true });
        } else result = { reply: byMenu, outcome: 'menu', reason: null, toolCalls: [] };
      } else result = await agentAnswer(turn, input, { loaded, mode, log: false, preview: true });
      turns.push({
        customer: text,
        reply: result.reply,
        answeredBy: result.outcome === 'menu' || result.outcome === 'fallback' || result.outcome === 'budget' ? ('menu' as const) : ('ai' as const),
        outcome: result.outcome,
        reason: result.reason,
        toolCalls: result.toolCalls.map((c) => ({ name: c.name, args: c.args, ok: c.ok, ...(c.error ? { error: c.error } : {}), result: c.result ?? null })),
        events: turn.events.slice(events).map((e) => e.type),
        tokens: { prompt: result.usage?.promptTokens ?? 0, completion: result.usage?.completionTokens ?? 0 },
        latencyMs: Date.now() - started,
      });
    }
    return { turns, cart: turn.session.cart };
  }

  return {
    decider,
    deciderFor: () => decider,
    load,
    forget: (companyId: string) => {
      cache.delete(companyId);
      spent.delete(companyId);
    },
    preview,
  };
}

export type Agent = ReturnType<typeof createAgent>;
