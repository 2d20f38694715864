import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeKey } from './config.ts';

// Channel tokens are stored as `v1:<iv>:<tag>:<ciphertext>` (AES-256-GCM, base64 parts).
export type TokenCipher = { encrypt(plain: string): string; decrypt(stored: string): string };

export function createTokenCipher(keyText: string): TokenCipher {
  const key = decodeKey(keyText);
  if (!key) throw new Error('TOKEN_ENCRYPTION_KEY must be 32 bytes (64 hex chars or base64)');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    },
    decrypt(stored) {
      const [version, iv, tag, data] = stored.split(':');
      if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unrecognised encrypted token format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
