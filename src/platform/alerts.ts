import type pg from 'pg';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

export type AlertKind = 'send_failures' | 'queue_backlog' | 'queue_stalled' | 'order_failed' | 'message_failed' | 'status_failed' | 'webhook_rejected' | 'channel_check' | 'plan_limit';

/**
 * Operator alerts: logged, counted, stored in `alerts`, and posted to ALERT_WEBHOOK_URL.
 * Throttled per kind and company so a burst of failures is one alert, not a thousand.
 */
export function createAlerts(deps: { pool: pg.Pool; logger: Logger; metrics: Metrics; webhookUrl?: string; throttleMs?: number }) {
  const last = new Map<string, number>();
  const throttle = deps.throttleMs ?? 5 * 60_000;
  return {
    async raise(kind: AlertKind, message: string, details: { companyId?: string } & Record<string, unknown> = {}) {
      deps.metrics.alerts.inc({ kind });
      const key = `${kind}:${details.companyId ?? '-'}`;
      const now = Date.now();
      if (now - (last.get(key) ?? 0) < throttle) return;
      last.set(key, now);
      deps.logger.error({ alert: kind, ...details }, message);
      await deps.pool
        .query('INSERT INTO public.alerts (kind, company_id, message, details) VALUES ($1, $2, $3, $4)', [
          kind,
          details.companyId ?? null,
          message,
          JSON.stringify(details),
        ])
        .catch((err) => deps.logger.error({ err }, 'could not store alert'));
      if (deps.webhookUrl) {
        await fetch(deps.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind, message, details, at: new Date(now).toISOString() }),
          signal: AbortSignal.timeout(5000),
        }).catch((err) => deps.logger.warn({ err: String(err) }, 'alert webhook unreachable'));
      }
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
