import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { FirstAdmin } from '../users/first-admin.js';
import { UsersController } from '../users/users.controller.js';
import { UsersService } from '../users/users.service.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthJobs } from './auth.jobs.js';
import { AuthService } from './auth.service.js';
import { IdentityProvider } from './oidc/identity-provider.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';

/** Users, sign-in, sessions and API keys, and the one global guard. */
@Module({
  imports: [NotificationsModule],
  controllers: [AuthController, OidcController, ApiKeysController, UsersController],
  providers: [AuthService, IdentityProvider, OidcService, ApiKeysService, AuthJobs, UsersService, FirstAdmin, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService],
})
export class AccountsModule {}
