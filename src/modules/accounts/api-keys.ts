import { AppError } from '../../platform/errors.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import { API_KEY_PREFIX, newSecret, sha256 } from './secret-tokens.ts';

export const FIRST_API_KEY_NAME = 'Clave principal';

/** A new company API key: the key (shown once), its hash (stored) and its visible start. */
export function issueApiKey() {
  const key = newSecret(API_KEY_PREFIX);
  return { key, hash: sha256(key), prefix: key.slice(0, API_KEY_PREFIX.length + 6) };
}

type KeyRow = Awaited<ReturnType<AccountsRepository['listApiKeys']>>[number];

const view = (k: Omit<KeyRow, 'creator' | 'keyHash'> & { creator?: { name: string } | null }) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt,
  createdBy: k.creator?.name ?? null,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
  active: k.revokedAt === null,
});

/** A company's API keys for integrations: several, named, shown once, revocable. */
export function createApiKeysService(deps: { repo: AccountsRepository }) {
  const { repo } = deps;
  return {
    async list(companyId: string) {
      return (await repo.listApiKeys(companyId)).map(view);
    },
    async create(companyId: string, name: string, createdBy: string | null) {
      const issued = issueApiKey();
      const row = await repo.createApiKey({ companyId, name, keyHash: issued.hash, prefix: issued.prefix, createdBy });
      return { apiKey: view(row), key: issued.key };
    },
    async revoke(companyId: string, id: string) {
      const { count } = await repo.revokeApiKey(companyId, id);
      if (count === 0) throw new AppError('NOT_FOUND', m.apiKeyNotFound);
    },
    /** Every key of the company is revoked and one new key replaces them (a leaked key, at once). */
    async rotate(companyId: string) {
      await repo.revokeAllApiKeys(companyId);
      const issued = issueApiKey();
      await repo.createApiKey({ companyId, name: FIRST_API_KEY_NAME, keyHash: issued.hash, prefix: issued.prefix, createdBy: null });
      return issued.key;
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
