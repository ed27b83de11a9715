import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { Role } from '../auth/roles.js';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { createLifecycleLogger } from '../common/logger.js';
import { DomainError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { UserEntity } from './user.entity.js';
import { UsersService } from './users.service.js';

/** On an empty database, creates the first admin so that someone can sign in. */
@Injectable()
export class FirstAdmin {
  private readonly logger = new Logger('setup');

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ensure(): Promise<void> {
    if ((await this.db.getRepository(UserEntity).count({ take: 1 })) > 0) return;
    const email = this.config.adminEmail ?? 'admin@localhost';
    const generated = this.config.adminPassword ? undefined : randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(this.config.adminPassword ?? generated!);
    try {
      await this.uow.run(SYSTEM_ACTOR, (work) => this.users.insertUser(work, { email, name: 'Administrator', role: Role.Admin, passwordHash }));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'email_taken') return; // another process won the race
      throw error;
    }
    if (generated) {
      // Printed once, to stdout only: it is never stored or logged in clear anywhere else.
      createLifecycleLogger(this.config.logLevel).info(
        { email, initialPassword: generated },
        `First admin created: ${email} with password ${generated}. Change it after signing in (PATCH /api/v1/users/{id} with a new "password").`,
      );
    } else {
      this.logger.log({ email }, 'first admin created');
    }
  }
}
