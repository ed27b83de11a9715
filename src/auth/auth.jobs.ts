import { Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { IdempotencyKeyEntity } from '../common/idempotency.entity.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName } from '../queue/jobs.js';
import { ApiTokenEntity } from './api-token.entity.js';

const DAY_MS = 24 * 3600 * 1000;

@Injectable()
export class AuthJobs {
  constructor(private readonly db: DataSource) {}

  /** Hourly: forgets tokens expired for a month and idempotency keys older than a day. */
  @JobHandler(JobName.PurgeExpiredTokens)
  async purgeExpiredTokens(): Promise<{ tokens: number; idempotencyKeys: number }> {
    const now = Date.now();
    const tokens = await this.db.getRepository(ApiTokenEntity).delete({ expiresAt: LessThan(new Date(now - 30 * DAY_MS)) });
    const keys = await this.db.getRepository(IdempotencyKeyEntity).delete({ createdAt: LessThan(new Date(now - DAY_MS)) });
    return { tokens: tokens.affected ?? 0, idempotencyKeys: keys.affected ?? 0 };
  }
}
