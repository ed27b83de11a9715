import { Module } from '@nestjs/common';
import { Mailer } from './mailer.js';
import { NotificationJobs } from './notifications.jobs.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  providers: [Mailer, NotificationsService, NotificationJobs],
  exports: [NotificationsService],
})
export class NotificationsModule {}
