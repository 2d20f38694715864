// Faults on demand for `POST /{phone-number-id}/messages`, so fault suites can play a Graph API
// that is down, slow or stalls while still speaking Meta's protocol. One rule per business number
// (plus one for every number); a number's own rule wins. Without rules nothing changes.
//
//   error  answer Meta's error envelope (HTTP 500 / 503 / 429), optionally after `delay_ms`;
//          the message is not accepted. `errors` rotate per request, so 500s and 429s can mix.
//   slow   accept the message (recorded, status webhooks follow as usual) and answer the 200
//          only after `delay_ms`: longer than the client's timeout, Meta has it but the client
//          does not know.
//   stall  answer nothing and drop the connection after `delay_ms`; with `accept` the message
//          is accepted first (recorded, statuses follow), otherwise it never reached Meta.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ZodError, z } from 'zod';
import { graphErrors, type GraphApiError } from './graph-errors.ts';
import type { Clock } from './rate-limits.ts';

export const FAULT_ERRORS = {
  '500': graphErrors.serviceDown,
  '500:1': graphErrors.unknownError,
  '500:131000': graphErrors.somethingWentWrong,
  '503': graphErrors.serviceUnavailable,
  '429': graphErrors.throughputTooMany,
  '429:80007': graphErrors.wabaRateLimit,
} as const;
export type FaultErrorKind = keyof typeof FAULT_ERRORS;

const DEFAULT_DELAY_MS = { error: 0, slow: 3_000, stall: 30_000 } as const;
// Longest pause a rule may ask for: a stall has to end some time.
const MAX_DELAY_MS = 10 * 60_000;

export const faultRequestSchema = z.object({
  /** Only sends of this business number; every number when absent. */
  phone_number_id: z.string().regex(/^\d+$/).optional(),
  /** `none` clears the rule of `phone_number_id` (or the rule for every number). */
  mode: z.enum(['error', 'slow', 'stall', 'none']),
  errors: z.array(z.enum(Object.keys(FAULT_ERRORS) as [FaultErrorKind, ...FaultErrorKind[]])).min(1).optional(),
  delay_ms: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  accept: z.boolean().optional(),
  /** The rule ends by itself after this long; until cleared when absent. */
  duration_ms: z.number().int().min(1).optional(),
  /** The rule applies to the next `count` sends only. */
  count: z.number().int().min(1).optional(),
});
export type FaultRequest = z.input<typeof faultRequestSchema>;

type FaultMode = 'error' | 'slow' | 'stall';
type FaultStats = { matched: number; errors: number; slow: number; stalled: number };

type FaultRule = {
  phoneNumberId: string | null;
  mode: FaultMode;
  errors: FaultErrorKind[];
  delayMs: number;
  accept: boolean;
  until: number | null;
  remaining: number | null;
  setAt: number;
  stats: FaultStats;
  next: number;
};

/** What to do with one send, decided when it arrives (clearing a rule later does not change it). */
export type FaultDecision =
  | { mode: 'error'; delayMs: number; error: GraphApiError }
  | { mode: 'slow'; delayMs: number }
  | { mode: 'stall'; delayMs: number; accept: boolean };

const emptyStats = (): FaultStats => ({ matched: 0, errors: 0, slow: 0, stalled: 0 });

export function createSendFaults(now: Clock) {
  const rules = new Map<string, FaultRule>();
  const totals = emptyStats();
  const keyOf = (phoneNumberId: string | null) => phoneNumberId ?? '*';

  function live(rule: FaultRule | undefined): FaultRule | undefined {
    if (!rule) return undefined;
    if ((rule.until !== null && now() >= rule.until) || rule.remaining === 0) {
      rules.delete(keyOf(rule.phoneNumberId));
      return undefined;
    }
    return rule;
  }

  function view(rule: FaultRule) {
    return {
      phone_number_id: rule.phoneNumberId,
      mode: rule.mode,
      ...(rule.mode === 'error' ? { errors: rule.errors } : {}),
      delay_ms: rule.delayMs,
      ...(rule.mode === 'stall' ? { accept: rule.accept } : {}),
      set_at: new Date(rule.setAt).toISOString(),
      expires_at: rule.until === null ? null : new Date(rule.until).toISOString(),
      remaining: rule.remaining,
      stats: { ...rule.stats },
    };
  }

  function count(rule: FaultRule, field: keyof FaultStats): void {
    rule.stats[field] += 1;
    totals[field] += 1;
  }

  return {
    /** Sets (or with mode `none` clears) the rule of a number; returns what is now in force. */
    set(input: FaultRequest) {
      const req = faultRequestSchema.parse(input);
      const key = keyOf(req.phone_number_id ?? null);
      if (req.mode === 'none') {
        const cleared = rules.delete(key);
        return { cleared: cleared ? 1 : 0 };
      }
      const at = now();
      const rule: FaultRule = {
        phoneNumberId: req.phone_number_id ?? null,
        mode: req.mode,
        errors: req.errors ?? ['500'],
        delayMs: req.delay_ms ?? DEFAULT_DELAY_MS[req.mode],
        accept: req.accept ?? false,
        until: req.duration_ms === undefined ? null : at + req.duration_ms,
        remaining: req.count ?? null,
        setAt: at,
        stats: emptyStats(),
        next: 0,
      };
      rules.set(key, rule);
      return { fault: view(rule) };
    },
    /** Clears one number's rule, or every rule. */
    clear(phoneNumberId?: string): number {
      if (phoneNumberId !== undefined) return rules.delete(phoneNumberId) ? 1 : 0;
      const n = rules.size;
      rules.clear();
      return n;
    },
    list() {
      return { faults: [...rules.values()].filter((r) => live(r)).map(view), totals: { ...totals } };
    },
    /** The fault for a send of this number arriving now, if any (counted as it is decided). */
    take(phoneNumberId: string): FaultDecision | undefined {
      const rule = live(rules.get(phoneNumberId)) ?? live(rules.get('*'));
      if (!rule) return undefined;
      if (rule.remaining !== null) rule.remaining -= 1;
      count(rule, 'matched');
      switch (rule.mode) {
        case 'error': {
          const kind = rule.errors[rule.next++ % rule.errors.length] ?? '500';
          count(rule, 'errors');
          return { mode: 'error', delayMs: rule.delayMs, error: FAULT_ERRORS[kind]() };
        }
        case 'slow':
          count(rule, 'slow');
          return { mode: 'slow', delayMs: rule.delayMs };
        case 'stall':
          count(rule, 'stalled');
          return { mode: 'stall', delayMs: rule.delayMs, accept: rule.accept };
      }
    },
  };
}

export type SendFaults = ReturnType<typeof createSendFaults>;

/** `GET|POST|DELETE /faults` on the emulator's own API (not part of Meta's). */
export function createFaultsRouter(faults: SendFaults): Router {
  const router = Router();
  router.use('/faults', express.json({ limit: '64kb' }));
  router.get('/faults', (_req, res) => {
    res.json(faults.list());
  });
  router.post('/faults', (req, res) => {
    res.json(faults.set(req.body as FaultRequest));
  });
  router.delete('/faults', (req, res) => {
    const id: unknown = req.query.phone_number_id;
    res.json({ cleared: faults.clear(typeof id === 'string' ? id : undefined) });
  });
  router.use('/faults', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof ZodError) {
      res.status(400).json({ error: { message: 'Invalid fault', issues: err.issues } });
      return;
    }
    next(err);
  });
  return router;
}
