import { Module } from '@nestjs/common';
import { MonitoringPlansController } from './monitoring-plans.controller.js';
import { MonitoringPlansService } from './monitoring-plans.service.js';

/** After approval: monitoring plans, the figures of each period with their colours, and what a colour does. */
@Module({
  controllers: [MonitoringPlansController],
  providers: [MonitoringPlansService],
  exports: [MonitoringPlansService],
})
export class MonitoringModule {}
