import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { AccountsRepository, Role } from './accounts.repository.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import type { AuthService } from './auth.service.ts';
import type { Mailer } from './mailer.ts';
import { hashPassword } from './passwords.ts';
import { INVITATION_PREFIX, newSecret, sha256 } from './secret-tokens.ts';

const INVITATION_DAYS = 7;

/** Staff seats of a company's plan (the plans module): PLAN_LIMIT when one more would exceed them. */
export type SeatCheck = (companyId: string, staffNow: number) => Promise<void>;

type InvitationRow = Awaited<ReturnType<AccountsRepository['listInvitations']>>[number];
const invitationView = (i: InvitationRow) => ({ id: i.id, email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt });

/** A company's people: members, invitations by link, removal (never the last owner). */
export function createTeamService(deps: {
  repo: AccountsRepository;
  auth: AuthService;
  mailer: Mailer;
  logger: Logger;
  publicUrl: () => string | undefined;
  assertStaffSeat: SeatCheck;
}) {
  const { repo } = deps;

  /** Staff now, counting open invitations: seats are promised when the link is made. */
  async function staffCount(companyId: string, withInvitations: boolean) {
    const members = await repo.countMembers(companyId, 'staff');
    return withInvitations ? members + (await repo.countPendingInvitations(companyId, 'staff')) : members;
  }

  return {
    async members(companyId: string) {
      return (await repo.membersOf(companyId)).map((r) => ({ userId: r.user.id, email: r.user.email, name: r.user.name, role: r.role as Role, since: r.createdAt }));
    },

    async removeMember(companyId: string, userId: string) {
      const result = await repo.removeMember(companyId, userId);
      if (result === 'not_found') throw new AppError('NOT_FOUND', m.memberNotFound);
      if (result === 'last_owner') throw new AppError('CONFLICT', m.lastOwner);
      deps.logger.info({ companyId, userId }, 'member removed');
    },

    async invitations(companyId: string) {
      return (await repo.listInvitations(companyId)).map(invitationView);
    },

    /** The link is returned once (to share on WhatsApp) and also mailed when SMTP is configured. */
    async invite(company: { id: string; name: string }, input: { email: string; role: Role }, inviter: { id: string; name: string } | null) {
      const email = input.email.toLowerCase();
      const existing = await repo.findUserByEmail(email);
      if (existing && (await repo.findMembership(company.id, existing.id))) throw new AppError('CONFLICT', m.alreadyMember);
      if (input.role === 'staff') await deps.assertStaffSeat(company.id, await staffCount(company.id, true));
      const token = newSecret(INVITATION_PREFIX);
      const row = await repo.createInvitation({
        companyId: company.id,
        email,
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: inviter?.id ?? null,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      });
      const link = `${deps.publicUrl() ?? ''}/panel/invitacion#token=${token}`;
      await deps.mailer
        .send({ to: email, subject: m.invitationSubject(company.name), text: m.invitationBody(company.name, inviter?.name ?? 'El equipo', link) })
        .catch((err: unknown) => deps.logger.error({ err, companyId: company.id }, 'invitation mail could not be sent'));
      return { invitation: invitationView(row), token, link };
    },

    async revokeInvitation(companyId: string, id: string) {
      const { count } = await repo.revokeInvitation(companyId, id);
      if (count === 0) throw new AppError('NOT_FOUND', m.invitationNotFound);
    },

    /** What a link invites to, for the page that asks to accept it. */
    async preview(token: string) {
      const inv = await repo.findInvitationByToken(sha256(token));
      if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) throw new AppError('NOT_FOUND', m.invitationInvalid);
      return { company: { slug: inv.company.slug, name: inv.company.name }, email: inv.email, role: inv.role as Role, expiresAt: inv.expiresAt };
    },

    /**
     * The signed-in user whose email the invitation names, or a new account for that email (name
     * and password given): a membership with the invited role. The link works once.
     */
    async accept(token: string, who: { userId: string } | { name: string; password: string } | null, userAgent: string | null) {
      const inv = await repo.findInvitationByToken(sha256(token));
      if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) throw new AppError('NOT_FOUND', m.invitationInvalid);
      const role = inv.role as Role;
      if (role === 'staff') await deps.assertStaffSeat(inv.companyId, await staffCount(inv.companyId, false));
      let userId: string;
      let session;
      if (who && 'userId' in who) {
        const user = await repo.findUserById(who.userId);
        if (!user) throw new AppError('UNAUTHORIZED', m.sessionInvalid);
        if (user.email !== inv.email) throw new AppError('FORBIDDEN', m.invitationOtherEmail(inv.email));
        userId = user.id;
      } else if (who) {
        const existing = await repo.findUserByEmail(inv.email);
        if (existing) throw new AppError('CONFLICT', m.emailTaken);
        const created = await repo.acceptInvitationAsNewUser(inv.id, inv.companyId, role, { email: inv.email, name: who.name, passwordHash: await hashPassword(who.password) });
        if (created === 'email_taken') throw new AppError('CONFLICT', m.emailTaken);
        if (created === null) throw new AppError('NOT_FOUND', m.invitationInvalid);
        deps.logger.info({ companyId: inv.companyId, userId: created, role }, 'invitation accepted with a new account');
        return { company: { slug: inv.company.slug, name: inv.company.name }, role, session: await deps.auth.issueSession(created, userAgent) };
      } else {
        throw new AppError('UNAUTHORIZED', m.invitationNeedsAccount);
      }
      if (!(await repo.acceptInvitation(inv.id, userId, inv.companyId, role))) throw new AppError('NOT_FOUND', m.invitationInvalid);
      deps.logger.info({ companyId: inv.companyId, userId, role }, 'invitation accepted');
      return { company: { slug: inv.company.slug, name: inv.company.name }, role, session };
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
