import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { ApiTokenEntity } from '../auth/api-token.entity.js';
import { hashPassword } from '../auth/password.js';
import { Role } from '../auth/roles.js';
import { diff } from '../audit/changes.js';
import type { Actor } from '../common/actor.js';
import { entityTag, assertIfMatch } from '../common/etag.js';
import { conflict, notFound, unknownReference, validationFailed } from '../common/errors.js';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { accountCreatedMail } from '../notifications/templates.js';
import type { CreateUserRequest, UpdateUserRequest, UserListQuery } from './dto/user.dto.js';
import { VendorEntity } from '../vendors/vendor.entity.js';
import { UserEntity } from './user.entity.js';

/** Arbitrary constant: the advisory lock that serialises changes which could leave no active admin. */
const ADMIN_CHANGES_LOCK = 0x4153_5355;

const AUDITED_FIELDS: (keyof UserEntity)[] = ['email', 'name', 'role', 'vendorId', 'disabledAt'];

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: UserListQuery): Promise<Page<UserEntity>> {
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    return keysetPage(qb, byCreation('u'), query);
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw notFound('User');
    return user;
  }

  async create(actor: Actor, request: CreateUserRequest): Promise<UserEntity> {
    checkVendorLink(request.role, request.vendorId ?? null);
    const passwordHash = request.password ? await hashPassword(request.password) : null;
    return this.uow.run(actor, async (work) => {
      await assertVendorExists(work, request.vendorId);
      const user = await this.insertUser(work, { ...request, email: request.email.toLowerCase(), passwordHash });
      await this.notifications.queue(work, accountCreatedMail(user, this.config.publicUrl));
      return user;
    });
  }

  /** Creates a user inside a larger use case (first admin at boot, vendor user from an invitation). */
  async insertUser(work: Work, fields: Pick<UserEntity, 'email' | 'name' | 'role' | 'passwordHash'> & { vendorId?: string | null }): Promise<UserEntity> {
    const taken = await work.manager.existsBy(UserEntity, { email: fields.email });
    if (taken) throw conflict('email_taken', `A user with e-mail ${fields.email} already exists`);
    const user = await work.manager.save(work.manager.create(UserEntity, { ...fields, vendorId: fields.vendorId ?? null, disabledAt: null }));
    work.audit({ action: 'user.created', entityType: 'user', entityId: user.id, changes: diff(null, user, AUDITED_FIELDS) });
    return user;
  }

  async update(actor: Actor, id: string, request: UpdateUserRequest, ifMatch: string | undefined): Promise<UserEntity> {
    const passwordHash = request.password ? await hashPassword(request.password) : undefined;
    return this.uow.run(actor, async (work) => {
      // Two admins disabling each other at once would each still see the other as active.
      if (request.role !== undefined || request.disabled !== undefined) await work.manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGES_LOCK]);
      const user = await work.manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      assertIfMatch(ifMatch, entityTag(user.version));
      const before = { ...user };
      if (request.name !== undefined) user.name = request.name;
      if (request.role !== undefined) user.role = request.role;
      if (request.vendorId !== undefined) user.vendorId = request.vendorId;
      if (request.role !== undefined && request.role !== Role.Vendor && request.vendorId === undefined) user.vendorId = null;
      if (request.disabled !== undefined) user.disabledAt = request.disabled ? (user.disabledAt ?? new Date()) : null;
      checkVendorLink(user.role, user.vendorId);
      if (user.vendorId !== before.vendorId) await assertVendorExists(work, user.vendorId);
      await this.keepOneAdmin(work, before, user);
      const changes = diff(before, user, AUDITED_FIELDS);
      if (passwordHash) {
        user.passwordHash = passwordHash;
        changes.password = { before: '[redacted]', after: '[changed]' };
      }
      if (Object.keys(changes).length === 0) return user;
      const saved = await work.manager.save(user);
      if (user.disabledAt || passwordHash) await this.revokeTokens(work, user.id);
      work.audit({ action: 'user.updated', entityType: 'user', entityId: user.id, changes });
      return saved;
    });
  }

  /** Single sign-on: the provider's name and role for the user win at every sign-in (audited when they change). */
  async applyIdentityProviderProfile(work: Work, user: UserEntity, profile: Pick<UserEntity, 'name' | 'role'>): Promise<UserEntity> {
    if (user.name === profile.name && user.role === profile.role) return user;
    if (user.role !== profile.role) await work.manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGES_LOCK]);
    const before = { ...user };
    Object.assign(user, profile);
    await this.keepOneAdmin(work, before, user);
    const saved = await work.manager.save(user);
    work.audit({ action: 'user.updated', entityType: 'user', entityId: user.id, changes: diff(before, user, AUDITED_FIELDS) });
    return saved;
  }

  private async keepOneAdmin(work: Work, before: UserEntity, after: UserEntity): Promise<void> {
    const wasActiveAdmin = before.role === Role.Admin && !before.disabledAt;
    const isActiveAdmin = after.role === Role.Admin && !after.disabledAt;
    if (!wasActiveAdmin || isActiveAdmin) return;
    const others = await work.manager.countBy(UserEntity, { role: Role.Admin, disabledAt: IsNull(), id: Not(after.id) });
    if (others === 0) throw conflict('last_admin', 'The last active admin cannot be disabled or given another role');
  }

  private async revokeTokens(work: Work, userId: string): Promise<void> {
    await work.manager.update(ApiTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

async function assertVendorExists(work: Work, vendorId: string | null | undefined): Promise<void> {
  if (vendorId && !(await work.manager.existsBy(VendorEntity, { id: vendorId }))) throw unknownReference('vendorId', 'vendor');
}

function checkVendorLink(role: Role, vendorId: string | null): void {
  if (role === Role.Vendor && !vendorId) {
    throw validationFailed([{ field: 'vendorId', message: 'vendorId is required for a vendor user' }]);
  }
  if (role !== Role.Vendor && vendorId) {
    throw validationFailed([{ field: 'vendorId', message: 'vendorId is only for vendor users' }]);
  }
}
