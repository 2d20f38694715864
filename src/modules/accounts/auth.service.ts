import { randomBytes } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { AccountsRepository, SessionUser } from './accounts.repository.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import type { Mailer } from './mailer.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { RESET_PREFIX, SESSION_PREFIX, newSecret, sha256 } from './secret-tokens.ts';

export type AuthSettings = {
  sessionDays: number;
  /** Failed sign-ins allowed per window, per IP and per account. */
  loginWindowMinutes: number;
  maxFailuresPerIp: number;
  maxFailuresPerAccount: number;
  resetMinutes: number;
  /** Sign-ups per IP address, and reset requests per IP and per email, per hour. */
  registrationsPerIpPerHour: number;
  resetsPerIpPerHour: number;
  resetsPerEmailPerHour: number;
};

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionDays: 30,
  loginWindowMinutes: 15,
  maxFailuresPerIp: 50,
  maxFailuresPerAccount: 10,
  resetMinutes: 30,
  registrationsPerIpPerHour: 10,
  resetsPerIpPerHour: 20,
  resetsPerEmailPerHour: 5,
};

const HOUR_SECONDS = 3600;

export type IssuedSession = { token: string; csrfToken: string; expiresAt: Date };

const publicUser = (u: { id: string; email: string; name: string; platformAdmin: boolean }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  platformAdmin: u.platformAdmin,
});

// last_seen_at is written at most this often per session (not on every request).
const TOUCH_EVERY_MS = 60_000;

