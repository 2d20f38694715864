import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

// Tokens, secrets and message bodies never reach the logs at info level.
const REDACT = [
  'token',
  'accessToken',
  'authToken',
  'whatsappToken',
  'authorization',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-twilio-signature"]',
  'password',
  'secret',
  '*.token',
  '*.authToken',
  '*.secret',
  '*.whatsappToken',
  '*.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mostrador' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * The logger of a process (server, CLI): readable lines on a terminal, JSON lines otherwise (log
 * collectors), or what LOG_FORMAT says. Both write synchronously, so the last line before exit
 * is never lost. pino-pretty is a development dependency: without it, JSON.
 */
export function createProcessLogger(level: string, format?: LogFormat): Logger {
  const wanted = format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const pretty = wanted === 'pretty' ? prettyStream() : undefined;
  const logger = createLogger(level, pretty ?? pino.destination({ fd: 1, sync: true }));
  if (wanted === 'pretty' && !pretty) logger.warn('LOG_FORMAT=pretty needs the pino-pretty package (a development dependency); logging JSON');
  return logger;
}

function prettyStream(): pino.DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const build = require('pino-pretty') as (opts: PrettyOptions) => pino.DestinationStream;
    return build({ sync: true, colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'service' });
  } catch {
    return undefined;
  }
}
