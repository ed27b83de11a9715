import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { FindingsController } from '../findings/findings.controller.js';
import { FindingsService } from '../findings/findings.service.js';
import { RiskAcceptancesService } from '../findings/risk-acceptances.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ConditionsService } from './conditions.service.js';
import { DecisionGates } from './decision-gates.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';

/** The risk manager's side after submission: findings, risk acceptances, decisions and conditions. */
@Module({
  imports: [AssessmentsModule, NotificationsModule],
  controllers: [FindingsController, DecisionsController],
  providers: [FindingsService, RiskAcceptancesService, DecisionsService, DecisionGates, ConditionsService],
  exports: [FindingsService, DecisionsService, ConditionsService],
})
export class ReviewModule {}
