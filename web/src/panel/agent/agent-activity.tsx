// What the assistant did lately (its log: time, customer, outcome and why the menu answered, the
// tools it used, tokens and latency) and this month's tokens and cost.
import { formatDateTime, formatNumber, formatRelative } from '../lib/format.ts';
import { Badge, Button, Card, EmptyState, ErrorNotice } from '../lib/ui/index.ts';
import { UsageBar } from '../settings/plan-settings.tsx';
import { useAgentTurns, type AgentConfig, type AgentTurn } from './agent-api.ts';
import { latencyText, modeLabel, outcomeOf, reasonText, toolCallsOf, TOOL_NAMES } from './agent-labels.ts';

const usd = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

export function AgentActivity({ slug, config }: { slug: string; config: AgentConfig }) {
  const turns = useAgentTurns(slug);
  const u = config.usage;
  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <Card
        title="Actividad reciente"
        actions={
          <Button size="sm" variant="ghost" busy={turns.isFetching} onClick={() => void turns.refetch()}>
            Actualizar
          </Button>
        }
      >
        {turns.isError ? (
          <ErrorNotice error={turns.error} onRetry={() => void turns.refetch()} />
        ) : !turns.data ? (
          <div className="h-32 animate-pulse rounded-xl bg-slate-100" aria-hidden="true" />
        ) : turns.data.length === 0 ? (
          <EmptyState title="Sin actividad todavía">Cuando el asistente atienda a tus clientes, aquí verás cada respuesta, qué herramientas usó y cuánto tardó.</EmptyState>
        ) : (
          <ol className="flex flex-col divide-y divide-slate-100" aria-label="Turnos del asistente">
            {turns.data.map((t) => (
              <TurnRow key={t.id} turn={t} />
            ))}
          </ol>
        )}
      </Card>
      <Card title="Uso de este mes">
        <div className="flex flex-col gap-3">
          <UsageBar label="Tokens del asistente" used={u.tokens} limit={config.plan.monthlyTokens} />
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <div className="rounded-lg bg-slate-50 p-2">
              <dt className="text-xs text-slate-600">Costo estimado</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">{usd.format(Number(u.costUsd))}</dd>
            </div>
            <div className="rounded-lg bg-slate-50 p-2">
              <dt className="text-xs text-slate-600">Entrada / salida</dt>
              <dd className="font-semibold text-slate-900 tabular-nums">
                {formatNumber(u.promptTokens)} / {formatNumber(u.completionTokens)}
              </dd>
            </div>
          </dl>
          <p className="text-xs text-slate-600">
            {config.plan.aiIncluded
              ? `Tu plan ${config.plan.name} incluye ${formatNumber(config.plan.monthlyTokens)} tokens al mes. Si se acaban, el bot responde con el menú hasta el mes siguiente.`
              : `Tu plan ${config.plan.name} no incluye el asistente con IA.`}
            {config.model ? ` Modelo: ${config.model.name}${config.model.own ? ' (tu clave)' : ' (de la plataforma)'}.` : ''}
          </p>
        </div>
      </Card>
    </div>
  );
}

function TurnRow({ turn }: { turn: AgentTurn }) {
  const o = outcomeOf(turn.outcome);
  const why = reasonText(turn.reason);
  const calls = toolCallsOf(turn.toolCalls);
  const tokens = turn.promptTokens + turn.completionTokens;
  return (
    <li className="flex flex-col gap-1 py-3 text-sm first:pt-0 last:pb-0">
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={o.tone}>{o.label}</Badge>
        <span className="text-slate-600">
          <time dateTime={turn.createdAt} title={formatDateTime(turn.createdAt)}>{formatRelative(turn.createdAt)}</time> · {turn.customerId ? `Cliente …${turn.customerId.slice(-6)}` : 'Prueba'} · modo {modeLabel(turn.mode)}
        </span>
      </p>
      {why ? <p className="text-amber-900">Por qué: {why}.</p> : null}
      <p className="text-xs text-slate-600 tabular-nums">
        {calls.length > 0 ? `${calls.map((c) => TOOL_NAMES[c.name] ?? c.name).join(' → ')} · ` : ''}
        {formatNumber(tokens)} tokens · {latencyText(turn.latencyMs)}{turn.model ? ` · ${turn.model}` : ''}
      </p>
    </li>
  );
}
