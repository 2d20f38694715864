// The preview beside the editor: the owner writes as a customer; every message runs the whole
// conversation through POST …/agent/preview with the DRAFT (unsaved edits). Replies are drawn
// with the simulator's WhatsApp bubbles, each with the tools the assistant used, its tokens and
// how long it took. Nothing is saved and nothing goes to WhatsApp.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { BotMessage } from '../../simulator/bot-message.tsx';
import { CustomerMessage } from '../../simulator/customer-message.tsx';
import { ListSheet } from '../../simulator/list-sheet.tsx';
import type { ChatItem, InteractiveWire } from '../../simulator/wire-types.ts';
import { apiFetch, errorMessage } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { Badge, Button } from '../lib/ui/index.ts';
import { previewDraftOf, type AgentConfig, type Draft, type PreviewResult, type PreviewTurn } from './agent-api.ts';
import { argsText, latencyText, outcomeOf, reasonText, resultText, TOOL_NAMES, wireOf } from './agent-labels.ts';

const MAX_MESSAGES = 20;

type Line = { id: string; at: string; text: string; turn: PreviewTurn | null };

let seq = 0;

export function AgentPreview({ slug, config, draft }: { slug: string; config: AgentConfig; draft: Draft }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [list, setList] = useState<InteractiveWire | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const run = useRef(0);
  const canRun = config.plan.aiIncluded;

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines, busy]);

  async function send(message: string) {
    const said = message.trim();
    if (!said || busy) return;
    if (lines.length >= MAX_MESSAGES) return setError(`La prueba llega hasta ${MAX_MESSAGES} mensajes: toca «Reiniciar» para empezar otra.`);
    const id = ++run.current;
    const next: Line[] = [...lines, { id: `m${++seq}`, at: new Date().toISOString(), text: said, turn: null }];
    setLines(next);
    setText('');
    setError(null);
    setBusy(true);
    try {
      const r = await apiFetch<PreviewResult>(`/api/companies/${slug}/agent/preview`, { method: 'POST', body: { messages: next.map((l) => l.text), draft: previewDraftOf(draft, config.mode) } });
      if (id !== run.current) return;
      // The whole conversation ran again through the draft: its answers replace the earlier ones.
      setLines(next.map((l, i) => ({ ...l, turn: r.turns[i] ?? null })));
    } catch (err) {
      if (id !== run.current) return;
      setLines(lines);
      setText(said);
      setError(errorMessage(err));
    } finally {
      if (id === run.current) setBusy(false);
    }
  }

  function reset() {
    run.current++;
    setLines([]);
    setBusy(false);
    setError(null);
    setText('');
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(text);
  };

  return (
    <section aria-labelledby="prueba-titulo" className="flex flex-col overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center gap-2 bg-wa-green px-3 py-2.5 text-white">
        <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-full bg-white/20 text-sm font-semibold">
          IA
        </span>
        <div className="min-w-0 flex-1">
          <h2 id="prueba-titulo" className="text-sm font-semibold">
            Prueba del asistente
          </h2>
          <p className="text-xs text-white/85">Con tus cambios sin guardar · nada se envía por WhatsApp</p>
        </div>
        <Button size="sm" variant="ghost" className="text-white hover:bg-white/15" onClick={reset} disabled={lines.length === 0 && !error}>
          Reiniciar
        </Button>
      </div>
      <div ref={scroller} className="wa-wallpaper relative h-[26rem] overflow-y-auto lg:h-[32rem]" data-testid="agent-preview-chat">
        {lines.length === 0 ? (
          <p className="mx-6 mt-6 rounded-lg bg-white/90 px-3 py-2 text-center text-sm text-slate-700 shadow-sm">
            {canRun ? 'Escribe como si fueras un cliente, por ejemplo «¿cuánto cuesta el garrafón?», y mira qué respondería tu asistente.' : 'La prueba del asistente está en el plan Premium.'}
          </p>
        ) : null}
        <ol className="flex flex-col gap-1.5 px-3 py-3" aria-live="polite">
          {lines.map((l) => (
            <PreviewLine key={l.id} line={l} onReply={(t) => void send(t)} onOpenList={setList} />
          ))}
          {busy ? (
            <li className="self-start rounded-lg bg-white px-3 py-2 text-sm text-wa-muted shadow-sm" role="status">
              El asistente está escribiendo…
            </li>
          ) : null}
        </ol>
        {list ? (
          <ListSheet
            interactive={list}
            onChoose={(choice) => {
              setList(null);
              void send(choice.title);
            }}
            onClose={() => setList(null)}
          />
        ) : null}
      </div>
      <form onSubmit={submit} className="flex flex-col gap-2 border-t border-slate-200 bg-slate-50 p-2">
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-2 py-1.5 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <div className="flex gap-2">
          <label htmlFor="prueba-mensaje" className="sr-only">
            Mensaje del cliente
          </label>
          <input
            id="prueba-mensaje"
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
            placeholder="Escribe como cliente…"
            autoComplete="off"
            className="min-h-11 min-w-0 flex-1 rounded-full border border-slate-300 bg-white px-4 text-[15px] focus:border-wa-green focus:outline-2 focus:outline-wa-green/40"
          />
          <Button type="submit" busy={busy} disabled={!text.trim()} aria-label="Enviar mensaje de prueba">
            Enviar
          </Button>
        </div>
      </form>
    </section>
  );
}

