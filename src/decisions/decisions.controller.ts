import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { etagHeader } from '../common/api-docs.js';
import { Clock } from '../common/clock.js';
import { entityTag } from '../common/etag.js';
import { notFound } from '../common/errors.js';
import { IdPipe } from '../common/id.pipe.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { ConditionsService } from './conditions.service.js';
import { DecisionsService } from './decisions.service.js';
import { ConditionListQuery, ConditionPage, ConditionResponse, DecisionRequest, DecisionResponse, DisagreementRequest, UpdateConditionRequest } from './dto/decision.dto.js';

@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly conditions: ConditionsService,
    private readonly clock: Clock,
  ) {}

  @Post('assessments/:id/decision')
  @ApiOperation({ summary: 'Decide on an assessment, or confirm a pending decision' })
  @Authenticated(Role.RiskManager)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the assessment as reviewed; 412 if it changed since' })
  @ApiOkResponse({ type: DecisionResponse, description: 'Final, or pending_confirmation on a critical tier or a severe residual risk until a second, different risk manager confirms with the same call' })
  @ApiPreconditionFailedResponse({ type: ProblemResponse })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: '`prohibited_practice` (only a rejection; names the question or intake rule), `untriaged_findings` (drafts, listed), `blocking_findings` (high, critical or knockout findings no condition or valid risk acceptance covers, listed)',
  })
  async decideAssessment(
    @Param('id', IdPipe) id: string,
    @Body() body: DecisionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionResponse> {
    const { decision, conditions, steps } = await this.decisions.decide(actor, principal, id, body, ifMatch);
    return DecisionResponse.of(decision, conditions, steps, this.clock.today());
  }

  @Post('assessments/:id/decision/disagreement')
  @ApiOperation({ summary: 'Disagree with a pending decision' })
  @Authenticated(Role.RiskManager)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the assessment as reviewed; 412 if it changed since' })
  @ApiOkResponse({ type: DecisionResponse, description: 'The pending decision, now void; the assessment stays in review for a new proposal, and both rationales are kept in `steps`' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`no_pending_decision`, or `four_eyes` when the proposer disagrees with themself' })
  async disagreeWithDecision(
    @Param('id', IdPipe) id: string,
    @Body() body: DisagreementRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionResponse> {
    const { decision, conditions, steps } = await this.decisions.disagree(actor, principal, id, body, ifMatch);
    return DecisionResponse.of(decision, conditions, steps, this.clock.today());
  }

  @Get('assessments/:id/decision')
  @ApiOperation({ summary: 'Read an assessment\'s decision' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: DecisionResponse })
  async getAssessmentDecision(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<DecisionResponse> {
    const view = await this.decisions.get(principal, id);
    if (!view) throw notFound('Decision');
    return DecisionResponse.of(view.decision, view.conditions, view.steps, this.clock.today());
  }

  @Get('conditions')
  @ApiOperation({ summary: 'List approval conditions' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: ConditionPage, description: 'Soonest due first' })
  async listConditions(@Query() query: ConditionListQuery): Promise<ConditionPage> {
    const page = await this.conditions.list(query);
    return { items: page.items.map((c) => ConditionResponse.of(c, this.clock.today())), nextCursor: page.nextCursor };
  }

  @Patch('conditions/:id')
  @ApiOperation({ summary: 'Update an approval condition' })
  @Authenticated(Role.RiskManager, Role.Procurement)
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: ConditionResponse, headers: etagHeader('The new version, for the next update') })
  async updateCondition(
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateConditionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConditionResponse> {
    const condition = await this.conditions.resolve(actor, principal, id, body, ifMatch);
    void reply.header('etag', entityTag(condition.version));
    return ConditionResponse.of(condition, this.clock.today());
  }
}
