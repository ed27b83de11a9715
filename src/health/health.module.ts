import { Module } from '@nestjs/common';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [SchedulesModule], controllers: [HealthController] })
export class HealthModule {}
