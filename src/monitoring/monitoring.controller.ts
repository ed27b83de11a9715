import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { IdPipe } from '../common/id.pipe.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { MonitoringSeriesResponse, MonitoringSubmissionRequest, MonitoringSubmissionResponse } from './dto/monitoring-submission.dto.js';
import { MonitoringSeriesService, submissionResponse } from './monitoring-series.service.js';
import { MonitoringSubmissionsService } from './monitoring-submissions.service.js';

@ApiTags('monitoring')
@Controller()
export class MonitoringController {
  constructor(
    private readonly submissions: MonitoringSubmissionsService,
    private readonly series: MonitoringSeriesService,
  ) {}

  @Post('ai-systems/:id/monitoring-submissions')
  @Authenticated(Role.Vendor, Role.RiskManager, Role.Procurement)
  @ApiOperation({ summary: 'Submit a period’s monitoring figures and get each rated green, amber or red against the plan in force' })
  @ApiCreatedResponse({ type: MonitoringSubmissionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system (or not the vendor’s own)' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`no_active_plan`; `already_submitted`: a metric already has a figure for the period' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: '`not_in_plan`: a figure the plan does not take from this submitter for this period; `future_period`; `unknown_reference` or `no_sample_metrics` for a validation run' })
  async submitMonitoringFigures(@Param('id', IdPipe) id: string, @Body() body: MonitoringSubmissionRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<MonitoringSubmissionResponse> {
    return submissionResponse(await this.submissions.submit(actor, principal, id, body), principal.role === Role.Vendor);
  }

  @Get('ai-systems/:id/monitoring')
  @Authenticated(...STAFF_ROLES)
  @ApiOperation({ summary: 'Read the monitoring time series per metric, with each period’s value, colour and thresholds' })
  @ApiOkResponse({ type: MonitoringSeriesResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system' })
  getMonitoringSeries(@Param('id', IdPipe) id: string): Promise<MonitoringSeriesResponse> {
    return this.series.series(id);
  }
}
