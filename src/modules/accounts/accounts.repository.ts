import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CentralClient } from '../../platform/db/clients.ts';
import { preparedQuery } from '../../platform/db/clients.ts';

export type Role = 'owner' | 'staff';

export type SessionUser = {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: string;
  email: string;
  name: string;
  platformAdmin: boolean;
};

export type KeyCompany = { keyId: string; companyId: string; companyStatus: string; lastUsedAt: Date | null };

export type CompanyAccess = { id: string; slug: string; name: string; schemaName: string; connection: { schema: string; url?: string }; status: string; role: Role | null };

/** Rows of the accounts tables (central schema). The only code that touches them. */
export function createAccountsRepository(central: CentralClient, pool: pg.Pool) {
  return {
    // Users
    createUser: (u: { email: string; name: string; passwordHash: string }) => central.user.create({ data: u }),
    findUserByEmail: (email: string) => central.user.findFirst({ where: { email: email.toLowerCase() } }),
    findUserById: (id: string) => central.user.findUnique({ where: { id } }),
    setPasswordHash: (id: string, passwordHash: string) => central.user.update({ where: { id }, data: { passwordHash } }),
    setPlatformAdmin: (email: string, platformAdmin: boolean) =>
      central.user.updateMany({ where: { email: email.toLowerCase() }, data: { platformAdmin } }),

    // Sessions
    createSession: (s: { userId: string; tokenHash: string; csrfToken: string; expiresAt: Date; userAgent: string | null }) =>
      central.session.create({ data: s }),
    /** The hot path of every signed-in request: one indexed lookup. */
    async findSession(tokenHash: string): Promise<SessionUser | null> {
      const { rows } = await pool.query(
        preparedQuery(
          `SELECT s.id AS session_id, s.csrf_token, s.expires_at, s.last_seen_at, u.id AS user_id, u.email, u.name, u.platform_admin
             FROM public.sessions s JOIN public.users u ON u.id = s.user_id
            WHERE s.token_hash = $1 AND s.expires_at > now()`,
          [tokenHash],
        ),
      );
      const r = rows[0];
      if (!r) return null;
      return {
        sessionId: r.session_id,
        csrfToken: r.csrf_token,
        expiresAt: r.expires_at,
        lastSeenAt: r.last_seen_at,
        userId: r.user_id,
        email: r.email,
        name: r.name,
        platformAdmin: r.platform_admin,
      };
    },
    touchSession: (id: string) => pool.query(preparedQuery('UPDATE public.sessions SET last_seen_at = now() WHERE id = $1', [id])),
    deleteSession: (id: string) => central.session.deleteMany({ where: { id } }),
    deleteSessionsOf: (userId: string, except?: string) =>
      central.session.deleteMany({ where: { userId, ...(except ? { id: { not: except } } : {}) } }),
    deleteExpiredSessions: () => central.session.deleteMany({ where: { expiresAt: { lt: new Date() } } }),

    // Login attempts
    recordLoginAttempt: (a: { ip: string; email: string; succeeded: boolean }) => central.loginAttempt.create({ data: a }),
    async failuresSince(since: Date, by: { ip: string; email: string }): Promise<{ ip: number; email: number }> {
      const { rows } = await pool.query(
        preparedQuery(
          `SELECT (SELECT count(*) FROM public.login_attempts WHERE ip = $1 AND created_at > $3 AND NOT succeeded)::int AS ip,
                  (SELECT count(*) FROM public.login_attempts WHERE email = $2 AND created_at > $3 AND NOT succeeded)::int AS email`,
          [by.ip, by.email, since],
        ),
      );
      return { ip: rows[0].ip, email: rows[0].email };
    },
    pruneLoginAttempts: async (before: Date) => {
      await central.loginAttempt.deleteMany({ where: { createdAt: { lt: before } } });
      await central.authRateEvent.deleteMany({ where: { createdAt: { lt: before } } });
    },
    /**
     * Counts one event of `kind` for `key` unless `limit` were already counted within the
     * window: then nothing is counted and the answer says when the oldest of them leaves it.
     * One statement; two requests at the same instant may both pass (a limit, not a lock).
     */
    async takeRateSlot(kind: string, key: string, limit: number, windowSeconds: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
      const { rows } = await pool.query(
        preparedQuery(
          `WITH recent AS (
             SELECT count(*)::int AS n, min(created_at) AS oldest FROM public.auth_rate_events
              WHERE kind = $1 AND key = $2 AND created_at > now() - make_interval(secs => $4)
           ), ins AS (
             INSERT INTO public.auth_rate_events (kind, key) SELECT $1, $2 FROM recent WHERE n < $3
           )
           SELECT n, GREATEST(1, ceil(extract(epoch FROM (oldest + make_interval(secs => $4) - now()))))::int AS retry FROM recent`,
          [kind, key, limit, windowSeconds],
        ),
      );
      const row = rows[0] as { n: number; retry: number | null };
      return row.n < limit ? { ok: true } : { ok: false, retryAfterSeconds: row.retry ?? windowSeconds };
    },

    // Memberships
    companiesOf: (userId: string) =>
      central.membership.findMany({
        where: { userId },
        orderBy: { createdAt: 'asc' },
        select: { role: true, company: { select: { id: true, slug: true, name: true, status: true } } },
      }),
    /** A company by slug with the user's role in it (null role: not a member). */
    async companyAccess(slug: string, userId: string | null): Promise<CompanyAccess | null> {
      const { rows } = await pool.query(
        preparedQuery(
          `SELECT c.id, c.slug, c.name, c.schema_name, c.db_connection_config, c.status, m.role
             FROM public.companies c LEFT JOIN public.memberships m ON m.company_id = c.id AND m.user_id = $2
            WHERE c.slug = $1`,
          [slug, userId],
        ),
      );
      const r = rows[0];
      if (!r) return null;
      return { id: r.id, slug: r.slug, name: r.name, schemaName: r.schema_name, connection: r.db_connection_config, status: r.status, role: r.role };
    },
    membersOf: (companyId: string) =>
      central.membership.findMany({
        where: { companyId },
        orderBy: { createdAt: 'asc' },
        select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
      }),
    countMembers: (companyId: string, role: Role) => central.membership.count({ where: { companyId, role } }),
    addMembership: (m: { userId: string; companyId: string; role: Role }) =>
      central.membership.upsert({ where: { userId_companyId: { userId: m.userId, companyId: m.companyId } }, create: m, update: {} }),
    findMembership: (companyId: string, userId: string) => central.membership.findUnique({ where: { userId_companyId: { userId, companyId } } }),
    /**
     * Removes a member unless that would leave the company without an owner. The owners are
     * locked first, so two owners removing each other at once cannot both succeed.
     */
    async removeMember(companyId: string, userId: string): Promise<'removed' | 'not_found' | 'last_owner'> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const owners = await client.query(`SELECT user_id FROM public.memberships WHERE company_id = $1 AND role = 'owner' FOR UPDATE`, [companyId]);
        const target = await client.query(`SELECT role FROM public.memberships WHERE company_id = $1 AND user_id = $2 FOR UPDATE`, [companyId, userId]);
        const role = target.rows[0]?.role as Role | undefined;
        if (!role) {
          await client.query('ROLLBACK');
          return 'not_found';
        }
        if (role === 'owner' && owners.rowCount === 1) {
          await client.query('ROLLBACK');
          return 'last_owner';
        }
        await client.query('DELETE FROM public.memberships WHERE company_id = $1 AND user_id = $2', [companyId, userId]);
        await client.query('COMMIT');
        return 'removed';
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },

    // Invitations
    createInvitation: (i: { companyId: string; email: string; role: Role; tokenHash: string; invitedBy: string | null; expiresAt: Date }) =>
      central.invitation.create({ data: i }),
    listInvitations: (companyId: string) =>
      central.invitation.findMany({
        where: { companyId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: 'desc' },
      }),
    countPendingInvitations: (companyId: string, role: Role) =>
      central.invitation.count({ where: { companyId, role, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    findInvitationByToken: (tokenHash: string) =>
      central.invitation.findUnique({ where: { tokenHash }, include: { company: { select: { id: true, slug: true, name: true } } } }),
    revokeInvitation: (companyId: string, id: string) =>
      central.invitation.updateMany({ where: { id, companyId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } }),
    /**
     * Accepting is one transaction: the invitation is claimed (only while still open, so a link
     * works once even under two clicks at once) and the membership written with it.
     */
    /**
     * Claims the invitation (a conditional UPDATE: of two accepts at once, the second waits for
     * the first's row lock, then finds it taken) and writes the membership, in one transaction.
     */
    acceptInvitation: (id: string, userId: string, companyId: string, role: Role) =>
      central.$transaction(async (tx) => {
        const claimed = await tx.invitation.updateMany({
          where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
          data: { acceptedAt: new Date(), acceptedBy: userId },
        });
        if (claimed.count === 0) return false;
        await tx.membership.upsert({ where: { userId_companyId: { userId, companyId } }, create: { userId, companyId, role }, update: {} });
        return true;
      }),
    /**
     * The same claim for a person without an account: the account is created inside the claim's
     * transaction, so a link accepted twice at once creates one account and one membership (the
     * loser creates nothing). Null: the link was taken, revoked or expired meanwhile;
     * 'email_taken': an account with that email appeared (a sign-up at the same moment).
     */
    acceptInvitationAsNewUser: (id: string, companyId: string, role: Role, u: { email: string; name: string; passwordHash: string }) =>
      central
        .$transaction(async (tx) => {
          const claimed = await tx.invitation.updateMany({
            where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
            data: { acceptedAt: new Date() },
          });
          if (claimed.count === 0) return null;
          const user = await tx.user.create({ data: { ...u, email: u.email.toLowerCase() } });
          await tx.invitation.update({ where: { id }, data: { acceptedBy: user.id } });
          await tx.membership.create({ data: { userId: user.id, companyId, role } });
          return user.id;
        })
        .catch((err: unknown) => {
          if ((err as { code?: string }).code === 'P2002') return 'email_taken' as const;
          throw err;
        }),

    // Password resets
    createReset: (r: { userId: string; tokenHash: string; expiresAt: Date }) => central.passwordReset.create({ data: r }),
    /** Claims a valid reset once, sets the password and signs every session out, atomically. */
    useReset: (tokenHash: string, passwordHash: string) =>
      central.$transaction(async (tx) => {
        const reset = await tx.passwordReset.findUnique({ where: { tokenHash } });
        if (!reset) return null;
        const claimed = await tx.passwordReset.updateMany({
          where: { id: reset.id, usedAt: null, expiresAt: { gt: new Date() } },
          data: { usedAt: new Date() },
        });
        if (claimed.count === 0) return null;
        await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
        // Other open links of the same account die with it.
        await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: new Date() } });
        await tx.session.deleteMany({ where: { userId: reset.userId } });
        return reset.userId;
      }),

    // API keys
    createApiKey: (k: { companyId: string; name: string; keyHash: string; prefix: string; createdBy: string | null }) =>
      central.apiKey.create({ data: k, include: { creator: { select: { name: true, email: true } } } }),
    listApiKeys: (companyId: string) =>
      central.apiKey.findMany({ where: { companyId }, orderBy: { createdAt: 'asc' }, include: { creator: { select: { name: true, email: true } } } }),
    revokeApiKey: (companyId: string, id: string) =>
      central.apiKey.updateMany({ where: { id, companyId, revokedAt: null }, data: { revokedAt: new Date() } }),
    revokeAllApiKeys: (companyId: string) => central.apiKey.updateMany({ where: { companyId, revokedAt: null }, data: { revokedAt: new Date() } }),
    async findApiKey(keyHash: string): Promise<KeyCompany | null> {
      const { rows } = await pool.query(
        preparedQuery(
          `SELECT k.id, k.company_id, k.last_used_at, c.status FROM public.api_keys k JOIN public.companies c ON c.id = k.company_id
            WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
          [keyHash],
        ),
      );
      const r = rows[0];
      return r ? { keyId: r.id, companyId: r.company_id, companyStatus: r.status, lastUsedAt: r.last_used_at } : null;
    },
    touchApiKey: (id: string) => pool.query(preparedQuery('UPDATE public.api_keys SET last_used_at = now() WHERE id = $1', [id])),
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;

/**
 * Rows a new company is created with, inside the company's own transaction (companies
 * repository): its first API key and its owner. Kept here, next to the tables' other writes.
 */
export async function insertCompanyAccessRows(
  client: pg.PoolClient,
  companyId: string,
  rows: { apiKey?: { hash: string; prefix: string; name: string }; ownerUserId?: string },
): Promise<void> {
  if (rows.apiKey) {
    await client.query('INSERT INTO public.api_keys (id, company_id, name, key_hash, prefix) VALUES ($1,$2,$3,$4,$5)', [
      randomUUID(),
      companyId,
      rows.apiKey.name,
      rows.apiKey.hash,
      rows.apiKey.prefix,
    ]);
  }
  if (rows.ownerUserId) {
    await client.query(`INSERT INTO public.memberships (user_id, company_id, role) VALUES ($1, $2, 'owner')`, [rows.ownerUserId, companyId]);
  }
}
