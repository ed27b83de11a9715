import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AccountsModule } from './auth/accounts.module.js';
import { IdempotencyInterceptor } from './common/idempotency.js';
import { ProblemFilter } from './common/problem.filter.js';
import type { AppConfig } from './config/config.js';
import { CoreModule } from './core.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { ExchangeModule } from './exchange/exchange.module.js';
import { HealthModule } from './health/health.module.js';
import { ReviewModule } from './decisions/decisions.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { QuestionnairesModule } from './questionnaires/questionnaires.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { ProcurementModule } from './vendors/procurement.module.js';
import { ValidationModule } from './validation/validation.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config), NotificationsModule, AccountsModule, AuditModule, HealthModule, ProcurementModule, QuestionnairesModule, AssessmentsModule, EvidenceModule, ReportsModule, ReviewModule, SchedulesModule, ValidationModule, MonitoringModule, IncidentsModule, WebhooksModule, ExchangeModule],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
