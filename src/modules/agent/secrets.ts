// API keys businesses bring for their model, encrypted at rest with AES-256-GCM under SECRETS_KEY.
// Outside production an unset SECRETS_KEY is derived from TOKEN_ENCRYPTION_KEY (with a warning);
// in production without it no key can be saved (the API says why) — the platform's default model
// still works.
import { hkdfSync } from 'node:crypto';
import { createTokenCipher, type TokenCipher } from '../../platform/crypto.ts';
import { decodeKey } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';

export function createSecretsCipher(c: { SECRETS_KEY?: string | undefined; TOKEN_ENCRYPTION_KEY?: string | undefined; NODE_ENV: string }, logger: Logger): TokenCipher | null {
  if (c.SECRETS_KEY) return createTokenCipher(c.SECRETS_KEY);
  if (c.NODE_ENV === 'production') {
    logger.warn('SECRETS_KEY is not set: businesses cannot save an AI API key of their own');
    return null;
  }
  const base = decodeKey(c.TOKEN_ENCRYPTION_KEY ?? '0'.repeat(64)) ?? Buffer.alloc(32);
  const derived = Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), 'mostrador agent secrets', 32));
  logger.warn('SECRETS_KEY is not set: AI API keys are encrypted with a key derived from TOKEN_ENCRYPTION_KEY (development only)');
  return createTokenCipher(derived.toString('hex'));
}

/** "configurado ••••abcd": all the API ever shows of a key. */
export const maskedKey = (last4: string | null) => (last4 ? `configurado ••••${last4}` : null);