function PreviewLine({ line, onReply, onOpenList }: { line: Line; onReply: (text: string) => void; onOpenList: (i: InteractiveWire) => void }) {
  const item: Extract<ChatItem, { from: 'customer' }> = { from: 'customer', id: line.id, at: line.at, message: { type: 'text', text: { body: line.text } }, delivery: 200, read: line.turn !== null };
  const t = line.turn;
  const wire = t ? wireOf(t.reply) : null;
  return (
    <>
      <CustomerMessage item={item} />
      {wire ? <BotMessage at={line.at} message={wire} onReply={(c) => onReply(c.title)} onOpenList={(i) => onOpenList(i)} /> : null}
      {t ? <TurnDetails turn={t} /> : null}
    </>
  );
}

/** Under a reply: who answered, the tools with their arguments and results, tokens and time. */
function TurnDetails({ turn }: { turn: PreviewTurn }) {
  const o = outcomeOf(turn.outcome);
  const why = reasonText(turn.reason);
  const tokens = turn.tokens.prompt + turn.tokens.completion;
  return (
    <li className="mb-2 max-w-[92%] self-start rounded-lg border border-slate-200 bg-white/95 px-2.5 py-2 text-xs text-slate-700 shadow-sm" aria-label="Detalle de la respuesta">
      <p className="flex flex-wrap items-center gap-1.5">
        <Badge tone={turn.answeredBy === 'ai' ? o.tone : 'yellow'}>{turn.answeredBy === 'ai' ? o.label : turn.outcome === 'menu' ? 'Respondió el menú' : o.label}</Badge>
        <span className="tabular-nums text-slate-600">
          {formatNumber(tokens)} tokens · {latencyText(turn.latencyMs)}
        </span>
      </p>
      {why ? <p className="mt-1 text-amber-900">Por qué: {why}.</p> : null}
      {turn.toolCalls.length > 0 ? (
        <ul className="mt-1.5 flex flex-col gap-1" aria-label="Herramientas usadas">
          {turn.toolCalls.map((c, i) => (
            <li key={i} className="rounded-md bg-slate-50 px-2 py-1">
              <p>
                <span aria-hidden="true">🔧 </span>
                <span className="font-semibold text-slate-900">{TOOL_NAMES[c.name] ?? c.name}</span> <code className="text-[11px] text-slate-500">{c.name}</code>
              </p>
              <p className="break-words text-slate-600">{argsText(c.args)}</p>
              <p className={`break-words ${c.ok ? 'text-emerald-800' : 'text-red-700'}`}>→ {resultText(c)}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