/** Sign-up, sign-in, sessions and passwords. */
export function createAuthService(deps: {
  repo: AccountsRepository;
  mailer: Mailer;
  logger: Logger;
  /** Where the panel lives, for the reset link (PUBLIC_URL or the local address). */
  publicUrl: () => string | undefined;
  settings?: Partial<AuthSettings>;
}) {
  const { repo } = deps;
  const settings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };

  async function issueSession(userId: string, userAgent: string | null): Promise<IssuedSession> {
    const token = newSecret(SESSION_PREFIX);
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + settings.sessionDays * 86_400_000);
    await repo.createSession({ userId, tokenHash: sha256(token), csrfToken, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
    return { token, csrfToken, expiresAt };
  }

  /** 429 with Retry-After when `key` already did `kind` `limit` times this hour. */
  async function limit(kind: string, key: string, max: number, message: (minutes: number) => string) {
    const slot = await repo.takeRateSlot(kind, key, max, HOUR_SECONDS);
    if (slot.ok) return;
    deps.logger.warn({ kind }, 'request refused: rate limit');
    throw new AppError('RATE_LIMITED', message(Math.ceil(slot.retryAfterSeconds / 60)), { retryAfterSeconds: slot.retryAfterSeconds });
  }

  async function register(input: { email: string; name: string; password: string }, client: { ip: string; userAgent: string | null }) {
    // Counted before the work (argon2 costs 19 MiB and tens of milliseconds): a script creating
    // accounts is stopped whatever it sends.
    await limit('register:ip', client.ip, settings.registrationsPerIpPerHour, m.tooManySignups);
    const userAgent = client.userAgent;
    const existing = await repo.findUserByEmail(input.email);
    if (existing) throw new AppError('CONFLICT', m.emailTaken);
    const passwordHash = await hashPassword(input.password);
    let user;
    try {
      user = await repo.createUser({ email: input.email.toLowerCase(), name: input.name, passwordHash });
    } catch (err) {
      // Two sign-ups with the same address at once: the unique index decides.
      if (await repo.findUserByEmail(input.email)) throw new AppError('CONFLICT', m.emailTaken);
      throw err;
    }
    deps.logger.info({ userId: user.id }, 'user registered');
    return { user: publicUser(user), session: await issueSession(user.id, userAgent) };
  }

  /**
   * Rate-limited per IP and per account over a window, counted in PostgreSQL so every process
   * shares the count. Unknown account and wrong password take the same time (a dummy argon2
   * verification) and get the same answer.
   */
  async function login(input: { email: string; password: string }, client: { ip: string; userAgent: string | null }) {
    const email = input.email.toLowerCase();
    const since = new Date(Date.now() - settings.loginWindowMinutes * 60_000);
    const failures = await repo.failuresSince(since, { ip: client.ip, email });
    if (failures.ip >= settings.maxFailuresPerIp || failures.email >= settings.maxFailuresPerAccount) {
      deps.logger.warn({ ip: client.ip, failures }, 'sign-in refused: too many failed attempts');
      throw new AppError('RATE_LIMITED', m.tooManyAttempts(settings.loginWindowMinutes), { retryAfterSeconds: settings.loginWindowMinutes * 60 });
    }
    const user = await repo.findUserByEmail(email);
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
    await repo.recordLoginAttempt({ ip: client.ip, email, succeeded: ok });
    if (!user || !ok) throw new AppError('UNAUTHORIZED', m.badCredentials);
    return { user: publicUser(user), session: await issueSession(user.id, client.userAgent) };
  }

  /** The signed-in user behind a session token, or null (unknown, expired or signed out). */
  async function resolveSession(token: string): Promise<SessionUser | null> {
    const session = await repo.findSession(sha256(token));
    if (session && Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      repo.touchSession(session.sessionId).catch((err: unknown) => deps.logger.warn({ err }, 'session last-seen not updated'));
    }
    return session;
  }

  async function me(userId: string) {
    const user = await repo.findUserById(userId);
    if (!user) throw new AppError('UNAUTHORIZED', m.sessionInvalid);
    const companies = await repo.companiesOf(userId);
    return {
      user: publicUser(user),
      companies: companies.map((c) => ({ id: c.company.id, slug: c.company.slug, name: c.company.name, status: c.company.status, role: c.role })),
    };
  }

  /** Needs the current password; every other session of the user is signed out. */
  async function changePassword(userId: string, sessionId: string, current: string, next: string) {
    const user = await repo.findUserById(userId);
    if (!user) throw new AppError('UNAUTHORIZED', m.sessionInvalid);
    if (!(await verifyPassword(user.passwordHash, current))) throw new AppError('FORBIDDEN', m.wrongCurrentPassword);
    await repo.setPasswordHash(userId, await hashPassword(next));
    await repo.deleteSessionsOf(userId, sessionId);
  }

  /** Same answer whether the account exists; a mail that cannot be sent is logged, not told. */
  async function requestReset(email: string, client: { ip: string }) {
    // Per IP and per address, whether or not the account exists (the 429 tells nothing about it):
    // nobody fills someone's mailbox with reset links.
    await limit('reset:ip', client.ip, settings.resetsPerIpPerHour, m.tooManyResets);
    await limit('reset:email', email.toLowerCase(), settings.resetsPerEmailPerHour, m.tooManyResets);
    const user = await repo.findUserByEmail(email);
    if (!user) {
      // Comparable work to the real path, so timing does not tell which addresses have accounts.
      await dummyHash();
      return;
    }
    const token = newSecret(RESET_PREFIX);
    await repo.createReset({ userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + settings.resetMinutes * 60_000) });
    const base = deps.publicUrl() ?? '';
    const link = `${base}/panel/restablecer#token=${token}`;
    await deps.mailer
      .send({ to: user.email, subject: m.resetSubject, text: m.resetBody(user.name, link) })
      .catch((err: unknown) => deps.logger.error({ err, userId: user.id }, 'password reset mail could not be sent'));
  }

  async function confirmReset(token: string, password: string) {
    const userId = await repo.useReset(sha256(token), await hashPassword(password));
    if (!userId) throw new AppError('VALIDATION', m.resetInvalid);
    deps.logger.info({ userId }, 'password reset');
  }

  return {
    register,
    login,
    logout: (sessionId: string) => repo.deleteSession(sessionId),
    resolveSession,
    issueSession,
    me,
    changePassword,
    requestReset,
    confirmReset,
    async pruneExpired() {
      await repo.deleteExpiredSessions();
      await repo.pruneLoginAttempts(new Date(Date.now() - 86_400_000));
    },
    /** `npm run user:admin -- <email>`: the platform admin flag. */
    async setPlatformAdmin(email: string, on: boolean) {
      const { count } = await repo.setPlatformAdmin(email, on);
      if (count === 0) throw new AppError('NOT_FOUND', m.userNotFound(email));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
