import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, In, IsNull } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AuthService, type IssuedToken } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import { sha256Hex } from '../auth/token-secret.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { badRequest, conflict } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { mayInvite } from '../domain/assessment-state.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { invitationMail, type LinkMail, type MailContent } from '../notifications/templates.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { VendorContactEntity } from '../vendors/vendor-contact.entity.js';
import { VendorEntity } from '../vendors/vendor.entity.js';
import { AssessmentAccess, move } from './assessment-access.js';
import { AssessmentContactEntity } from './assessment-contact.entity.js';
import { AssessmentEntity } from './assessment.entity.js';
import { InvitationEntity } from './invitation.entity.js';

export const INVITATION_TTL_DAYS = 14;

/** Why a link does not work. A 256-bit token cannot be guessed, so saying why leaks nothing. */
export type InvitationRefusal = 'unknown' | 'expired' | 'used' | 'replaced';

const REFUSALS: Record<InvitationRefusal, string> = {
  unknown: 'This invitation link is not valid: open it exactly as it was sent, or ask for a new one',
  expired: 'This invitation link has expired: ask for a new one',
  used: 'This invitation link has been used already: sign in with the password you set, or ask for a new link',
  replaced: 'A newer invitation replaced this link: use the link in the latest e-mail, or ask for a new one',
};

function refusalOf(invitation: InvitationEntity | null, now: Date): InvitationRefusal | null {
  if (!invitation) return 'unknown';
  if (invitation.acceptedAt) return 'used';
  if (invitation.revokedAt) return 'replaced';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : null;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends (or sends again) the questionnaire: one new single-use link per contact, mailed after
   * commit. A resend replaces the links not used yet.
   */
  send(actor: Actor, principal: Principal, id: string) {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      if (!mayInvite(assessment.status)) {
        throw conflict('invalid_state', `The assessment is ${assessment.status}: it cannot be sent now`, { currentState: assessment.status });
      }
      const resend = assessment.status !== 'draft';
      if (!resend) {
        move(assessment, 'send');
        assessment.sentAt = this.clock.now();
        await work.manager.save(assessment);
      }
      const invitations = await this.issueLinks(work, assessment, (link) => invitationMail({ ...link, resend }));
      work.audit({
        action: resend ? 'assessment.resent' : 'assessment.sent',
        entityType: 'assessment',
        entityId: id,
        changes: { ...(resend ? {} : { status: { before: 'draft', after: 'sent' } }), invitedContacts: { before: null, after: invitations.map((i) => i.contactId) } },
      });
      return { status: assessment.status, invitations };
    });
  }

  /**
   * One new single-use link per contact of the assessment, each mailed (after commit) with the
   * message `compose` writes; links not used yet are replaced.
   */
  async issueLinks(work: Work, assessment: AssessmentEntity, compose: (link: LinkMail) => MailContent): Promise<{ contactId: string; email: string; expiresAt: Date }[]> {
    const links = await work.manager.findBy(AssessmentContactEntity, { assessmentId: assessment.id });
    const contacts = await work.manager.findBy(VendorContactEntity, { id: In(links.map((link) => link.contactId)) });
    const system = await work.manager.findOneByOrFail(AiSystemEntity, { id: assessment.aiSystemId });
    const vendor = await work.manager.findOneByOrFail(VendorEntity, { id: assessment.vendorId });
    const now = this.clock.now();
    await work.manager.update(InvitationEntity, { assessmentId: assessment.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: now });
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
    const sent = [];
    for (const contact of contacts) {
      const token = randomBytes(32).toString('base64url');
      const invitation = await work.manager.save(
        work.manager.create(InvitationEntity, { assessmentId: assessment.id, contactId: contact.id, tokenHash: sha256Hex(token), expiresAt, createdBy: work.actor.userId }),
      );
      await this.notifications.queue(
        work,
        compose({
          invitationId: invitation.id,
          contact,
          vendorName: vendor.legalName,
          systemName: system.name,
          dueDate: assessment.dueDate,
          link: `${this.config.publicUrl}/invite#token=${token}`,
        }),
      );
      sent.push({ contactId: contact.id, email: contact.email, expiresAt });
    }
    return sent;
  }

  /**
   * Turns an invitation into a session scoped to the contact's vendor, creating the vendor user
   * on first use. A link that does not work says why and, when the link is known, who sent it.
   */
  async accept(token: string, name: string, password: string | undefined, requestId: string): Promise<IssuedToken & { assessmentId: string }> {
    const passwordHash = password ? await hashPassword(password) : undefined;
    const invitation = await this.db.getRepository(InvitationEntity).findOneBy({ tokenHash: sha256Hex(token) });
    const refusal = refusalOf(invitation, this.clock.now());
    if (refusal || !invitation) throw await this.refused(refusal ?? 'unknown', invitation);
    const contact = await this.db.getRepository(VendorContactEntity).findOneByOrFail({ id: invitation.contactId });
    const existing = await this.db.getRepository(UserEntity).findOneBy({ email: contact.email });
    if (existing && (existing.role !== Role.Vendor || existing.vendorId !== contact.vendorId || existing.disabledAt)) {
      throw conflict('email_in_use', 'This e-mail address belongs to another account; ask the buyer to invite another contact');
    }
    const actor: Actor = { userId: existing?.id ?? null, role: Role.Vendor, requestId };
    return this.uow.run(actor, async (work) => {
      // The update only succeeds once: two simultaneous accepts cannot both get a session.
      const claimed = await work.manager.update(InvitationEntity, { id: invitation.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { acceptedAt: this.clock.now() });
      if (!claimed.affected) throw await this.refused('used', invitation);
      let user = existing;
      if (!user) {
        user = await this.users.insertUser(work, { email: contact.email, name, role: Role.Vendor, passwordHash: passwordHash ?? null, vendorId: contact.vendorId });
      } else if (passwordHash) {
        await work.manager.update(UserEntity, { id: user.id }, { passwordHash });
        work.audit({ action: 'user.password_set', entityType: 'user', entityId: user.id, changes: { password: { before: '[redacted]', after: '[changed]' } } });
      }
      await work.manager.update(InvitationEntity, { id: invitation.id }, { acceptedBy: user.id });
      work.audit({ action: 'invitation.accepted', entityType: 'assessment', entityId: invitation.assessmentId, changes: { contactId: { before: null, after: contact.id } } });
      return { ...(await this.auth.issueSession(work, user, 'invitation')), assessmentId: invitation.assessmentId };
    });
  }

  /** The refusal, naming the person who sent the link so that the vendor knows whom to ask. */
  private async refused(reason: InvitationRefusal, invitation: InvitationEntity | null) {
    const sender = invitation?.createdBy ? await this.db.getRepository(UserEntity).findOneBy({ id: invitation.createdBy }) : null;
    return badRequest('invitation_invalid', REFUSALS[reason], { reason, ...(sender ? { sentBy: { name: sender.name, email: sender.email } } : {}) });
  }
}
