import { Module } from '@nestjs/common';
import { Mailer } from './mailer.js';
import { NotificationFailures } from './notification-failures.js';
import { NotificationRetries } from './notification-retries.js';
import { loadNotificationsConfig, NOTIFICATIONS_CONFIG } from './notifications.config.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationJobs } from './notifications.jobs.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  controllers: [NotificationsController],
  providers: [
    { provide: NOTIFICATIONS_CONFIG, useFactory: () => loadNotificationsConfig() },
    Mailer,
    NotificationsService,
    NotificationFailures,
    NotificationRetries,
    NotificationJobs,
  ],
  exports: [NotificationsService, NotificationRetries],
})
export class NotificationsModule {}
