import { Module } from '@nestjs/common';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { IncidentMail } from './incident-mail.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';

/** Vendor incidents with the deployer's DORA, EU AI Act and GDPR reporting clocks. */
@Module({
  imports: [NotificationsModule, MonitoringModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentMail],
})
export class IncidentsModule {}
