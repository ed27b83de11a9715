import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { IncidentNotices } from '../incidents/incident-notices.js';
import { MonitoringNotices } from '../monitoring/monitoring-notices.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AssessmentNotices } from './assessment-notices.js';
import { ExpiryNotices } from './expiry-notices.js';
import { NoticeOutbox } from './notice-outbox.js';
import { ObligationNotices } from './obligation-notices.js';
import { OverdueConditionEvents } from './overdue-condition-events.js';
import { ReassessmentsService } from './reassessments.service.js';
import { ScheduleList } from './schedule-list.service.js';
import { SchedulesController } from './schedules.controller.js';
import { loadSchedulesConfig, SCHEDULES_CONFIG } from './schedules.config.js';
import { SchedulesJobs } from './schedules.jobs.js';
import { SweepHealth } from './sweep-health.js';
import { SweepScheduler } from './sweep.scheduler.js';
import { SweepService } from './sweep.service.js';

/** What is due and when: the sweep with its reminders and expiries, reassessments, the schedule list. */
@Module({
  imports: [NotificationsModule, AssessmentsModule, ReportsModule, WebhooksModule],
  controllers: [SchedulesController],
  providers: [
    { provide: SCHEDULES_CONFIG, useFactory: () => loadSchedulesConfig() },
    AssessmentNotices,
    ExpiryNotices,
    IncidentNotices,
    MonitoringNotices,
    NoticeOutbox,
    ObligationNotices,
    OverdueConditionEvents,
    ReassessmentsService,
    ScheduleList,
    SchedulesJobs,
    SweepHealth,
    SweepScheduler,
    SweepService,
  ],
  exports: [SweepService, SweepScheduler, SweepHealth, ReassessmentsService],
})
export class SchedulesModule {}
