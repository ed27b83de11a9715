import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { loadMonitoringConfig, MONITORING_CONFIG } from './monitoring.config.js';
import { MonitoringController } from './monitoring.controller.js';
import { MonitoringOutcome } from './monitoring-outcome.js';
import { MonitoringPlansController } from './monitoring-plans.controller.js';
import { MonitoringPlansService } from './monitoring-plans.service.js';
import { MonitoringSeriesService } from './monitoring-series.service.js';
import { MonitoringSubmissionsService } from './monitoring-submissions.service.js';

/** After approval: monitoring plans, the figures of each period with their colours, and what a colour does. */
@Module({
  imports: [NotificationsModule],
  controllers: [MonitoringPlansController, MonitoringController],
  providers: [{ provide: MONITORING_CONFIG, useFactory: () => loadMonitoringConfig() }, MonitoringPlansService, MonitoringSubmissionsService, MonitoringOutcome, MonitoringSeriesService],
  exports: [MonitoringPlansService, MONITORING_CONFIG],
})
export class MonitoringModule {}
