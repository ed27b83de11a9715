import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError, tooManyRequests, unauthorized } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { UserEntity } from '../users/user.entity.js';
import { ApiTokenEntity, TokenKind } from './api-token.entity.js';
import { MemoryFailureStore, RedisFailureStore } from './login-failures.js';
import { LOGIN_POLICIES, LoginLimiter } from './login-limiter.js';
import { DECOY_HASH, verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import { Role } from './roles.js';
import { looksLikeToken, newTokenSecret, sha256Hex } from './token-secret.js';

const LAST_USED_RESOLUTION_MS = 60_000;

/** Staff sign in through single sign-on; admins keep their password as the way in when the provider is down. */
const localLoginDisabled = () =>
  new DomainError(403, 'local_login_disabled', "Staff sign in with the organisation's account here, not with a password");

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly limiter: LoginLimiter;

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    clock: Clock,
  ) {
    const failures = config.redisUrl ? new RedisFailureStore(config.redisUrl, config.queuePrefix) : new MemoryFailureStore();
    this.limiter = new LoginLimiter(clock, LOGIN_POLICIES, failures);
  }

  onApplicationBootstrap(): void {
    this.limiter.open();
  }

  async onModuleDestroy(): Promise<void> {
    await this.limiter.close();
  }

  /** Same answer, and about the same time, for an unknown e-mail and a wrong password. */
  async login(email: string, password: string, clientIp: string, requestId: string): Promise<IssuedToken> {
    const normalized = email.trim().toLowerCase();
    const attempt = { account: normalized, address: clientIp };
    const wait = await this.limiter.retryAfter(attempt);
    if (wait > 0) throw tooManyRequests(`Too many failed sign-ins from this address; try again in ${wait} s`, wait);

    const user = await this.db.getRepository(UserEntity).findOneBy({ email: normalized });
    const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !user.passwordHash || !valid || user.disabledAt) {
      await this.limiter.fail(attempt);
      throw unauthorized('The e-mail or password is not correct');
    }
    await this.limiter.succeed(attempt);
    // Checked after the password, so the answer tells nothing to someone who does not know it.
    if (this.config.localLogin === 'vendors-only' && user.role !== Role.Vendor && user.role !== Role.Admin) throw localLoginDisabled();
    const actor: Actor = { userId: user.id, role: user.role, requestId };
    return this.uow.run(actor, async (work) => this.issueSession(work, user, 'login'));
  }

  /** Opens a session for a user inside the caller's transaction (login, invitation acceptance). */
  async issueSession(work: Work, user: UserEntity, how: string): Promise<IssuedToken> {
    const secret = newTokenSecret();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    const token = await work.manager.save(
      work.manager.create(ApiTokenEntity, {
        kind: TokenKind.Session,
        name: null,
        tokenHash: secret.hash,
        tokenHint: secret.hint,
        userId: user.id,
        createdBy: user.id,
        expiresAt,
      }),
    );
    work.audit({ action: `session.${how}`, entityType: 'user', entityId: user.id, changes: { session: { before: null, after: token.id } } });
    return { token: secret.secret, expiresAt, user };
  }

  async logout(principal: Principal, actor: Actor): Promise<void> {
    await this.uow.run(actor, async (work) => {
      await work.manager.update(ApiTokenEntity, { id: principal.tokenId, revokedAt: IsNull() }, { revokedAt: new Date() });
      work.audit({ action: 'session.logout', entityType: 'user', entityId: principal.userId });
    });
  }

  /** Resolves a bearer token to its principal; null when unknown, expired, revoked or disabled. */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!looksLikeToken(secret)) return null;
    const token = await this.db
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.user', 'u')
      .where('t.token_hash = :hash', { hash: sha256Hex(secret) })
      .getOne();
    const now = Date.now();
    if (!token?.user || token.revokedAt || token.expiresAt.getTime() <= now || token.user.disabledAt) return null;
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Bookkeeping, not a mutation of the product's data: no audit event.
      void this.db.getRepository(ApiTokenEntity).update({ id: token.id }, { lastUsedAt: new Date(now) }).catch(() => undefined);
    }
    const { user } = token;
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      vendorId: user.vendorId,
      tokenId: token.id,
      tokenKind: token.kind,
    };
  }
}
