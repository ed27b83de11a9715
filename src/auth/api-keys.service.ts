import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { notFound, unprocessable } from '../common/errors.js';
import { byCreation, keysetPage, type Page, type PageQuery } from '../common/pagination.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { UserEntity } from '../users/user.entity.js';
import { ApiTokenEntity, TokenKind } from './api-token.entity.js';
import type { CreateApiKeyRequest } from './dto/auth.dto.js';
import { newTokenSecret } from './token-secret.js';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  list(page: PageQuery): Promise<Page<ApiTokenEntity>> {
    const qb = this.db.getRepository(ApiTokenEntity).createQueryBuilder('t').where('t.kind = :kind', { kind: TokenKind.ApiKey });
    return keysetPage(qb, byCreation('t'), page);
  }

  async create(actor: Actor, request: CreateApiKeyRequest): Promise<{ key: ApiTokenEntity; secret: string }> {
    const secret = newTokenSecret();
    return this.uow.run(actor, async (work) => {
      const userId = request.userId ?? actor.userId!;
      const owner = await work.manager.findOneBy(UserEntity, { id: userId });
      if (!owner) throw notFound('User');
      if (owner.disabledAt) throw unprocessable('user_disabled', 'A key cannot act as a disabled user');
      const key = await work.manager.save(
        work.manager.create(ApiTokenEntity, {
          kind: TokenKind.ApiKey,
          name: request.name,
          tokenHash: secret.hash,
          tokenHint: secret.hint,
          userId,
          createdBy: actor.userId,
          expiresAt: new Date(Date.now() + (request.expiresInDays ?? 90) * 24 * 3600_000),
        }),
      );
      work.audit({
        action: 'api_key.created',
        entityType: 'api_key',
        entityId: key.id,
        changes: { name: { before: null, after: key.name }, userId: { before: null, after: userId } },
      });
      return { key, secret: secret.secret };
    });
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.uow.run(actor, async (work) => {
      const key = await work.manager.findOneBy(ApiTokenEntity, { id, kind: TokenKind.ApiKey });
      if (!key) throw notFound('API key');
      if (key.revokedAt) return;
      const revokedAt = new Date();
      await work.manager.update(ApiTokenEntity, { id }, { revokedAt });
      work.audit({ action: 'api_key.revoked', entityType: 'api_key', entityId: id, changes: { revokedAt: { before: null, after: revokedAt.toISOString() } } });
    });
  }
}
