import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../auth/access.decorator.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { IdPipe } from '../common/id.pipe.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { ApprovePlanRequest, MonitoringPlanRequest, MonitoringPlanResponse, PlanProposalResponse, PlanVersionResponse } from './dto/monitoring-plan.dto.js';
import { MonitoringPlansService } from './monitoring-plans.service.js';
import { describeMetric } from './plan-metrics.js';

@ApiTags('monitoring')
@Controller()
export class MonitoringPlansController {
  constructor(private readonly plans: MonitoringPlansService) {}

  @Get('ai-systems/:id/monitoring-plan')
  @Authenticated(...STAFF_ROLES)
  @ApiOperation({ summary: 'Read the monitoring plan in force and any version waiting for approval' })
  @ApiOkResponse({ type: MonitoringPlanResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system' })
  async getMonitoringPlan(@Param('id', IdPipe) id: string): Promise<MonitoringPlanResponse> {
    const { active, proposed } = await this.plans.read(id);
    return { active: active && PlanVersionResponse.of(active), proposed: proposed && PlanVersionResponse.of(proposed) };
  }

  @Put('ai-systems/:id/monitoring-plan')
  @Authenticated(Role.RiskManager)
  @ApiOperation({ summary: 'Write a new version of the monitoring plan, to be approved by another risk manager' })
  @ApiOkResponse({ type: PlanVersionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: '`unknown_reference`: an owner or escalation contact is not an active staff user' })
  async replaceMonitoringPlan(@Param('id', IdPipe) id: string, @Body() body: MonitoringPlanRequest, @CurrentActor() actor: Actor): Promise<PlanVersionResponse> {
    return PlanVersionResponse.of(await this.plans.propose(actor, id, body));
  }

  @Post('ai-systems/:id/monitoring-plan/approve')
  @HttpCode(200)
  @Authenticated(Role.RiskManager)
  @ApiOperation({ summary: 'Approve the proposed monitoring plan version and put it in force' })
  @ApiOkResponse({ type: PlanVersionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`four_eyes`: the author cannot approve; `plan_changed`: another version is proposed now; `no_proposed_plan`' })
  async approveMonitoringPlan(@Param('id', IdPipe) id: string, @Body() body: ApprovePlanRequest, @CurrentActor() actor: Actor): Promise<PlanVersionResponse> {
    return PlanVersionResponse.of(await this.plans.approve(actor, id, body.version));
  }

  @Get('ai-systems/:id/monitoring-plan/proposal')
  @Authenticated(Role.RiskManager, Role.Auditor)
  @ApiOperation({ summary: 'Propose a starting monitoring plan from the tier, the model type and the last validation run' })
  @ApiOkResponse({ type: PlanProposalResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system' })
  async getMonitoringPlanProposal(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<PlanProposalResponse> {
    const { metrics, reasons } = await this.plans.proposal(actor, id);
    return { metrics: metrics.map((m) => describeMetric(m)), submissionWindowDays: 15, reasons };
  }
}
