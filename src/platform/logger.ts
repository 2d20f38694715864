import { pino, type Logger } from 'pino';

export type { Logger };

// Tokens, secrets and message bodies never reach the logs at info level.
const REDACT = [
  'token',
  'accessToken',
  'whatsappToken',
  'authorization',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'password',
  'secret',
  '*.token',
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
