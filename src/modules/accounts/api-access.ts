import type { Request } from 'express';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ApiAccess, ApiAuth, ApiCompany } from '../../platform/http/api-route.ts';
import { bearerToken, sameSecret } from '../../platform/http/auth.ts';
import { httpMessages } from '../../platform/http/http.messages.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import type { AuthService } from './auth.service.ts';
import { API_KEY_PREFIX, SESSION_PREFIX, sha256 } from './secret-tokens.ts';

export const SESSION_COOKIE = 'mostrador_session';


export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}


// last_used_at of an API key is written at most this often.
const KEY_TOUCH_EVERY_MS = 60_000;

/**
 * Who is asking, for every API route: Bearer (session token mss_…, company API key mst_…, or the
 * PLATFORM_ADMIN_TOKEN) first, else the session cookie. And which company a caller may reach.
 */
export function createApiAccess(deps: { repo: AccountsRepository; auth: AuthService; adminToken: string; logger: Logger }): ApiAccess {
  const { repo } = deps;

  async function fromSession(token: string, via: 'cookie' | 'bearer') {
    const s = token.startsWith(SESSION_PREFIX) ? await deps.auth.resolveSession(token) : null;
    if (!s) throw new AppError('UNAUTHORIZED', m.sessionInvalid);
    const auth: ApiAuth = { kind: 'user', userId: s.userId, platformAdmin: s.platformAdmin, sessionId: s.sessionId, via };
    return via === 'cookie' ? { auth, csrfToken: s.csrfToken } : { auth };
  }

  return {
    async authenticate(req) {
      const bearer = bearerToken(req);
      if (bearer !== undefined) {
        if (sameSecret(bearer, deps.adminToken)) return { auth: { kind: 'platform_token' } };
        if (bearer.startsWith(SESSION_PREFIX)) return fromSession(bearer, 'bearer');
        if (!bearer.startsWith(API_KEY_PREFIX)) throw new AppError('UNAUTHORIZED', httpMessages.invalidToken);
        const key = await repo.findApiKey(sha256(bearer));
        if (!key) throw new AppError('UNAUTHORIZED', m.apiKeyInvalid);
        if (key.companyStatus !== 'active') throw new AppError('FORBIDDEN', httpMessages.companySuspended);
        if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > KEY_TOUCH_EVERY_MS) {
          repo.touchApiKey(key.keyId).catch((err: unknown) => deps.logger.warn({ err }, 'API key last-used not updated'));
        }
        return { auth: { kind: 'api_key', keyId: key.keyId, companyId: key.companyId } };
      }
      const cookie = cookieOf(req, SESSION_COOKIE);
      if (cookie) return fromSession(decodeURIComponent(cookie), 'cookie');
      return null;
    },

    async companyFor(auth, slug) {
      const found = await repo.companyAccess(slug, auth.kind === 'user' ? auth.userId : null);
      if (!found) return null;
      const company = (role: ApiCompany['role']): ApiCompany => ({ id: found.id, slug: found.slug, name: found.name, schema: found.schemaName, connection: found.connection, role });
      switch (auth.kind) {
        case 'platform_token':
          return company('platform');
        case 'api_key':
          return found.id === auth.companyId ? company('api_key') : null;
        case 'user':
          if (found.role) return company(found.role);
          return auth.platformAdmin ? company('platform') : null;
      }
    },
  };
}
