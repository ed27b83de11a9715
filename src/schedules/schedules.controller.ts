import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { AssessmentResponse } from '../assessments/dto/assessment.dto.js';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { ReassessRequest, SchedulePage, ScheduleQuery } from './dto/schedule.dto.js';
import { ReassessmentsService } from './reassessments.service.js';
import { ScheduleList } from './schedule-list.service.js';

@ApiTags('schedules')
@Controller()
export class SchedulesController {
  constructor(
    private readonly schedule: ScheduleList,
    private readonly reassessments: ReassessmentsService,
    private readonly assessments: AssessmentsService,
  ) {}

  @Get('schedules')
  @ApiOperation({ summary: 'List what falls due in a window' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: SchedulePage, description: 'Reassessments, due dates, conditions, remediation items, expiring risk acceptances and evidence in a window of days' })
  listSchedules(@Query() query: ScheduleQuery): Promise<SchedulePage> {
    return this.schedule.list(query);
  }

  @Post('ai-systems/:id/reassess')
  @ApiOperation({ summary: 'Start a reassessment cycle for an AI system' })
  @Authenticated(Role.Procurement, Role.RiskManager)
  @Idempotent()
  @ApiCreatedResponse({ type: AssessmentResponse, description: "A new cycle from the latest intake with the previous cycle's contacts, due in 30 days: a draft, or sent when the AI system auto-sends" })
  @ApiConflictResponse({ type: ProblemResponse, description: 'A cycle of this AI system is still open (open_cycle_exists)' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'No intake (intake_missing) or no vendor contact (contacts_missing)' })
  async reassessAiSystem(
    @Param('id', IdPipe) id: string,
    @Body() body: ReassessRequest,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AssessmentResponse> {
    const assessment = await this.reassessments.reassess(actor, principal, id, body.reason, body.note);
    return AssessmentResponse.of(assessment, await this.assessments.contactIds(assessment.id));
  }
}
