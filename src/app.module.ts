import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AiSystemsController } from './ai-systems/ai-systems.controller.js';
import { AiSystemsService } from './ai-systems/ai-systems.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { ApiKeysController } from './auth/api-keys.controller.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthJobs } from './auth/auth.jobs.js';
import { AuthService } from './auth/auth.service.js';
import { IdempotencyInterceptor } from './common/idempotency.js';
import { ProblemFilter } from './common/problem.filter.js';
import type { AppConfig } from './config/config.js';
import { CoreModule } from './core.module.js';
import { HealthController } from './health/health.controller.js';
import { IntakeFormService } from './intakes/intake-form.service.js';
import { IntakesController } from './intakes/intakes.controller.js';
import { IntakesService } from './intakes/intakes.service.js';
import { Mailer } from './notifications/mailer.js';
import { NotificationJobs } from './notifications/notifications.jobs.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { FirstAdmin } from './users/first-admin.js';
import { UsersController } from './users/users.controller.js';
import { PortfolioController } from './portfolio/portfolio.controller.js';
import { PortfolioService } from './portfolio/portfolio.service.js';
import { UsersService } from './users/users.service.js';
import { VendorsController } from './vendors/vendors.controller.js';
import { VendorsService } from './vendors/vendors.service.js';

@Module({
  providers: [Mailer, NotificationsService, NotificationJobs],
  exports: [NotificationsService],
})
export class NotificationsModule {}

@Module({
  imports: [NotificationsModule],
  controllers: [AuthController, ApiKeysController, UsersController],
  providers: [AuthService, ApiKeysService, AuthJobs, UsersService, FirstAdmin, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService],
})
export class AccountsModule {}

@Module({ controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}

@Module({ controllers: [HealthController] })
export class HealthModule {}

/** Procurement's side: vendors, their AI systems, intakes with inherent tiering, the inventory. */
@Module({
  controllers: [VendorsController, AiSystemsController, IntakesController, PortfolioController],
  providers: [VendorsService, AiSystemsService, IntakeFormService, IntakesService, PortfolioService],
  exports: [VendorsService, AiSystemsService, IntakesService, IntakeFormService],
})
export class ProcurementModule {}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config), NotificationsModule, AccountsModule, AuditModule, HealthModule, ProcurementModule],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
