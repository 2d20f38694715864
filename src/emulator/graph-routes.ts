// Graph API routes under `/graph/:version` (any `vNN.N`): send, phone identity, debug_token and
// minimal media. Every failure answers with Meta's error envelope (reference §5.9).
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { EmulatorStore, RegisteredNumber } from './emulator-store.ts';
import { GraphApiError, graphErrors } from './graph-errors.ts';
import { createMediaHandlers, rawMultipart } from './media-routes.ts';
import { validateSendRequest } from './outbound-validation.ts';
import type { Clock } from './rate-limits.ts';
import type { SendService } from './send-messages.ts';
import type { SendFaults } from './send-faults.ts';
import { pause } from './webhook-dispatcher.ts';

type Deps = {
  store: EmulatorStore;
  sendService: SendService;
  logger: Logger;
  now: Clock;
  webhookUrl: () => string;
  faults: SendFaults;
  /** Aborted when the emulator closes: pending slow answers and stalls end then. */
  signal: AbortSignal;
  /** Registers numbers created since start; called on a miss. */
  refresh?: () => Promise<void>;
};

export const EMULATOR_APP_ID = '100000000000001';
const SCOPES = ['whatsapp_business_management', 'whatsapp_business_messaging'];

export function queryString(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** Graph accepts the token as a Bearer header or an `access_token` query parameter. */
function tokenOf(req: Request): string | undefined {
  const header = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
  return header || queryString(req, 'access_token') || undefined;
}

function requireKnownToken(req: Request, store: EmulatorStore): string {
  const token = tokenOf(req);
  if (token === undefined) throw graphErrors.invalidToken(true);
  if (!store.isKnownToken(token)) throw graphErrors.invalidToken(false);
  return token;
}

/** A token of another number behaves like a missing object, as Graph does for missing permissions. */
function requireNumber(req: Request, store: EmulatorStore, id: string, method: 'get' | 'post'): RegisteredNumber {
  const token = requireKnownToken(req, store);
  const number = store.getNumber(id);
  if (!number || number.token !== token) throw graphErrors.unknownObject(id, method);
  return number;
}

function phoneIdentity(number: RegisteredNumber, webhookUrl: string): Record<string, unknown> {
  return {
    verified_name: number.verifiedName,
    code_verification_status: 'VERIFIED',
    display_phone_number: number.displayPhoneNumber,
    quality_rating: 'GREEN',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
    status: 'CONNECTED',
    name_status: 'APPROVED',
    messaging_limit_tier: 'TIER_1K',
    account_mode: 'LIVE',
    is_official_business_account: false,
    webhook_configuration: { application: webhookUrl },
    id: number.phoneNumberId,
  };
}

function debugToken(store: EmulatorStore, inputToken: string): Record<string, unknown> {
  const owned = store.listNumbers().filter((n) => n.token === inputToken);
  if (owned.length === 0) {
    return {
      data: {
        app_id: EMULATOR_APP_ID,
        is_valid: false,
        error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token', subcode: 467 },
        scopes: [],
      },
    };
  }
  const wabaIds = [...new Set(owned.map((n) => n.wabaId))];
  return {
    data: {
      app_id: EMULATOR_APP_ID,
      type: 'SYSTEM_USER',
      application: 'Mostrador Emulator',
      data_access_expires_at: 0,
      expires_at: 0,
      is_valid: true,
      issued_at: 1712099387,
      scopes: SCOPES,
      granular_scopes: SCOPES.map((scope) => ({ scope, target_ids: wabaIds })),
      user_id: '104169029247128',
    },
  };
}

export function createGraphRouter({ store, sendService, logger, now, webhookUrl, faults, signal, refresh }: Deps): Router {
  const graph = Router({ mergeParams: true });
  const media = createMediaHandlers(store, now);

  /** A number or token not registered yet may belong to a company created since start. */
  async function knowNumber(req: Request, id: string) {
    const number = store.getNumber(id);
    const token = tokenOf(req);
    if (refresh && (!number || (token !== undefined && number.token !== token))) await refresh();
  }

  graph.use((req, _res, next) => {
    const version: unknown = (req.params as Record<string, unknown>).version;
    if (typeof version !== 'string' || !/^v\d+\.\d+$/.test(version)) throw graphErrors.unknownPath(req.originalUrl);
    next();
  });
  graph.use(express.json({ limit: '5mb' }));

  graph.get('/debug_token', (req, res) => {
    requireKnownToken(req, store);
    const input = queryString(req, 'input_token');
    if (!input) throw graphErrors.invalidParameter('The parameter input_token is required');
    res.json(debugToken(store, input));
  });

  graph.post('/:phoneNumberId/messages', async (req, res) => {
    await knowNumber(req, req.params.phoneNumberId ?? '');
    const number = requireNumber(req, store, req.params.phoneNumberId ?? '', 'post');
    const fault = faults.take(number.phoneNumberId);
    if (fault === undefined) {
      res.json(sendService.send(number, validateSendRequest(req.body)));
      return;
    }
    // A send the Graph API rejects while it is down: nothing is accepted.
    if (fault.mode === 'error') {
      if (fault.delayMs > 0 && !(await pause(fault.delayMs, signal))) return void req.socket.destroy();
      throw fault.error;
    }
    const request = validateSendRequest(req.body);
    const accepted = fault.mode === 'slow' || fault.accept;
    const response = accepted ? sendService.send(number, request, { fault: fault.mode }) : undefined;
    logger.debug({ phoneNumberId: number.phoneNumberId, fault: fault.mode, accepted, delayMs: fault.delayMs }, 'send held by a fault');
    const waited = await pause(fault.delayMs, signal);
    // The client may have given up meanwhile: it never learns that the message was accepted.
    if (!waited || fault.mode === 'stall' || response === undefined) return void req.socket.destroy();
    res.json(response);
  });

  graph.post('/:phoneNumberId/media', rawMultipart, (req, res) => {
    const number = requireNumber(req, store, req.params.phoneNumberId ?? '', 'post');
    media.upload(req, res, number);
  });

  graph.get('/:objectId', async (req, res) => {
    const id = req.params.objectId ?? '';
    if (!store.getMedia(id)) await knowNumber(req, id);
    const token = requireKnownToken(req, store);
    const number = store.getNumber(id);
    if (number && number.token === token) {
      const identity = phoneIdentity(number, webhookUrl());
      const fields = queryString(req, 'fields');
      if (!fields) {
        res.json(identity);
        return;
      }
      const out: Record<string, unknown> = {};
      for (const field of fields.split(',').map((f) => f.trim()).filter(Boolean)) {
        if (!(field in identity)) {
          throw graphErrors.invalidParameter(
            `Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessPhoneNumber)`,
          );
        }
        out[field] = identity[field];
      }
      out.id = number.phoneNumberId;
      res.json(out);
      return;
    }
    const file = store.getMedia(id);
    const owner = queryString(req, 'phone_number_id');
    if (file && (owner === undefined || owner === file.phoneNumberId)) {
      media.info(req, res, file);
      return;
    }
    throw graphErrors.unknownObject(id, 'get');
  });

  graph.delete('/:objectId', (req, res) => {
    requireKnownToken(req, store);
    if (!store.deleteMedia(req.params.objectId ?? '')) throw graphErrors.unknownObject(req.params.objectId ?? '', 'delete');
    res.json({ success: true });
  });

  graph.use((req) => {
    throw graphErrors.unknownPath(req.originalUrl);
  });

  graph.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof GraphApiError) {
      res.status(err.status).json(err.body);
      return;
    }
    const parseFailed = typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed';
    if (parseFailed) {
      const e = graphErrors.invalidParameter('The request body could not be parsed as JSON.');
      res.status(e.status).json(e.body);
      return;
    }
    logger.error({ err }, 'graph emulator failure');
    res.status(500).json({
      error: {
        message: '(#131000) Something went wrong',
        type: 'OAuthException',
        code: 131000,
        error_data: { messaging_product: 'whatsapp', details: 'Unknown error in the emulator' },
        fbtrace_id: 'emulator',
      },
    });
  });

  return graph;
}
