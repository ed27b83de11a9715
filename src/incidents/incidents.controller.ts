import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ALL_ROLES, Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { IdPipe } from '../common/id.pipe.js';
import { mapPage, PageQuery } from '../common/pagination.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { ClassifyIncidentRequest, IncidentPage, IncidentResponse, RecordNotificationRequest, ReportIncidentRequest } from './dto/incident.dto.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@Controller()
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
  ) {}

  @Post('ai-systems/:id/incidents')
  @Authenticated(Role.Vendor, Role.Procurement, Role.RiskManager)
  @ApiOperation({ summary: 'Report an incident of an AI system (the vendor for its own systems, or staff)' })
  @ApiCreatedResponse({ type: IncidentResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system (or not the vendor’s own)' })
  async reportIncident(@Param('id', IdPipe) id: string, @Body() body: ReportIncidentRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<IncidentResponse> {
    return IncidentResponse.of(await this.incidents.report(actor, principal, id, body), this.clock.now(), principal.role === Role.Vendor);
  }

  @Get('ai-systems/:id/incidents')
  @Authenticated(...ALL_ROLES)
  @ApiOperation({ summary: 'List the incidents of an AI system, newest first' })
  @ApiOkResponse({ type: IncidentPage })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system (or not the vendor’s own)' })
  async listAiSystemIncidents(@Param('id', IdPipe) id: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<IncidentPage> {
    const now = this.clock.now();
    return mapPage(await this.incidents.list(principal, id, query), (i) => IncidentResponse.of(i, now, principal.role === Role.Vendor));
  }

  @Get('incidents/:id')
  @Authenticated(...ALL_ROLES)
  @ApiOperation({ summary: 'Read an incident with its classification and reporting deadlines' })
  @ApiOkResponse({ type: IncidentResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such incident (or not the vendor’s own)' })
  async getIncident(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<IncidentResponse> {
    return IncidentResponse.of(await this.incidents.get(principal, id), this.clock.now(), principal.role === Role.Vendor);
  }

  @Post('incidents/:id/classification')
  @HttpCode(200)
  @Authenticated(Role.RiskManager)
  @ApiOperation({ summary: 'Classify an incident (DORA major, EU AI Act serious, personal-data breach) and compute its reporting deadlines' })
  @ApiOkResponse({ type: IncidentResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such incident' })
  async classifyIncident(@Param('id', IdPipe) id: string, @Body() body: ClassifyIncidentRequest, @CurrentActor() actor: Actor): Promise<IncidentResponse> {
    return IncidentResponse.of(await this.incidents.classify(actor, id, body), this.clock.now(), false);
  }

  @Post('incidents/:id/notifications')
  @HttpCode(200)
  @Authenticated(Role.RiskManager)
  @ApiOperation({ summary: 'Record a notification made to an authority for one of the incident’s deadlines' })
  @ApiOkResponse({ type: IncidentResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such incident' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: '`no_such_deadline`: the classification brings no such deadline' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`already_notified`' })
  async recordIncidentNotification(@Param('id', IdPipe) id: string, @Body() body: RecordNotificationRequest, @CurrentActor() actor: Actor): Promise<IncidentResponse> {
    return IncidentResponse.of(await this.incidents.recordNotification(actor, id, body), this.clock.now(), false);
  }
}
